//go:build !linux

package site

import "io/fs"

// linkFrom hard-links only on Linux; elsewhere files are copied.
func linkFrom(fs.FS, string, string) bool { return false }
