//go:build !linux

package site

import (
	"errors"
	"io/fs"
	"os"
)

// linkFrom hard-links only on Linux; elsewhere files are copied.
func linkFrom(fs.FS, string, string) bool { return false }

// fileOwner and probeFile serve linkSame, which reuses files only on
// Linux; elsewhere every file is written.
type fileOwner struct{}

func probeFile(string) (fileOwner, error) { return fileOwner{}, errors.ErrUnsupported }

func linkSame(int, string, []byte, fileOwner, string) bool { return false }

// processAlive cannot tell elsewhere: every process counts as alive, so
// no build folder is removed.
func processAlive(int) bool { return true }

// writeFile writes data to a new file at p; a file already there is
// replaced, never written through (it may be linked from elsewhere).
func writeFile(p string, data []byte) error {
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}
