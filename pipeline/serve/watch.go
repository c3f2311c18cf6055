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

	"github.com/helpsite/helpsite/pipeline/source"
)

// Settle is how long the watcher waits after a file event for more before
// it updates the site: an editor's save is often several events (write,
// chmod, rename of a backup).
const Settle = 15 * time.Millisecond

// Watcher watches a content tree for a Server.
type Watcher struct {
	s    *Server
	w    *fsnotify.Watcher
	root string
	skip []string
}

// Watch starts watching the content tree at root (a folder on disk): every
// folder the tree's walk reads, less those named in skip (slash paths
// relative to root, such as the output folder). Run then reports the
// changes to s until its context ends.
func (s *Server) Watch(root string, skip ...string) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("serve: watch: %w", err)
	}
	w := &Watcher{s: s, w: fw, root: root, skip: skip}
	if err := w.add(root); err != nil {
		fw.Close()
		return nil, fmt.Errorf("serve: watch %s: %w (on Linux, raise fs.inotify.max_user_watches)", root, err)
	}
	return w, nil
}

// skipped reports the files and folders whose changes do not matter.
func (w *Watcher) skipped(rel string, dir bool) bool {
	if rel == "." {
		return false
	}
	for _, p := range w.skip {
		if rel == p || strings.HasPrefix(rel, p+"/") {
			return true
		}
	}
	return source.Ignored(rel, dir) || !dir && editorTemp(rel)
}

// add watches dir and the folders below it (adding one already watched
// does nothing).
func (w *Watcher) add(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // gone meanwhile, or unreadable
		}
		if !d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(w.root, p)
		if w.skipped(filepath.ToSlash(rel), true) {
			return filepath.SkipDir
		}
		return w.w.Add(p)
	})
}

func (w *Watcher) logf(format string, args ...any) {
	if w.s.log != nil {
		fmt.Fprintf(w.s.log, "helpsite: "+format+"\n", args...)
	}
}

// Run reports changes until ctx ends, then stops watching.
func (w *Watcher) Run(ctx context.Context) error {
	defer w.w.Close()
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.w.Errors:
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: look at everything again.
				w.logf("watch: too many changes at once; rebuilding the whole site")
				pending["."] = true
				timer.Reset(Settle)
				continue
			}
			w.logf("watch: %v", err)
		case ev, ok := <-w.w.Events:
			if !ok {
				return errors.New("serve: watch: the watcher stopped")
			}
			rel, err := filepath.Rel(w.root, ev.Name)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			st, statErr := os.Stat(ev.Name)
			dir := statErr == nil && st.IsDir()
			if w.skipped(rel, dir) {
				continue
			}
			if dir && ev.Has(fsnotify.Create) {
				if err := w.add(ev.Name); err != nil {
					w.logf("watch %s: %v", rel, err)
				}
			}
			pending[rel] = true
			timer.Reset(Settle)
		case <-timer.C:
			paths := slices.Sorted(maps.Keys(pending))
			clear(pending)
			e, err := w.s.Changed(ctx, paths)
			if err != nil {
				w.logf("%v", err)
				continue
			}
			if e.Full {
				// Folders may have been renamed, and inotify reports a
				// renamed folder's files under its old name: watch the
				// tree as it is now, afresh.
				for _, p := range w.w.WatchList() {
					w.w.Remove(p)
				}
				if err := w.add(w.root); err != nil {
					w.logf("watch: %v", err)
				}
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
