// Package redirect reads .openpublishing.redirection.json files: the
// articles that moved or were deleted (source_path) and where readers go
// instead (redirect_url), with the place of every entry.
package redirect

import (
	"path"
	"strings"
	"sync"

	"github.com/helpsite/helpsite/pipeline/internal/jsonpos"
	"github.com/helpsite/helpsite/pipeline/source"
)

// Entry is one redirection.
type Entry struct {
	File string // the redirection file, relative to the content root
	// Source is the moved article's path relative to the content root
	// (source_path, or source_path_from_root without its leading "/").
	Source             string
	SourceStart        int // offsets of the values in File
	SourceEnd          int
	URL                string // redirect_url as written
	URLStart, URLEnd   int
	Start              int // the entry's opening brace
	RedirectDocumentID bool
}

// File is one parsed redirection file.
type File struct {
	Path    string
	Text    *source.Text
	Entries []Entry
	Err     *jsonpos.Error // not JSON: no entries
}

// Parse reads a redirection file found at p in the content tree. Source
// paths are relative to the folder holding the file.
func Parse(p string, text *source.Text) *File {
	f := &File{Path: p, Text: text}
	root, err := jsonpos.Parse(text.Bytes)
	if err != nil {
		f.Err = err.(*jsonpos.Error)
		return f
	}
	dir := path.Dir(p)
	for _, item := range root.Get("redirections").Items {
		e := Entry{File: p, Start: item.Start}
		if v := item.Get("source_path_from_root"); v != nil && v.Kind == jsonpos.String {
			e.Source = strings.TrimPrefix(v.Str, "/")
			e.SourceStart, e.SourceEnd = v.Start+1, v.End-1
		} else if v := item.Get("source_path"); v != nil && v.Kind == jsonpos.String {
			e.Source = clean(path.Join(dir, v.Str))
			e.SourceStart, e.SourceEnd = v.Start+1, v.End-1
		}
		if v := item.Get("redirect_url"); v != nil && v.Kind == jsonpos.String {
			e.URL = v.Str
			e.URLStart, e.URLEnd = v.Start+1, v.End-1
		}
		if v := item.Get("redirect_document_id"); v != nil && v.Kind == jsonpos.Bool {
			e.RedirectDocumentID = v.Bool
		}
		f.Entries = append(f.Entries, e)
	}
	return f
}

func clean(p string) string {
	p = path.Clean(strings.ReplaceAll(p, `\`, "/"))
	return strings.TrimPrefix(p, "./")
}

// Set is every redirection of a content tree, looked up by source path.
// It may be lazy: read on first use.
type Set struct {
	once     sync.Once
	load     func() []*File
	files    []*File
	bySource map[string][]*Entry // lower-case source path
}

// NewLazySet returns a set whose files load reads on first use.
func NewLazySet(load func() []*File) *Set { return &Set{load: load} }

func (s *Set) ensure() {
	s.once.Do(func() { s.index(s.load()) })
}

// Files returns the redirection files of the set.
func (s *Set) Files() []*File {
	if s == nil {
		return nil
	}
	s.ensure()
	return s.files
}

func (s *Set) index(files []*File) {
	s.files, s.bySource = files, map[string][]*Entry{}
	for _, f := range files {
		for i := range f.Entries {
			e := &f.Entries[i]
			if e.Source != "" {
				k := strings.ToLower(e.Source)
				s.bySource[k] = append(s.bySource[k], e)
			}
		}
	}
}

// From returns the entry whose source is p (letter case aside), or nil.
func (s *Set) From(p string) *Entry {
	if s == nil {
		return nil
	}
	s.ensure()
	if es := s.bySource[strings.ToLower(p)]; len(es) > 0 {
		return es[0]
	}
	return nil
}

// Entries returns every entry in file order.
func (s *Set) Entries() []*Entry {
	var out []*Entry
	for _, f := range s.Files() {
		for i := range f.Entries {
			out = append(out, &f.Entries[i])
		}
	}
	return out
}
