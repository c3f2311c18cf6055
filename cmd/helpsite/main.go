// Command helpsite lints Microsoft Learn and Azure self-help articles and
// builds them into a static help site.
//
// Exit status: 0 when no errors were found, 1 when errors were found (or
// more warnings than --max-warnings), 2 when the run itself failed.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitFailure  = 2
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); without
// it the module version or VCS revision of the build is shown.
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries an exit code out of a command.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// usageError marks a bad flag or argument: exit 2 with usage hint.
type usageError struct{ error }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var ee exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	}
	fmt.Fprintf(stderr, "helpsite: %v\n", err)
	return exitFailure
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "helpsite",
		Short: "Lint support articles and build them into a static help site",
		Long: `helpsite reads a tree of Markdown support articles in two formats, mixed
freely: Microsoft Learn (YAML front matter, DocFX Markdown, docfx.json,
toc.yml, .openpublishing.redirection.json) and Azure self-help (a
<properties ... /> block, then Markdown). It checks them against the rules
listed by "helpsite rules" and reports every finding as file:line:col.`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see %s --help)", err, c.CommandPath())}
	})
	root.AddCommand(newLintCmd(), newBuildCmd(), newRulesCmd(), newExplainCmd(), newSearchCmd(), newServeCmd())
	return root
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return v
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "devel-" + s.Value[:12]
			}
		}
	}
	return "devel"
}
