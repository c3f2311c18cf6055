// Command floor is the least work any builder of a help site from a
// content tree must do, timed as a whole process beside Hugo and helpsite
// (bench/hugo/run.sh, HELPSITE=floor): read every Markdown file, decode
// its YAML front matter, convert it with goldmark (GFM and footnotes, no
// DocFX extensions, no checks, no sanitizing, no navigation), write it as
// <path>/index.html in a one-line page, and hard-link (or copy) every
// image beside it, with one worker per core (GOMAXPROCS). The output folder
// must not exist.
//
// With --search it also indexes every article with helpsite's bleve
// mapping (title, description, the Markdown as the body) and writes the
// static index exported from it, as helpsite build does.
//
// It is a yardstick, not a tool: how far below Hugo (and Pagefind) any
// goldmark-based builder can get on this machine bounds the speed-up
// helpsite can reach.
//
//	floor build --src DIR --out DIR [--search]
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/sync/errgroup"

	"github.com/helpsite/helpsite/pipeline/search"
)

func main() {
	const usage = "usage: floor COMMAND\n\n  build --src DIR --out DIR [--search]   build the content tree DIR into a new folder\n"
	if len(os.Args) == 2 && (os.Args[1] == "--help" || os.Args[1] == "-h") {
		fmt.Print(usage) // bench/hugo/run.sh looks for the build command here
		return
	}
	if len(os.Args) < 2 || os.Args[1] != "build" {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	fl := flag.NewFlagSet("build", flag.ExitOnError)
	src := fl.String("src", "", "content tree")
	out := fl.String("out", "", "output folder (must not exist)")
	withSearch := fl.Bool("search", false, "also build the bleve index and export the static one")
	_ = fl.Parse(os.Args[2:])
	if *src == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "floor build: --src and --out are required")
		os.Exit(2)
	}
	if err := build(context.Background(), *src, *out, *withSearch); err != nil {
		fmt.Fprintln(os.Stderr, "floor build:", err)
		os.Exit(1)
	}
}

var images = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true}

func build(ctx context.Context, src, out string, withSearch bool) error {
	// A new folder only: pages and images written over an earlier run's
	// could write through its hard links into the content tree.
	if _, err := os.Lstat(out); err == nil {
		return fmt.Errorf("%s exists; give a new output folder", out)
	}
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != src {
			return filepath.SkipDir
		}
		ext := strings.ToLower(filepath.Ext(p))
		if d.Type().IsRegular() && (ext == ".md" || images[ext]) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	docs := make([]search.Doc, len(files)) // by file; images leave theirs empty
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range files {
		g.Go(func() error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			rel, err := filepath.Rel(src, p)
			if err != nil {
				return err
			}
			if !strings.EqualFold(filepath.Ext(p), ".md") {
				return linkOrCopy(p, filepath.Join(out, rel))
			}
			slug := filepath.ToSlash(strings.TrimSuffix(rel, filepath.Ext(rel)))
			docs[i] = search.Doc{ID: filepath.ToSlash(rel), URL: "/" + slug + "/"}
			return page(md, p, filepath.Join(out, filepath.FromSlash(slug), "index.html"), &docs[i])
		})
	}
	if err := g.Wait(); err != nil || !withSearch {
		return err
	}
	docs = slices.DeleteFunc(docs, func(d search.Doc) bool { return d.ID == "" })
	search.SortDocs(docs)
	ix, err := search.Build("", docs)
	if err != nil {
		return err
	}
	defer ix.Close()
	dir := filepath.Join(out, "search-data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return ix.Export(docs, func(name string, data []byte) error {
		return os.WriteFile(filepath.Join(dir, name), data, 0o644)
	})
}

// page writes the article at from as the page to, and fills in what
// search is given of it.
func page(md goldmark.Markdown, from, to string, doc *search.Doc) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	var meta map[string]any
	body, err := frontmatter.Parse(bytes.NewReader(b), &meta)
	if err != nil {
		body = b // a broken block renders as text, as Hugo's would fail the page
	}
	var buf bytes.Buffer
	title, _ := meta["title"].(string)
	doc.Title = title
	doc.Description, _ = meta["description"].(string)
	doc.Body = string(body)
	fmt.Fprintf(&buf, "<!doctype html><title>%s</title><main>", html.EscapeString(title))
	if err := md.Convert(body, &buf); err != nil {
		return fmt.Errorf("%s: %w", from, err)
	}
	buf.WriteString("</main>\n")
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, buf.Bytes(), 0o644)
}

func linkOrCopy(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	if os.Link(from, to) == nil {
		return nil
	}
	r, err := os.Open(from)
	if err != nil {
		return err
	}
	defer r.Close()
	// O_EXCL: a file already there may be a hard link to a source image
	// (from an earlier run), which os.Create would truncate.
	w, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
