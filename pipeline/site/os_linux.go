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

// writeFile creates (or truncates) the file p and writes data, as
// os.WriteFile does but with the bare system calls: an os.File also asks
// the poller to watch the file and sets its blocking mode (an epoll_ctl
// and two fcntl per file, thousands in a build) for a file written once.
func writeFile(p string, data []byte) error {
	fd, err := unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	for err == unix.EINTR {
		fd, err = unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return &os.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &os.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: p, Err: err}
	}
	return nil
}
