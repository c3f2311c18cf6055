package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"github.com/rogpeppe/go-internal/testscript"
	"gopkg.in/yaml.v3"
)

// repoRoot is the root of this repository, seen from cmd/helpsite.
const repoRoot = "../.."

// workflowFiles returns this repository's workflows and the templates of
// examples/github that docs repositories copy.
func workflowFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(filepath.Join(repoRoot, "examples", "github"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yml") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 4 {
		t.Fatalf("found %d workflow files (%v); want this repository's two and the two examples", len(files), files)
	}
	return files
}

// TestWorkflows checks every workflow file with actionlint (and the
// scripts of their run steps with shellcheck, when it is installed), and
// that every action is pinned to a major version.
func TestWorkflows(t *testing.T) {
	files := workflowFiles(t)
	opt := &actionlint.LinterOptions{Color: actionlint.ColorOptionKindNever}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opt.Shellcheck = sc
	} else {
		t.Log("shellcheck is not installed: the scripts of run steps are not checked")
	}
	var out bytes.Buffer
	l, err := actionlint.NewLinter(&out, opt)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.LintFiles(files, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("%s:%d:%d: %s [%s]", e.Filepath, e.Line, e.Column, e.Message, e.Kind)
	}
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@v\d+$`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`(?m)^\s*(?:- )?uses:\s*(\S+)`).FindAllSubmatch(b, -1) {
			if !pinned.Match(m[1]) {
				t.Errorf("%s: %s is not pinned to a major version (owner/repo@vN)", f, m[1])
			}
		}
	}
}

// TestWorkflowStep runs the lint step of the pull-request workflow, as
// the example has it, in git repositories (testdata/workflow): the
// workflow-step command writes the step's script to a file.
func TestWorkflowStep(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	abs, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/workflow",
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", abs)
			env.Setenv("GIT_CONFIG_GLOBAL", "/dev/null")
			env.Setenv("GIT_AUTHOR_NAME", "t")
			env.Setenv("GIT_AUTHOR_EMAIL", "t@example.com")
			env.Setenv("GIT_COMMITTER_NAME", "t")
			env.Setenv("GIT_COMMITTER_EMAIL", "t@example.com")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"workflow-step": workflowStep,
		},
	})
}

// workflowStep is "workflow-step FILE STEP-ID SCRIPT": it writes the run
// script of the step with the id to SCRIPT, as GitHub runs it (bash -e).
func workflowStep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: workflow-step FILE STEP-ID SCRIPT")
	}
	run, err := stepScript(ts.MkAbs(args[0]), args[1])
	ts.Check(err)
	if strings.Contains(run, "${{") {
		ts.Fatalf("step %s puts an expression into its script: pass it in env instead", args[1])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), []byte("set -eo pipefail\n"+run+"\n"), 0o755))
}

// stepScript returns the run script of the step with the id in a
// workflow file.
func stepScript(file, id string) (string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				ID  string `yaml:"id"`
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &wf); err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			if s.ID == id && s.Run != "" {
				return s.Run, nil
			}
		}
	}
	return "", fmt.Errorf("%s: no step with id %s and a run script", file, id)
}
