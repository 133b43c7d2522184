package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/isms-project/isms/internal/edit"
)

// change is a file of the site that a command would write: Old is nil for
// a new file.
type change struct {
	Path     string // site-relative, slash-separated
	Old, New []byte
}

// diff is the unified diff of the changes, paths prefixed a/ and b/ as git
// writes them, new files from /dev/null: git apply takes it.
func diff(changes []change) []byte {
	var out []byte
	for _, c := range changes {
		from := "a/" + c.Path
		if c.Old == nil {
			from = "/dev/null"
		}
		out = append(out, edit.Diff(from, "b/"+c.Path, c.Old, c.New)...)
	}
	return out
}

// writeChanges writes the changes into the site folder src: an existing
// file is replaced atomically keeping its permissions, a new one created
// with its folders. Nothing leaves the folder: it is opened as an os.Root.
func writeChanges(src string, changes []change) error {
	root, err := os.OpenRoot(src)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, c := range changes {
		name := filepath.FromSlash(c.Path)
		if _, err := root.Stat(name); errors.Is(err, fs.ErrNotExist) {
			if dir := filepath.Dir(name); dir != "." {
				if err := root.MkdirAll(dir, 0o755); err != nil {
					return err
				}
			}
			if err := root.WriteFile(name, c.New, 0o644); err != nil {
				return err
			}
			continue
		}
		if err := writeAtomic(root, c.Path, c.New); err != nil {
			return err
		}
	}
	return nil
}
