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
	"strconv"
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

// Paths is the set of paths the changes leave a file at (not the old paths
// of deletions and renames).
func (c *Changes) Paths() map[string]bool {
	out := make(map[string]bool, len(c.List))
	for _, ch := range c.List {
		if ch.Path != "" {
			out[ch.Path] = true
		}
	}
	return out
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

// Lines are the lines of the new version of each file that a change added
// or modified (line numbers as the working tree has them).
type Lines struct {
	ranges map[string][][2]int // file -> inclusive line ranges
	whole  map[string]bool     // files that count as changed throughout
}

// Lines asks git which lines the change added or modified ("git diff
// -U0"). A file with no lines in the diff that the change added (or git
// does not track), or that changed without a text diff (binary, mode),
// counts whole; a file renamed without an edit has no changed line. Call it
// after Untracked.
func (c *Changes) Lines(ctx context.Context) (*Lines, error) {
	out, err := git(ctx, c.dir, "diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--relative",
		"--src-prefix=a/", "--dst-prefix=b/", c.Rev, "--", ".")
	if err != nil {
		return nil, fmt.Errorf("changed-since: %w", err)
	}
	l, err := parseHunks(out)
	if err != nil {
		return nil, fmt.Errorf("changed-since: %w", err)
	}
	for _, ch := range c.List {
		if ch.Path == "" || ch.Status == 'R' {
			continue
		}
		if _, ok := l.ranges[ch.Path]; !ok {
			l.whole[ch.Path] = true
		}
	}
	return l, nil
}

// Changed reports whether any of the lines from..to (inclusive) of file is
// one the change added or modified.
func (l *Lines) Changed(file string, from, to int) bool {
	if l.whole[file] {
		return true
	}
	for _, r := range l.ranges[file] {
		if from <= r[1] && to >= r[0] {
			return true
		}
	}
	return false
}

// parseHunks reads the "+++ b/path" and "@@ -a,b +c,d @@" lines of a
// unified diff with no context, skipping the lines of each hunk (an added
// line may itself start with "+++ ").
func parseHunks(b []byte) (*Lines, error) {
	l := &Lines{ranges: map[string][][2]int{}, whole: map[string]bool{}}
	file := ""
	pending := 0 // lines of the current hunk still to skip
	for line := range bytes.Lines(b) {
		s := strings.TrimRight(string(line), "\n")
		switch {
		case pending > 0 && (strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-")):
			pending--
		case strings.HasPrefix(s, "+++ "):
			name := strings.TrimPrefix(s, "+++ ")
			if strings.HasPrefix(name, `"`) {
				u, err := strconv.Unquote(name)
				if err != nil {
					return nil, fmt.Errorf("diff header %q: %w", s, err)
				}
				name = u
			}
			file = ""
			if p, ok := strings.CutPrefix(name, "b/"); ok {
				file = p
				if _, seen := l.ranges[file]; !seen {
					l.ranges[file] = nil
				}
			}
		case strings.HasPrefix(s, "@@ ") && file != "":
			f := strings.Fields(s)
			if len(f) < 3 {
				return nil, fmt.Errorf("hunk header %q", s)
			}
			_, old, err := hunkRange(f[1], "-")
			if err != nil {
				return nil, fmt.Errorf("hunk header %q: %w", s, err)
			}
			start, n, err := hunkRange(f[2], "+")
			if err != nil {
				return nil, fmt.Errorf("hunk header %q: %w", s, err)
			}
			if n > 0 {
				l.ranges[file] = append(l.ranges[file], [2]int{start, start + n - 1})
			}
			pending = old + n
		}
	}
	return l, nil
}

// hunkRange reads "-a,b" or "+c,d" of a hunk header: the first line and
// the number of lines (1 when left out).
func hunkRange(f, sign string) (start, n int, err error) {
	r, ok := strings.CutPrefix(f, sign)
	if !ok {
		return 0, 0, fmt.Errorf("%q does not start with %s", f, sign)
	}
	startS, countS, hasCount := strings.Cut(r, ",")
	if start, err = strconv.Atoi(startS); err != nil {
		return 0, 0, err
	}
	n = 1
	if hasCount {
		if n, err = strconv.Atoi(countS); err != nil {
			return 0, 0, err
		}
	}
	return start, n, nil
}
