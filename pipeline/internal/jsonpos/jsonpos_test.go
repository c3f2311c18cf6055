package jsonpos

import "testing"

func TestParse(t *testing.T) {
	src := `{"a": [1, "two", true, null], "b": {"c": "d"}, "a": "again"}`
	n, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n.Kind != Object || len(n.Fields) != 3 {
		t.Fatalf("root %+v", n)
	}
	check := func(what string, start, end int, want string) {
		t.Helper()
		if got := src[start:end]; got != want {
			t.Errorf("%s spans %q; want %q", what, got, want)
		}
	}
	a := n.Fields[0]
	check("key a", a.KeyStart, a.KeyEnd, `"a"`)
	check("value a", a.Value.Start, a.Value.End, `[1, "two", true, null]`)
	check("item two", a.Value.Items[1].Start, a.Value.Items[1].End, `"two"`)
	if a.Value.Items[0].Kind != Number || a.Value.Items[0].Str != "1" || !a.Value.Items[2].Bool || a.Value.Items[3].Kind != Null {
		t.Errorf("items %+v", a.Value.Items)
	}
	check("value b", n.Fields[1].Value.Start, n.Fields[1].Value.End, `{"c": "d"}`)
	if got := n.Get("a"); got != a.Value {
		t.Error("Get returns the first of duplicate keys")
	}
	if n.Fields[2].Value.Str != "again" {
		t.Error("duplicate key not kept")
	}
}

func TestErrors(t *testing.T) {
	for src, off := range map[string]int{
		`{"a": 1,}`:  8,
		`{"a" 1}`:    5,
		`[1, 2`:      5,
		`{"a": 1} x`: 9,
		``:           0,
	} {
		_, err := Parse([]byte(src))
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Parse(%q) error = %v; want *Error", src, err)
			continue
		}
		if e.Offset != off {
			t.Errorf("Parse(%q) error at %d (%s); want %d", src, e.Offset, e.Msg, off)
		}
	}
}
