package output

import "os"

// syncDir flushes a folder's entries (a rename in it), where the system
// allows it; a folder that cannot be flushed is no reason to fail.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		f.Close()
	}
}
