//go:build !linux

package site

import (
	"io/fs"
	"os"
)

// linkFrom hard-links only on Linux; elsewhere files are copied.
func linkFrom(fs.FS, string, string) bool { return false }

// linkSame reuses files only on Linux; elsewhere every file is written.
func linkSame(int, string, []byte, string) bool { return false }

// processAlive cannot tell elsewhere: every process counts as alive, so
// no build folder is removed.
func processAlive(int) bool { return true }

func writeFile(p string, data []byte) error { return os.WriteFile(p, data, 0o644) }
