package generator

import "golang.org/x/sys/unix"

// exchangeDirs swaps two folders in one step (renameat2 RENAME_EXCHANGE),
// so that readers of the output folder never find it missing.
func exchangeDirs(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
