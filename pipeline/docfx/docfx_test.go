package docfx

import (
	"testing"

	"github.com/helpsite/helpsite/pipeline/source"
)

const sample = `{
  "build": {
    "content": [
      { "files": ["**/*.md", "**/**.yml"], "src": "Client", "exclude": ["**/includes/**", "README.md"] },
      { "files": ["*.md"], "src": "./Hub/" }
    ],
    "globalMetadata": { "ms.service": "office", "titleSuffix": "Office" },
    "fileMetadata": {
      "ms.service": {
        "**/*.md": "generic",
        "Client/Excel/**/*.md": "excel"
      },
      "author": { "Hub/*.md": "hubwriter" }
    }
  }
}`

func TestDocset(t *testing.T) {
	d := Parse("Office/docfx.json", source.Decode([]byte(sample)))
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	if d.Dir != "Office" || len(d.Content) != 2 || d.Content[1].Src != "Hub" {
		t.Fatalf("docset %+v", d)
	}
	builds := map[string]bool{
		"Client/word/a.md":           true,
		"Client/a.md":                true,
		"Client/includes/snippet.md": false,
		"Client/README.md":           false,
		"Hub/index.md":               true,
		"Hub/deep/x.md":              false, // "*.md" is one folder deep only
		"Other/x.md":                 false,
		"Client/word/landing.yml":    true,
	}
	for p, want := range builds {
		if got := d.Builds(p); got != want {
			t.Errorf("Builds(%q) = %v; want %v", p, got, want)
		}
	}
	// Later globs win; glob matching ignores letter case.
	meta := func(rel, key string) string {
		v := ""
		for _, m := range d.Global {
			if m.Key == key {
				v = m.Node.Str
			}
		}
		for _, m := range d.FileMeta {
			if m.Key == key && Match(m.Glob, rel) {
				v = m.Node.Str
			}
		}
		return v
	}
	for _, tt := range []struct{ rel, key, want string }{
		{"Client/word/a.md", "ms.service", "generic"},
		{"Client/excel/charts/a.md", "ms.service", "excel"},
		{"Hub/index.md", "ms.service", "generic"},
		{"Hub/index.md", "author", "hubwriter"},
		{"Client/word/a.md", "author", ""},
		{"top.md", "titleSuffix", "Office"},
	} {
		if got := meta(tt.rel, tt.key); got != tt.want {
			t.Errorf("%s %s = %q; want %q", tt.rel, tt.key, got, tt.want)
		}
	}
}

func TestSetFor(t *testing.T) {
	root := &Docset{Dir: "."}
	office := &Docset{Dir: "Office"}
	client := &Docset{Dir: "Office/Client"}
	s := Set{client, root, office}
	for p, want := range map[string]*Docset{
		"Office/Client/a.md": client,
		"Office/a.md":        office,
		"OfficeX/a.md":       root,
		"a.md":               root,
	} {
		if got := s.For(p); got != want {
			t.Errorf("For(%q) = %v; want %v", p, got.Dir, want.Dir)
		}
	}
	if got := (Set{office}).For("Teams/a.md"); got != nil {
		t.Errorf("For outside every docset = %v; want nil", got)
	}
}

func TestInvalidJSON(t *testing.T) {
	d := Parse("docfx.json", source.Decode([]byte("{\n  \"build\": {,}\n}")))
	if d.Err == nil {
		t.Fatal("no error for invalid JSON")
	}
	if p := source.Decode([]byte("{\n  \"build\": {,}\n}")).Pos(d.Err.Offset); p.Line != 2 {
		t.Errorf("error at line %d; want 2", p.Line)
	}
}

func TestURL(t *testing.T) {
	d := Parse("Office/docfx.json", source.Decode([]byte(`{"build": {
		"content": [
			{"files": ["**/*.md", "**/*.yml"], "src": "Client", "dest": ".", "exclude": ["**/includes/**"]},
			{"files": ["**/*.md"], "src": "Hub", "dest": "hub"}
		],
		"globalMetadata": {"breadcrumb_path": "/office/troubleshoot/breadcrumb/toc.json"}}}`)))
	if d.Base != "/office/troubleshoot/" {
		t.Fatalf("Base = %q", d.Base)
	}
	for rel, want := range map[string]string{
		"Client/word/x.md":           "/office/troubleshoot/word/x",
		"Client/index.md":            "/office/troubleshoot/",
		"Client/word/index.md":       "/office/troubleshoot/word/",
		"Client/welcome.yml":         "/office/troubleshoot/welcome",
		"Hub/a.md":                   "/office/troubleshoot/hub/a",
		"Client/includes/snippet.md": "",
		"Other/x.md":                 "",
	} {
		got, ok := d.URL(rel)
		if got != want || ok != (want != "") {
			t.Errorf("URL(%q) = %q, %v; want %q", rel, got, ok, want)
		}
	}
}
