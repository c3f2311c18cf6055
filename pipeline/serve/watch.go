package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Settle is how long the watcher waits after a file event for more before
// it updates the site: an editor's save is often several events (write,
// chmod, rename of a backup).
const Settle = 15 * time.Millisecond

// Watch watches the content tree at root (a folder on disk) and calls
// s.Changed with the files that changed, until ctx ends. Folders named in
// skip (slash paths relative to root, such as the output folder) and
// hidden files are not watched.
func (s *Server) Watch(ctx context.Context, root string, skip ...string) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("serve: watch: %w", err)
	}
	defer w.Close()
	skipped := func(rel string) bool {
		if rel == "." {
			return false
		}
		base := filepath.Base(rel)
		if strings.HasPrefix(base, ".") && !strings.HasPrefix(base, ".openpublishing") {
			return true
		}
		for _, p := range skip {
			if rel == p || strings.HasPrefix(rel, p+"/") {
				return true
			}
		}
		return false
	}
	add := func(dir string) error {
		return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			if skipped(filepath.ToSlash(rel)) {
				return filepath.SkipDir
			}
			return w.Add(p)
		})
	}
	if err := add(root); err != nil {
		return fmt.Errorf("serve: watch: %w", err)
	}
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			if s.log != nil {
				fmt.Fprintf(s.log, "helpsite: watch: %v\n", err)
			}
		case ev, ok := <-w.Events:
			if !ok {
				return errors.New("serve: watch: the watcher stopped")
			}
			rel, err := filepath.Rel(root, ev.Name)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			if skipped(rel) || editorTemp(rel) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					add(ev.Name)
				}
			}
			pending[rel] = true
			timer.Reset(Settle)
		case <-timer.C:
			paths := slices.Sorted(maps.Keys(pending))
			clear(pending)
			if _, err := s.Changed(ctx, paths); err != nil && s.log != nil {
				fmt.Fprintf(s.log, "helpsite: %v\n", err)
			}
		}
	}
}

// editorTemp reports files editors write beside the one being saved.
func editorTemp(rel string) bool {
	b := filepath.Base(rel)
	return strings.HasSuffix(b, "~") || strings.HasSuffix(b, ".swp") || strings.HasSuffix(b, ".swx") ||
		strings.HasPrefix(b, "#") || strings.HasSuffix(b, ".tmp") || b == "4913"
}
