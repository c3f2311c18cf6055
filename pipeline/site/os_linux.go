package site

import (
	"bytes"
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
	return linkOpen(int(of.Fd()), dst)
}

// linkOpen hard-links the open file fd to dst: the very file opened, not
// whatever its path names by now.
func linkOpen(fd int, dst string) bool {
	return unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(fd), unix.AT_FDCWD, dst, unix.AT_SYMLINK_FOLLOW) == nil
}

// fileOwner is the permission bits and owners of a file.
type fileOwner struct {
	perm     uint32
	uid, gid uint32
}

// probeFile writes an empty file at p as writeFile does, notes what it got
// (umask, default ACLs and a set-group-id folder all count), and removes it.
func probeFile(p string) (fileOwner, error) {
	if err := writeFile(p, nil); err != nil {
		return fileOwner{}, err
	}
	defer os.Remove(p)
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil {
		return fileOwner{}, err
	}
	return fileOwner{st.Mode & 0o7777, st.Uid, st.Gid}, nil
}

// linkSame hard-links the file rel of the folder open as dir (the site being
// replaced) to dst when it is a regular file with one link, the
// permissions and owners a new file gets (want), that holds exactly data.
// rel is opened beneath dir with no symbolic link on the way, and the very
// file opened is linked (through /proc/self/fd). The new site then shares
// that file with the old one, which is removed after the swap; as with any
// hard link, a process holding the old file open for writing could still
// change it.
func linkSame(dir int, rel string, data []byte, want fileOwner, dst string) bool {
	how := &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOFOLLOW,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
	}
	fd, err := unix.Openat2(dir, rel, how)
	for err == unix.EINTR || err == unix.EAGAIN {
		fd, err = unix.Openat2(dir, rel, how)
	}
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Nlink != 1 ||
		(fileOwner{st.Mode & 0o7777, st.Uid, st.Gid}) != want || st.Size != int64(len(data)) {
		return false
	}
	var buf [16 << 10]byte
	for off := 0; off < len(data); {
		n, err := unix.Pread(fd, buf[:min(len(buf), len(data)-off)], int64(off))
		if err == unix.EINTR {
			continue
		}
		if err != nil || n <= 0 || !bytes.Equal(buf[:n], data[off:off+n]) {
			return false
		}
		off += n
	}
	return linkOpen(fd, dst)
}

// processAlive reports whether a process with the id exists (or may: an
// error other than "no such process" counts as alive).
func processAlive(pid int) bool {
	return unix.Kill(pid, 0) != unix.ESRCH
}

// writeFile creates the file p and writes data, as os.WriteFile does but
// with the bare system calls: an os.File also asks the poller to watch the
// file and sets its blocking mode (an epoll_ctl and two fcntl per file,
// thousands in a build) for a file written once. A file already at p (a
// resource linked from the content tree, say) is replaced, never written
// through.
func writeFile(p string, data []byte) error {
	const flags = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_CLOEXEC
	fd, err := unix.Open(p, flags, 0o644)
	for tries := 0; (err == unix.EINTR || err == unix.EEXIST) && tries < 8; tries++ {
		if err == unix.EEXIST {
			if err := unix.Unlink(p); err != nil && err != unix.ENOENT {
				return &os.PathError{Op: "unlink", Path: p, Err: err}
			}
		}
		fd, err = unix.Open(p, flags, 0o644)
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
