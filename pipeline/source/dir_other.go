//go:build !linux

package source

import (
	"io/fs"
	"os"
)

func openBeneath(root *os.Root) (fs.FS, error) { return root.FS(), nil }
