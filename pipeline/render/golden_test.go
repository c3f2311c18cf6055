package render

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpsite/helpsite/pipeline/article"
	"github.com/helpsite/helpsite/pipeline/links"
	"github.com/helpsite/helpsite/pipeline/source"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/*.txt (check the diff by hand)")

// Golden files use goldmark's spec format (_test/extra.txt):
//
//	N[: description]
//	//- - - - - - - - -//
//	Markdown
//	//- - - - - - - - -//
//	expected HTML (then one line per finding: "finding RULE LINE:COL")
//	//= = = = = = = = = = = = = = = = = = = = = = = =//
//
// Every case is rendered as the article docs/article.md (shc.txt: as a
// self-help article), with the fake site of testFiles for includes and
// testLink for links.
const (
	caseSep  = "//- - - - - - - - -//"
	caseEnd  = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
	casePath = "docs/article.md"
)

type goldenCase struct {
	header, input, want string
}

func readCases(t *testing.T, file string) []goldenCase {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []goldenCase
	for _, chunk := range strings.Split(string(b), caseEnd+"\n") {
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		parts := strings.Split(chunk, caseSep+"\n")
		if len(parts) != 3 {
			t.Fatalf("%s: malformed case %q", file, chunk)
		}
		out = append(out, goldenCase{header: strings.TrimSpace(parts[0]), input: parts[1], want: parts[2]})
	}
	return out
}

func writeCases(t *testing.T, file string, cases []goldenCase) {
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n\n\n")
		}
		fmt.Fprintf(&b, "%s\n%s\n%s%s\n%s%s\n", c.header, caseSep, c.input, caseSep, c.want, caseEnd)
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// testFiles is the fake content tree the include cases read.
var testFiles = map[string]string{
	"docs/includes/note.md":      "> [!NOTE]\n> Included note with [a link](../other.md) and ![pic](media/p.png).\n",
	"docs/includes/inline.md":    "inline *text* [here](a.md)\n",
	"docs/includes/heading.md":   "## Shared heading\n\nShared text.\n",
	"docs/includes/self.md":      "Self.\n\n[!INCLUDE [self](self.md)]\n",
	"docs/includes/a.md":         "A includes B.\n\n[!INCLUDE [b](b.md)]\n",
	"docs/includes/b.md":         "B includes A.\n\n[!INCLUDE [a](a.md)]\n",
	"docs/includes/two-paras.md": "One.\n\nTwo.\n",
}

func init() {
	for i := range 12 {
		testFiles[fmt.Sprintf("docs/includes/deep%d.md", i)] = fmt.Sprintf("Level %d.\n\n[!INCLUDE [next](deep%d.md)]\n", i, i+1)
	}
}

func testLoad(p string) *article.Article {
	s, ok := testFiles[p]
	if !ok {
		return nil
	}
	a := article.Parse(p, source.Decode([]byte(s)), article.Learn)
	a.Include = true
	return a
}

// testLink writes relative .md links as site URLs and relative images as
// root paths, as the site builder does.
func testLink(from, dest string, kind links.Kind) (string, bool) {
	t := links.Parse(dest)
	if t.Kind != links.Relative {
		return "", false
	}
	p, ok := links.Resolve(from, t.Path)
	if !ok {
		return "", false
	}
	if kind == links.Link && strings.HasSuffix(p, ".md") {
		u := "/" + strings.TrimSuffix(p, ".md") + "/"
		if t.Fragment != "" {
			u += "#" + t.Fragment
		}
		return u, true
	}
	return "/" + p, true
}

func newTestRenderer() *Renderer {
	return New(Options{Load: testLoad, Link: testLink})
}

func renderCase(r *Renderer, input string, f article.Format) (string, error) {
	a := article.Parse(casePath, source.Decode([]byte(input)), f)
	p, err := r.Render(a)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	b.Write(p.Body)
	for _, d := range p.Findings {
		fmt.Fprintf(&b, "finding %s %s:%d:%d\n", d.Rule, d.File, d.Pos.Line, d.Pos.Column)
	}
	if b.Len() > 0 && !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
		b.WriteByte('\n') // the golden format needs a line end
	}
	return b.String(), nil
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := newTestRenderer()
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		if name == "xss" {
			continue
		}
		format := article.Learn
		if name == "shc" {
			format = article.SHC
		}
		t.Run(name, func(t *testing.T) {
			cases := readCases(t, file)
			changed := false
			for i, c := range cases {
				got, err := renderCase(r, c.input, format)
				if err != nil {
					t.Fatalf("case %s: %v", c.header, err)
				}
				if got != c.want {
					if *update {
						cases[i].want, changed = got, true
						continue
					}
					t.Errorf("case %s\n--- input\n%s--- want\n%s--- got\n%s", c.header, c.input, c.want, got)
				}
			}
			if changed {
				writeCases(t, file, cases)
			}
		})
	}
}
