package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchangeDirs swaps two folders in one step (renameat2 RENAME_EXCHANGE),
// so that readers of the output folder never find it missing.
func exchangeDirs(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// syncTree flushes the file system that holds dir: one syncfs(2) call
// flushes every file just written, where an fsync a file would cost tens
// of thousands of calls for a large site.
func syncTree(dir string, _ []string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}
