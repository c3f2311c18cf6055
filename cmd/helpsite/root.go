package main

import (
	"fmt"
	"io/fs"
	"os"
)

// openRoot opens a content folder as a file system that no path or
// symbolic link can leave (os.Root).
func openRoot(dir string) (fs.FS, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("content root: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("content root %s is not a folder", dir)
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("content root: %w", err)
	}
	return r.FS(), nil
}
