//go:build !linux

package site

import "io/fs"

// linkFrom hard-links only on Linux; elsewhere files are copied.
func linkFrom(fs.FS, string, string) bool { return false }

// processAlive cannot tell elsewhere: every process counts as alive, so
// no build folder is removed.
func processAlive(int) bool { return true }
