package edit

import (
	"bytes"

	"github.com/isms-project/isms/internal/tree"
)

// lineAt returns the line starting at off (without its line end) and the
// offset of the next line.
func lineAt(src []byte, off int) ([]byte, int) {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return src[off:], len(src)
	}
	return src[off : off+i], off + i + 1
}

// lineStart returns the offset of the start of the line holding off.
func lineStart(src []byte, off int) int {
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

// lineEnd returns the offset of the end of the line holding off, before
// its line end ("\n" or "\r\n"), and the line end itself.
func lineEnd(src []byte, off int) (int, string) {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src), ""
	}
	end := off + i
	if end > 0 && src[end-1] == '\r' {
		return end - 1, "\r\n"
	}
	return end, "\n"
}

// eolOf is the line end the front matter uses: that of its opening line.
func eolOf(src []byte, fm tree.FrontMatter) string {
	if fm.Start >= 2 && src[fm.Start-2] == '\r' {
		return "\r\n"
	}
	return "\n"
}
