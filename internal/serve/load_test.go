package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// openFiles counts this process's open file descriptors, or -1 where the
// system does not say.
func openFiles() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

// heap is the live heap after a collection.
func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// eventually reports whether f comes to hold within d. It is for what
// nothing signals: the goroutines and connections of the HTTP client and
// server end on their own after a close.
func eventually(d time.Duration, f func() bool) bool {
	deadline := time.Now().Add(d)
	for !f() {
		if time.Now().After(deadline) {
			return false
		}
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// TestServeUnderLoad holds 50 event streams open and sends 2,000 page
// requests from 20 clients while a document is saved 20 times: every
// response is whole and is a version of the page, and once the clients
// are gone no goroutine or file handle is left behind and the heap is
// back near where it was.
func TestServeUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test; -short leaves it out")
	}
	goroutines, files := runtime.NumGoroutine(), openFiles()
	site := map[string]string{}
	for k, v := range serveSite {
		site[k] = v
	}
	for i := range 40 {
		site[fmt.Sprintf("standards/std-%02d.md", i)] = fmt.Sprintf("---\nid: STD-%02d\ntitle: Standard %d\ntype: standard\ncontrols: [\"8.%d\"]\n---\n%s\n", i, i, i%30+1, strings.Repeat("Text of the standard. ", 200))
	}
	ts := startServer(t, site, Options{})
	before := heap()

	// 50 open event streams, read until the server ends them.
	streams, cancelStreams := context.WithCancel(context.Background())
	var readers sync.WaitGroup
	opened := make(chan error, 50)
	for range 50 {
		readers.Go(func() {
			req, _ := http.NewRequestWithContext(streams, "GET", ts.url+"_isms/events", nil)
			resp, err := http.DefaultClient.Do(req)
			opened <- err
			if err != nil {
				return
			}
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
			}
		})
	}
	for range 50 {
		if err := <-opened; err != nil {
			t.Fatalf("opening an event stream: %v", err)
		}
	}

	// 20 saves of POL-01 while the pages are asked for, each once the
	// previous one is served.
	saves := make(chan error, 1)
	go func() {
		defer close(saves)
		for i := range 20 {
			save := fmt.Sprintf("(save %d)", i)
			text := strings.Replace(serveSite["policies/pol-01.md"], "The policy text, version", "The policy text "+save+", version", 1)
			if err := os.WriteFile(ts.path("policies/pol-01.md"), []byte(text), 0o644); err != nil {
				saves <- err
				return
			}
			for {
				rebuilt := ts.rebuilds.after()
				if strings.Contains(pageText(ts.url+"docs/POL-01/index.html"), save) {
					break
				}
				select {
				case <-rebuilt:
				case <-time.After(30 * time.Second):
					saves <- fmt.Errorf("%s does not show, and no rebuild came within 30 s", save)
					return
				}
			}
		}
	}()
	pages := []string{"index.html", "docs/POL-01/index.html", "docs/PRO-01/index.html", "controls/5.1/index.html", "matrix/index.html", "docs/STD-07/index.html", "files/policies/list.csv"}
	var (
		mu       sync.Mutex
		problems []string
		served   int
	)
	var clients sync.WaitGroup
	for c := range 20 {
		clients.Go(func() {
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}, Timeout: 30 * time.Second}
			defer client.CloseIdleConnections()
			for i := range 100 {
				p := pages[(c+i)%len(pages)]
				problem := fetch(client, ts.url+p, p)
				mu.Lock()
				served++
				if problem != "" {
					problems = append(problems, problem)
				}
				mu.Unlock()
			}
		})
	}
	clients.Wait()
	if err := <-saves; err != nil {
		t.Errorf("saving: %v", err) // the last save shows once its rebuild is done
	}
	if served != 2000 {
		t.Errorf("%d requests answered, want 2000", served)
	}
	for i, p := range problems {
		if i == 10 {
			t.Errorf("… and %d more", len(problems)-10)
			break
		}
		t.Error(p)
	}

	cancelStreams()
	readers.Wait()
	if after := heap(); after > before*3/2+16<<20 {
		t.Errorf("the heap grew from %d to %d bytes under load and stayed there", before, after)
	}
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	http.DefaultClient.CloseIdleConnections()
	if !eventually(10*time.Second, func() bool { return runtime.NumGoroutine() <= goroutines }) {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after the server stopped, %d before it started:\n%s", runtime.NumGoroutine(), goroutines, buf[:runtime.Stack(buf, true)])
	}
	if files >= 0 && !eventually(10*time.Second, func() bool { return openFiles() <= files }) {
		t.Errorf("%d open files after the server stopped, %d before it started", openFiles(), files)
	}
}

// pageText is the body of the page at url, or "" when it cannot be had.
func pageText(url string) string {
	resp, err := http.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// fetch asks for one page and says what is wrong with the answer, or "".
func fetch(client *http.Client, url, p string) string {
	resp, err := client.Get(url)
	if err != nil {
		return fmt.Sprintf("%s: %v", p, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	switch {
	case err != nil:
		return fmt.Sprintf("%s: reading: %v", p, err)
	case resp.StatusCode != http.StatusOK:
		return fmt.Sprintf("%s: status %d", p, resp.StatusCode)
	case resp.Header.Get("Content-Length") != "" && resp.Header.Get("Content-Length") != strconv.Itoa(len(body)):
		return fmt.Sprintf("%s: %d bytes, Content-Length says %s", p, len(body), resp.Header.Get("Content-Length"))
	case strings.HasSuffix(p, ".csv"):
		if string(body) != "a,b\n1,2\n" {
			return fmt.Sprintf("%s: %q", p, body)
		}
	case !strings.HasSuffix(strings.TrimSpace(string(body)), "</html>"):
		return fmt.Sprintf("%s: the page is cut short (%d bytes)", p, len(body))
	case p == "docs/POL-01/index.html" && !strings.Contains(string(body), "The policy text"):
		return fmt.Sprintf("%s: not a version of the policy", p)
	}
	return ""
}

// TestServeWarnsOpenAddress: listening beyond this machine is said loudly.
func TestServeWarnsOpenAddress(t *testing.T) {
	ts := startServer(t, serveSite, Options{Addr: "0.0.0.0:0"})
	if !strings.Contains(ts.log.String(), "the preview has no access control") {
		t.Errorf("no warning for an address other machines reach:\n%s", ts.log)
	}
	loop := startServer(t, serveSite, Options{})
	if strings.Contains(loop.log.String(), "access control") {
		t.Errorf("a warning on 127.0.0.1:\n%s", loop.log)
	}
}
