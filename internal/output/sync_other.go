//go:build !linux

package output

import (
	"errors"
	"os"
	"path"
	"path/filepath"
)

// exchangeDirs is not available here; the caller renames in two steps.
func exchangeDirs(a, b string) error { return errors.New("not supported") }

// syncTree flushes every file written under dir, and the folders that
// hold them.
func syncTree(dir string, files []string) error {
	dirs := map[string]bool{".": true}
	for _, p := range files {
		if err := syncPath(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			return err
		}
		dirs[path.Dir(p)] = true
	}
	for d := range dirs {
		syncDir(filepath.Join(dir, filepath.FromSlash(d)))
	}
	return nil
}

func syncPath(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
