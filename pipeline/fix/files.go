package fix

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Overlay returns a file system that reads as fsys except for the files
// of over (slash paths of fsys), which it serves from memory: the tree as
// it will be once the fixes are written, for checking before anything is.
// Only existing files can be replaced.
func Overlay(fsys fs.FS, over map[string][]byte) fs.FS {
	return overlay{fsys, over}
}

type overlay struct {
	fs.FS
	over map[string][]byte
}

func (o overlay) Open(name string) (fs.File, error) {
	data, ok := o.over[name]
	if !ok {
		return o.FS.Open(name)
	}
	fi, err := fs.Stat(o.FS, name)
	if err != nil {
		return nil, err
	}
	return &memFile{Reader: bytes.NewReader(data), info: memInfo{fi, int64(len(data))}}, nil
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	if data, ok := o.over[name]; ok {
		return bytes.Clone(data), nil
	}
	return fs.ReadFile(o.FS, name)
}

// ReadDir lists the folder as fsys does (sizes are those on disk).
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(o.FS, name) }

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(o.FS, name)
	if data, ok := o.over[name]; ok && err == nil {
		return memInfo{fi, int64(len(data))}, nil
	}
	return fi, err
}

type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

// memInfo is the file's own information with the size of the new content.
type memInfo struct {
	fs.FileInfo
	size int64
}

func (i memInfo) Size() int64 { return i.size }

// WriteFile replaces the file at name with data atomically: it writes a
// temporary file beside it with the same permissions and renames it over
// the old one, so a reader (or a crash) sees the old content or the new,
// never part of it. A symbolic link is kept: the file it names is replaced.
func WriteFile(name string, data []byte) (err error) {
	target, err := filepath.EvalSymlinks(name)
	if err != nil {
		return fmt.Errorf("fix: %w", err)
	}
	fi, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("fix: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+path.Base(filepath.ToSlash(target))+".helpsite-*")
	if err != nil {
		return fmt.Errorf("fix: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = io.Copy(tmp, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("fix: write %s: %w", name, err)
	}
	if err = tmp.Chmod(fi.Mode().Perm()); err != nil {
		return fmt.Errorf("fix: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("fix: write %s: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("fix: write %s: %w", name, err)
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("fix: %w", err)
	}
	return nil
}
