package pipeline

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/helpsite/helpsite/pipeline/config"
	"github.com/helpsite/helpsite/pipeline/diag"
)

// TestExternalLinks: with External set, broken and permanently moved
// http(s) links are reported where they are written, and a suppression
// comment silences one. Only a local server is asked.
func TestExternalLinks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
		case "/old":
			http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	body := `<properties pageTitle="A" description="d" articleId="a-1" selfHelpType="generic"
	cloudEnvironments="public" ownershipId="T" authors="x" />
# A

- [works](URL/ok#part)
- [moved](URL/old)
- [gone](URL/gone)
<!-- helpsite-disable-next-line link-external-broken -->
- [gone but known](URL/gone-too)
`
	fsys := fstest.MapFS{"a.md": {Data: []byte(strings.ReplaceAll(body, "URL", srv.URL))}}
	cfg := config.DefaultConfig()
	cfg.External.Ignore = nil // the server is on loopback, which the defaults skip
	_, l := lintTree(t, fsys, Options{Config: cfg, ReferenceDate: referenceDate, External: true})
	l = slices.DeleteFunc(l, func(d diag.Diagnostic) bool { return !strings.HasPrefix(d.Rule, "link-external-") })
	got := stripMessages(format(l))
	want := "a.md:6:11 link-external-redirect\na.md:7:10 link-external-broken\n"
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	for _, d := range l {
		if d.Rule == "link-external-redirect" && (d.Fix == nil || d.Fix.Edits[0].New != srv.URL+"/ok") {
			t.Errorf("redirect finding without the fix to %s/ok: %+v", srv.URL, d.Fix)
		}
	}
}
