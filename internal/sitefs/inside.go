package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
)

// ReadInside reads a file of the site, such as isms.yaml or soa.yaml,
// under the walk's rule for symbolic links: one that stays inside the
// site is followed, one that leaves it is not, and the error says so
// (errors.Is(err, ErrLeavesSite)) without a word of the file it points
// at. Build, serve, migrate, new and adopt read a site's files through
// it, whatever file system they read the folder with.
func ReadInside(fsys fs.FS, name string) ([]byte, error) {
	if err := Inside(fsys, name); err != nil {
		return nil, err
	}
	return fs.ReadFile(fsys, name)
}

// Inside checks that the path name, a file or a folder, resolves inside
// the site; a path that does not exist is fs.ErrNotExist.
func Inside(fsys fs.FS, name string) error {
	if _, err := RealPath(fsys, name); err != nil {
		if errors.Is(err, ErrLeavesSite) {
			return fmt.Errorf("%s is a symbolic link that points outside the site folder; isms reads only files inside it: %w", name, ErrLeavesSite)
		}
		return err
	}
	return nil
}
