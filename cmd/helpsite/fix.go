package main

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/helpsite/helpsite/pipeline/diag"
	"github.com/helpsite/helpsite/pipeline/fix"
)

// fix applies the safe fixes of the findings in scope (--fix), or shows
// them as a diff (--fix-dry-run). The fixed tree is checked in memory
// first: a file that would gain a finding, or that would no longer parse
// as before (a note about it, such as a toc.yml whose entries cannot be
// read), is left as it was, and the run says why. Then the findings are
// those of the fixed tree.
func (r *checked) fix(cmd *cobra.Command, f *checkFlags) error {
	stderr := cmd.ErrOrStderr()
	old := map[string][]byte{}
	fixed := map[string][]byte{}
	changes := map[string][]fix.Change{}
	byFile := fix.Safe(r.onChangedLines(r.all))
	for _, file := range slices.Sorted(maps.Keys(byFile)) {
		raw, err := r.site.Tree.ReadFile(file)
		if err != nil {
			fmt.Fprintf(stderr, "helpsite: note: %s: not fixed: %v\n", r.opt.Display(file), err)
			continue
		}
		out, cs := fix.Apply(raw, byFile[file])
		if len(cs) > 0 {
			old[file], fixed[file], changes[file] = raw, out, cs
		}
	}
	if len(fixed) == 0 {
		fmt.Fprintf(stderr, "helpsite: nothing to fix\n")
		return nil
	}
	notesBefore := r.site.Notes()
	for len(fixed) > 0 {
		site, err := r.load(cmd.Context(), fix.Overlay(r.fsys, fixed), f)
		if err != nil {
			return fmt.Errorf("fix: %w", err)
		}
		all, err := r.check(cmd, site)
		if err != nil {
			return fmt.Errorf("fix: %w", err)
		}
		rejected := map[string][]string{}
		for _, d := range fix.Added(r.all, all) {
			if _, ok := fixed[d.File]; ok {
				rejected[d.File] = append(rejected[d.File], fmt.Sprintf("%d:%d: %s [%s]", d.Pos.Line, d.Pos.Column, d.Message, d.Rule))
			}
		}
		for _, n := range site.Notes() {
			if slices.Contains(notesBefore, n) {
				continue
			}
			for file := range fixed {
				if strings.Contains(n, file) {
					rejected[file] = append(rejected[file], n)
				}
			}
		}
		if len(rejected) == 0 {
			r.site, r.all = site, all
			break
		}
		for _, file := range slices.Sorted(maps.Keys(rejected)) {
			fmt.Fprintf(stderr, "helpsite: note: %s: left unchanged: after the fixes it would not check as before: %s\n",
				r.opt.Display(file), strings.Join(rejected[file], "; "))
			delete(fixed, file)
		}
	}
	n := 0
	for _, file := range slices.Sorted(maps.Keys(fixed)) {
		for _, c := range changes[file] {
			c.File = r.opt.Display(c.File)
			fmt.Fprintln(stderr, c)
			n++
		}
		if f.fixDryRun {
			if _, err := cmd.OutOrStdout().Write(fix.Diff(r.opt.Display(file), old[file], fixed[file])); err != nil {
				return err
			}
			continue
		}
		if err := fix.WriteFile(filepath.Join(r.dir, filepath.FromSlash(file)), fixed[file]); err != nil {
			return err
		}
	}
	switch {
	case len(fixed) == 0:
		fmt.Fprintf(stderr, "helpsite: nothing fixed\n")
	case f.fixDryRun:
		fmt.Fprintf(stderr, "helpsite: --fix would make %d fix(es) in %d file(s); nothing written\n", n, len(fixed))
	default:
		fmt.Fprintf(stderr, "helpsite: fixed %d finding(s) in %d file(s)\n", n, len(fixed))
	}
	return nil
}

// fixable counts the findings of l with a fix --fix would apply.
func fixable(l diag.List) int {
	n := 0
	for _, ds := range fix.Safe(l) {
		n += len(ds)
	}
	return n
}
