// Package gitdiff asks git what changed in a content tree since a revision:
// the files added, modified, deleted and renamed, committed or not.
package gitdiff

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path"
	"strings"

	"golang.org/x/sync/errgroup"
)

// Change is one changed file. Paths are relative to the content root,
// "/"-separated.
type Change struct {
	Status byte   // 'A' added, 'M' modified, 'D' deleted, 'R' renamed, 'C' copied, 'T' type changed
	Path   string // the file now ("" when deleted)
	Old    string // the file before (renames, copies, deletions)
}

// Changes is what changed since a revision.
type Changes struct {
	Rev     string
	List    []Change
	dir     string // the content root on disk
	inRep   string // the content root relative to the repository's top ("" at the top)
	tracked map[string]bool
}

// Since lists the changes to the content root dir between rev and the
// working tree: committed, staged and unstaged changes, and new files git
// does not ignore. Renames are detected.
func Since(ctx context.Context, dir, rev string) (*Changes, error) {
	// Three questions at once: where the content root is in the
	// repository and whether rev exists; what changed; and which files git
	// tracks (read from the index, which is quick; new files are those the
	// content walk finds that it does not list: see Untracked).
	var where, diff, tracked []byte
	var whereErr error
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		where, whereErr = git(ctx, dir, "rev-parse", "--show-prefix", "--verify", rev+"^{commit}")
		return nil
	})
	g.Go(func() (err error) {
		diff, err = git(gctx, dir, "diff", "--name-status", "-z", "-M", "--no-ext-diff", "--relative", rev, "--", ".")
		return err
	})
	g.Go(func() (err error) {
		tracked, err = git(gctx, dir, "ls-files", "-z", "--", ".")
		return err
	})
	err := g.Wait()
	if whereErr != nil {
		if _, err2 := git(ctx, dir, "rev-parse", "--git-dir"); err2 != nil {
			return nil, fmt.Errorf("changed-since: %s is not in a git repository", dir)
		}
		return nil, fmt.Errorf("changed-since: unknown revision %q", rev)
	}
	if err != nil {
		return nil, fmt.Errorf("changed-since: %w", err)
	}
	lines := strings.Split(strings.TrimRight(string(where), "\n"), "\n")
	c := &Changes{Rev: rev, dir: dir}
	if len(lines) == 2 { // the prefix line is empty at the top of the repository
		c.inRep = strings.TrimSuffix(lines[0], "/")
	}
	if c.List, err = parseNameStatus(diff); err != nil {
		return nil, fmt.Errorf("changed-since: %w", err)
	}
	c.tracked = map[string]bool{}
	for _, p := range bytes.Split(tracked, []byte{0}) {
		if len(p) > 0 {
			c.tracked[string(p)] = true
		}
	}
	return c, nil
}

// Untracked adds as new files the paths of the content tree that git does
// not track. (git ls-files --others would walk the tree a second time; the
// content walk already did.)
func (c *Changes) Untracked(paths []string) {
	if c.tracked == nil {
		return
	}
	for _, p := range paths {
		if !c.tracked[p] {
			c.List = append(c.List, Change{Status: 'A', Path: p})
		}
	}
	c.tracked = nil
}

// parseNameStatus reads "git diff --name-status -z": a status, then one
// path, or two for renames and copies, each NUL-terminated.
func parseNameStatus(b []byte) ([]Change, error) {
	fields := bytes.Split(bytes.TrimSuffix(b, []byte{0}), []byte{0})
	var out []Change
	for i := 0; i < len(fields); {
		st := string(fields[i])
		if st == "" {
			i++
			continue
		}
		ch := Change{Status: st[0]}
		switch ch.Status {
		case 'R', 'C':
			if i+2 >= len(fields) {
				return nil, errors.New("truncated git diff output")
			}
			ch.Old, ch.Path = string(fields[i+1]), string(fields[i+2])
			i += 3
		case 'D':
			if i+1 >= len(fields) {
				return nil, errors.New("truncated git diff output")
			}
			ch.Old = string(fields[i+1])
			i += 2
		default:
			if i+1 >= len(fields) {
				return nil, errors.New("truncated git diff output")
			}
			ch.Path = string(fields[i+1])
			i += 2
		}
		out = append(out, ch)
	}
	return out, nil
}

// Show returns a file's content at the revision (p relative to the content
// root), or nil when it did not exist there.
func (c *Changes) Show(ctx context.Context, p string) []byte {
	full := path.Join(c.inRep, p)
	out, err := git(ctx, c.dir, "show", c.Rev+":"+full)
	if err != nil {
		return nil
	}
	return out
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir, "-c", "core.quotepath=off"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%w: %s", err, msg)
		}
		return nil, err
	}
	return out, nil
}
