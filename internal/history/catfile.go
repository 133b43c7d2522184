package history

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// blobReader reads blobs through one `git cat-file --batch` process,
// which answers each id written to it in turn; it may be asked several
// times before it is closed.
type blobReader struct {
	g     *git
	stdin io.WriteCloser
	out   *bufio.Reader
	wait  func() error
	kill  func()
	buf   []byte
	ended bool
}

func (g *git) openBlobs() (*blobReader, error) {
	cmd := g.command("cat-file", "--batch")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	g.count.Add(1)
	if err := cmd.Start(); err != nil {
		return nil, g.failed("cat-file", err, nil)
	}
	return &blobReader{
		g: g, stdin: stdin, out: bufio.NewReaderSize(stdout, 256<<10),
		wait: func() error {
			if err := cmd.Wait(); err != nil {
				return g.failed("cat-file", err, stderr.Bytes())
			}
			return nil
		},
		kill: func() { cmd.Process.Kill() },
	}, nil
}

// read asks for the blobs ids and calls fn with each one's place in ids
// and content, at most limit bytes of it (the rest is skipped); a missing
// blob (a partial clone) is skipped. data is only valid during the call.
func (b *blobReader) read(ids []string, limit int, fn func(i int, data []byte)) error {
	werr := make(chan error, 1)
	go func() {
		w := bufio.NewWriterSize(b.stdin, 64<<10)
		for _, id := range ids {
			w.WriteString(id)
			w.WriteByte('\n')
		}
		werr <- w.Flush()
	}()
	for i := range ids {
		data, ok, err := b.answer(limit)
		if err != nil {
			return err
		}
		if ok {
			fn(i, data)
		}
	}
	return <-werr
}

// answer reads one answer of cat-file: ok is false for a missing object
// or one that is not a blob.
func (b *blobReader) answer(limit int) (data []byte, ok bool, err error) {
	line, err := b.out.ReadSlice('\n')
	if err != nil {
		return nil, false, b.fail(fmt.Errorf("git cat-file: %w", err))
	}
	// "<id> blob <size>\n", or "<id> missing\n".
	line = bytes.TrimSuffix(line, []byte{'\n'})
	_, rest, _ := bytes.Cut(line, []byte{' '})
	kind, sizeText, _ := bytes.Cut(rest, []byte{' '})
	if string(kind) == "missing" && len(sizeText) == 0 {
		return nil, false, nil
	}
	size, perr := strconv.ParseInt(string(sizeText), 10, 64)
	if perr != nil || size < 0 || len(kind) == 0 {
		return nil, false, b.fail(fmt.Errorf("git cat-file: bad header %q", line))
	}
	isBlob := string(kind) == "blob" // line is overwritten by the reads below
	keep := min(size, int64(limit))
	if cap(b.buf) < int(keep) {
		b.buf = make([]byte, keep)
	}
	data = b.buf[:keep]
	if _, err := io.ReadFull(b.out, data); err != nil {
		return nil, false, b.fail(fmt.Errorf("git cat-file: %w", err))
	}
	if _, err := b.out.Discard(int(size-keep) + 1); err != nil { // the rest and the "\n"
		return nil, false, b.fail(fmt.Errorf("git cat-file: %w", err))
	}
	return data, isBlob, nil
}

// fail stops the process after a broken answer; the error of the process
// itself, when it has one (a timeout), says more.
func (b *blobReader) fail(err error) error {
	if b.g.ctx.Err() != nil {
		return b.close()
	}
	b.kill()
	b.close()
	return err
}

// close ends the process (once).
func (b *blobReader) close() error {
	if b.ended {
		return nil
	}
	b.ended = true
	b.stdin.Close()
	return b.wait()
}

// stream reads the blobs whose ids arrive on ids, in batches, while they
// arrive, and calls fn with each one's place among all the ids sent and
// its content (as read does) in a goroutine of its own; the returned wait
// blocks until ids is closed and every blob is read.
func (b *blobReader) stream(ids <-chan []string, limit int, fn func(i int, data []byte)) (wait func() error) {
	asked := make(chan int, 64) // the size of each batch sent to cat-file
	werr := make(chan error, 1)
	go func() {
		defer close(asked)
		w := bufio.NewWriterSize(b.stdin, 64<<10)
		for batch := range ids {
			for _, id := range batch {
				w.WriteString(id)
				w.WriteByte('\n')
			}
			err := w.Flush()
			asked <- len(batch)
			if err != nil {
				werr <- err
				for range ids {
				}
				return
			}
		}
		werr <- nil
	}()
	rerr := make(chan error, 1)
	go func() {
		i := 0
		for n := range asked {
			for range n {
				data, ok, err := b.answer(limit)
				if err != nil {
					rerr <- err
					for range asked {
					}
					return
				}
				if ok {
					fn(i, data)
				}
				i++
			}
		}
		rerr <- nil
	}()
	return func() error {
		err := <-rerr
		if werr := <-werr; err == nil && werr != nil {
			err = werr
		}
		return err
	}
}
