package gitdiff

import "testing"

func TestParseHunks(t *testing.T) {
	diff := `diff --git a/a.md b/a.md
index 1..2 100644
--- a/a.md
+++ b/a.md
@@ -3 +3 @@ x
-old
+new
@@ -10,0 +11,2 @@
+++ b/not-a-header.md
+added
@@ -20,2 +21,0 @@
-gone
-gone
diff --git a/gone.md b/gone.md
--- a/gone.md
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git "a/sp\tace.md" "b/sp\tace.md"
--- "a/sp\tace.md"
+++ "b/sp\tace.md"
@@ -1,0 +2 @@
+y
`
	l, err := parseHunks([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file     string
		from, to int
		want     bool
	}{
		{"a.md", 3, 3, true},
		{"a.md", 4, 10, false},
		{"a.md", 12, 14, true},
		{"a.md", 21, 21, false}, // only deleted there
		{"not-a-header.md", 1, 100, false},
		{"sp\tace.md", 2, 2, true},
		{"sp\tace.md", 1, 1, false},
	}
	for _, tt := range tests {
		if got := l.Changed(tt.file, tt.from, tt.to); got != tt.want {
			t.Errorf("Changed(%q, %d, %d) = %v; want %v", tt.file, tt.from, tt.to, got, tt.want)
		}
	}
}
