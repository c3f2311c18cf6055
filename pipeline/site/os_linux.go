package site

import (
	"io/fs"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// linkFrom hard-links the file p of fsys to dst when fsys opens it as an OS
// file on the same file system. It links the very file the open resolved
// (through /proc/self/fd), so a file system that keeps reads beneath its
// root keeps links beneath it too.
func linkFrom(fsys fs.FS, p, dst string) bool {
	f, err := fsys.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	of, ok := f.(*os.File)
	if !ok {
		return false
	}
	fi, err := of.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	err = unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(int(of.Fd())), unix.AT_FDCWD, dst, unix.AT_SYMLINK_FOLLOW)
	return err == nil
}

// processAlive reports whether a process with the id exists (or may: an
// error other than "no such process" counts as alive).
func processAlive(pid int) bool {
	return unix.Kill(pid, 0) != unix.ESRCH
}
