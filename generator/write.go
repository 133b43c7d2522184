package generator

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/isms-project/isms/internal/sitefs"
)

// outputMarker marks a folder as isms output, so that a build never
// replaces a folder it did not make (a mistyped --out must not delete
// someone's files).
const outputMarker = ".isms-output"

// Write puts the output into dir atomically: everything is written to a
// new folder beside dir, which then takes dir's place. If anything fails,
// dir is left as it was. srcDir, if given, is the site folder: dir may not
// be it or contain it.
func Write(dir, srcDir string, o *Output) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if srcDir != "" {
		src, err := filepath.Abs(srcDir)
		if err != nil {
			return err
		}
		if src == abs || strings.HasPrefix(src, abs+string(filepath.Separator)) {
			return fmt.Errorf("output folder %s would replace the site folder %s; choose another --out", dir, srcDir)
		}
	}
	if err := checkReplaceable(abs); err != nil {
		return err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".new-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	files, err := writeTree(tmp, o)
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := swapDir(tmp, abs); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	o.saveManifest(abs, files)
	return nil
}

// checkReplaceable refuses to replace a folder that holds files but is not
// isms output.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, outputMarker)); err == nil {
		return nil
	}
	return fmt.Errorf("refusing to replace %s: it holds files but is not an isms output folder (no %s); remove it or choose another --out", dir, outputMarker)
}

// swapDir moves the new folder into place and removes the old one.
func swapDir(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	if exchangeDirs(tmp, dir) == nil {
		return os.RemoveAll(tmp) // tmp now holds the previous output
	}
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		_ = os.Rename(old, dir)
		return err
	}
	return os.RemoveAll(old)
}

// writeTree writes every output file under root, on several goroutines.
func writeTree(root string, o *Output) (int, error) {
	paths := o.Paths()
	dirs := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Parents sort before their children, so each folder is one mkdir.
	sorted := slices.Sorted(maps.Keys(dirs))
	for _, d := range sorted {
		if err := os.Mkdir(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return 0, err
		}
	}
	if err := sitefs.WriteFile(filepath.Join(root, outputMarker), o.markerBytes()); err != nil {
		return 0, err
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		next = make(chan string)
	)
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range next {
				if err := writeOutputFile(root, p, o); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	return len(paths), errors.Join(errs...)
}

func writeOutputFile(root, p string, o *Output) error {
	dst := filepath.Join(root, filepath.FromSlash(p))
	src, isCopy := o.copies[p]
	if _, generated := o.files[p]; generated || !isCopy {
		data, err := o.Read(p)
		if err != nil {
			return err
		}
		return sitefs.WriteFile(dst, data)
	}
	in, err := o.src.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return out.Close()
}
