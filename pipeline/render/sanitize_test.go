package render

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/source"
)

// checkSafe reports what is unsafe in rendered HTML: elements that run or
// load code, event handler attributes, javascript:/vbscript:/data: URLs,
// frames from hosts that are not allowed.
func checkSafe(r *Renderer, body []byte) []string {
	var bad []string
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return bad
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "object", "embed", "meta", "base", "form", "style", "link", "applet", "frame", "frameset", "svg", "math", "input", "button", "textarea", "select":
			if tok.Data == "input" && attr(tok, "type") == "checkbox" {
				break
			}
			bad = append(bad, "element "+tok.String())
		case "iframe":
			if src, ok := attrOK(tok, "src"); !ok || !r.videoAllowed(src) {
				bad = append(bad, "iframe not allowed: "+tok.String())
			}
		}
		for _, a := range tok.Attr {
			k := strings.ToLower(a.Key)
			if strings.HasPrefix(k, "on") || k == "style" || k == "formaction" || k == "srcdoc" {
				bad = append(bad, "attribute "+a.Key+" in "+tok.String())
			}
			switch k {
			case "href", "src", "action", "background", "lowsrc", "dynsrc", "data", "poster", "xlink:href":
				if s := scheme(a.Val); s == "javascript" || s == "vbscript" || s == "data" {
					bad = append(bad, "URL scheme "+s+" in "+tok.String())
				}
			}
		}
	}
}

func attr(t html.Token, k string) string { v, _ := attrOK(t, k); return v }

func attrOK(t html.Token, k string) (string, bool) {
	for _, a := range t.Attr {
		if a.Key == k {
			return a.Val, true
		}
	}
	return "", false
}

// scheme returns the lower-case scheme of a URL as a browser reads it:
// entities are already decoded by the tokenizer; white space and control
// characters are dropped.
func scheme(u string) string {
	var b strings.Builder
	for _, r := range u {
		if r == ':' {
			return strings.ToLower(b.String())
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == 0 {
			continue
		}
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return ""
		}
		b.WriteRune(r)
	}
	return ""
}

func renderString(t testing.TB, r *Renderer, md string, f article.Format) []byte {
	t.Helper()
	a := article.Parse("docs/x.md", source.Decode([]byte(md)), f)
	p, err := r.Render(a)
	if err != nil {
		t.Fatal(err)
	}
	return p.Body
}

func TestXSS(t *testing.T) {
	b, err := os.ReadFile("testdata/xss.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := newTestRenderer()
	blocks := strings.Split(string(b), "%%%%\n")[1:]
	if len(blocks) < 40 {
		t.Fatalf("only %d cases", len(blocks))
	}
	for _, c := range blocks {
		for _, f := range []article.Format{article.Learn, article.SHC} {
			body := renderString(t, r, c, f)
			for _, p := range checkSafe(r, body) {
				t.Errorf("input %q\noutput %q\nunsafe: %s", c, body, p)
			}
		}
	}
}

func TestSanitizeKeeps(t *testing.T) {
	r := newTestRenderer()
	md := "| a | b |\n|---|---|\n| 1 | 2<br>3 |\n\n<a name=\"keep\"></a>\n\nText<br/>more <kbd>Ctrl</kbd>\n\n[!VIDEO https://www.youtube.com/embed/x]\n"
	body := string(renderString(t, r, md, article.Learn))
	for _, want := range []string{"<table>", "<td>2<br>3</td>", `<a name="keep"></a>`, "<br/>", "<kbd>Ctrl</kbd>", `<iframe src="https://www.youtube.com/embed/x"`} {
		if !strings.Contains(body, want) {
			t.Errorf("%q missing from\n%s", want, body)
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# [A](#tab/a)\n\nx\n\n# [B](#tab/b)\n\n---\n",
		"> [!NOTE]\n> x <script>alert(1)</script>\n",
		":::image type=\"complex\" source=\"a.png\" alt-text=\"x\":::\n\nd\n\n:::image-end:::\n",
		"[!INCLUDE [n](includes/note.md)] and [!INCLUDE [a](includes/a.md)]\n",
		"<!--issueDescription-->\n<!--$a-->[a]<!--/$a-->\n<!--/issueDescription-->\n[x](data-blade:A.B)\n---\n{\"formElements\":[{\"displayLabel\":\"<q>\"}]}\n---\n",
		"<a href=\"jav&#x09;ascript:alert(1)\">x</a> <img src=x onerror=alert(1)>",
		"[!VIDEO https://www.youtube.com/embed/x]\n",
		":::Section A:::\n\n<metric>\n<name>CPU</name>\n</metric>\n\n<insight>\n\n    <executionText>x</executionText>\n\n</insight>\n\n<videoGroup>\n<video>\n<src>javascript:x</src>\n</video>\n</videoGroup>\n\n<azureKB>portal</azureKB>\n",
	} {
		f.Add(s)
	}
	r := newTestRenderer()
	f.Fuzz(func(t *testing.T, s string) {
		for _, format := range []article.Format{article.Learn, article.SHC} {
			body := renderString(t, r, s, format)
			if bad := checkSafe(r, body); len(bad) > 0 {
				t.Fatalf("input %q\noutput %q\nunsafe: %v", s, body, bad)
			}
		}
	})
}

// TestCheckSafe makes sure the checker itself sees the attacks.
func TestCheckSafe(t *testing.T) {
	r := newTestRenderer()
	for _, s := range []string{
		`<script>x</script>`, `<img src=x onerror=alert(1)>`, `<a href="jav&#x09;ascript:alert(1)">`,
		`<a href=" JAVASCRIPT:x">`, `<iframe src="https://evil.example.com/"></iframe>`, `<a href="data:text/html,x">`,
		`<meta http-equiv="refresh">`, `<base href="/">`, `<form>`, `<object>`, `<embed>`, `<a href="&#1;javascript:x">`,
	} {
		if len(checkSafe(r, []byte(s))) == 0 {
			t.Errorf("checkSafe misses %q", s)
		}
	}
}
