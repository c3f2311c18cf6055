package render

import (
	"strings"
	"sync"
	"testing"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/source"
)

func TestHeadingsAndConcurrency(t *testing.T) {
	r := newTestRenderer()
	md := "# Title\n\n## Step\n\n[!INCLUDE [h](includes/heading.md)]\n\n# [Win](#tab/win)\n\n### Inside\n\n---\n"
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			a := article.Parse("docs/x.md", source.Decode([]byte(md)), article.Learn)
			p, err := r.Render(a)
			if err != nil {
				t.Error(err)
				return
			}
			var got []string
			for _, h := range p.Headings {
				got = append(got, h.ID+"="+h.Text)
			}
			want := "title=Title step=Step shared-heading=Shared heading inside=Inside"
			if g := strings.Join(got, " "); g != want {
				t.Errorf("headings %q, want %q", g, want)
			}
		})
	}
	wg.Wait()
}

func TestRenderNil(t *testing.T) {
	if _, err := New(Options{}).Render(nil); err == nil || !strings.HasPrefix(err.Error(), "render: ") {
		t.Errorf("err = %v", err)
	}
}

func TestVideoHosts(t *testing.T) {
	r := New(Options{VideoHosts: []string{"videos.example.com"}})
	body := string(renderString(t, r, "[!VIDEO https://videos.example.com/v/1]\n\n[!VIDEO https://www.youtube.com/embed/x]\n", article.Learn))
	if !strings.Contains(body, `<iframe src="https://videos.example.com/v/1"`) || strings.Contains(body, `<iframe src="https://www.youtube.com`) {
		t.Errorf("custom hosts not honoured:\n%s", body)
	}
	if bad := checkSafe(r, []byte(body)); len(bad) > 0 {
		t.Error(bad)
	}
}
