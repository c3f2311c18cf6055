package site

import (
	"testing"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/render"
)

// A renderer that fails (here: panics on an article without a body) is an
// error for that article, not the end of the build.
func TestRenderSafe(t *testing.T) {
	if _, err := renderSafe(render.New(render.Options{}), &article.Article{Path: "x.md"}); err == nil {
		t.Error("no error from a failed render")
	}
}

func TestURLs(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"azure/x.md", "/azure/x/"}, {"azure/index.md", "/azure/"}, {"index.md", "/"}, {"a b/c.md", "/a b/c/"},
	} {
		if got, ok := pageURL(nil, c.in); !ok || got != c.want {
			t.Errorf("pageURL(%q) = %q; want %q", c.in, got, c.want)
		}
	}
	if got := outPath("/a/b/"); got != "a/b/index.html" {
		t.Errorf("outPath = %q", got)
	}
	if got := slug(" Microsoft.Compute / VMs "); got != "microsoft-compute-vms" {
		t.Errorf("slug = %q", got)
	}
	b := &builder{}
	b.setBase("https://org.github.io/repo")
	if b.basePath != "/repo/" || b.absBase != "https://org.github.io/repo/" || b.href("/a b/") != "/repo/a%20b/" || b.abs("/x/") != "https://org.github.io/repo/x/" {
		t.Errorf("base %q abs %q href %q", b.basePath, b.absBase, b.href("/a b/"))
	}
}
