package source

import (
	"fmt"
	"io/fs"
	"os"
)

// OpenDir opens a content folder as a file system that no path and no
// symbolic link can leave: every open is resolved beneath the folder by the
// kernel (openat2 with RESOLVE_BENEATH on Linux) or by os.Root elsewhere.
// Links that stay inside the folder work; links that leave it fail.
func OpenDir(dir string) (fs.FS, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("content root: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("content root %s is not a folder", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("content root: %w", err)
	}
	return openBeneath(root)
}
