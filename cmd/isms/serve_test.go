package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// The commands the serve_*.txtar scripts use to talk to `isms serve`
// running in the background.

// freeport VAR sets VAR to a TCP port free on 127.0.0.1.
func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := ln.Addr().(*net.TCPAddr).Port
	ts.Check(ln.Close())
	ts.Setenv(args[0], strconv.Itoa(port))
}

// waitserve URL waits until a server answers at URL (30 s at most). The
// server is another process, which signals nothing but by answering: the
// one wait in these commands that tries again.
func cmdWaitServe(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitserve URL")
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(args[0])
		if err == nil {
			resp.Body.Close()
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("no server at %s after 30 s: %v", args[0], err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// httpget [-method M] [-host H] URL prints the response: "HTTP STATUS",
// the headers as "Name: value" lines (sorted), an empty line, the body.
// The URL's path goes to the server exactly as written (no cleaning), so
// scripts can send paths like /../x or /%2e%2e/x.
func cmdHTTPGet(ts *testscript.TestScript, neg bool, args []string) {
	fs := flag.NewFlagSet("httpget", flag.ContinueOnError)
	method := fs.String("method", "GET", "request method")
	host := fs.String("host", "", "Host header (default: the URL's)")
	if neg || fs.Parse(args) != nil || fs.NArg() != 1 {
		ts.Fatalf("usage: httpget [-method M] [-host H] URL")
	}
	status, header, body, err := rawRequest(*method, fs.Arg(0), *host)
	ts.Check(err)
	w := ts.Stdout()
	fmt.Fprintf(w, "HTTP %d\n", status)
	var lines []string
	for k, vs := range header {
		for _, v := range vs {
			lines = append(lines, k+": "+v)
		}
	}
	slices.Sort(lines)
	fmt.Fprintf(w, "%s\n\n%s", strings.Join(lines, "\n"), body)
}

// httpwait URL REGEXP waits until the body of URL, on an isms serve,
// matches REGEXP: for changes the server makes after a file is saved. It
// listens to the server's events (/_isms/events) and fetches URL again
// after each one; it fails when 10 s pass without a match.
func cmdHTTPWait(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: httpwait URL REGEXP")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	rest, ok := strings.CutPrefix(args[0], "http://")
	if !ok {
		ts.Fatalf("%s: only http:// URLs", args[0])
	}
	addr, _, _ := strings.Cut(rest, "/")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Listen first, then look: a rebuild after the look sends an event.
	events, err := serverEvents(ctx, "http://"+addr+"/_isms/events")
	ts.Check(err)
	var body string
	for {
		_, _, body, err = rawRequest("GET", args[0], "")
		if err == nil && re.MatchString(body) {
			return
		}
		if _, ok := <-events; !ok {
			ts.Fatalf("%s does not match %q after 10 s (error %v); body:\n%s", args[0], args[1], err, body)
		}
	}
}

// serverEvents opens the event stream at url and sends the name of each
// event (the hello first) until ctx ends or the stream does; then it
// closes the channel.
func serverEvents(ctx context.Context, url string) (<-chan string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	sc := bufio.NewScanner(resp.Body)
	// The hello: the server has the stream, and will send it every later
	// event.
	for sc.Scan() && sc.Text() != "" {
	}
	if err := sc.Err(); err != nil {
		resp.Body.Close()
		return nil, err
	}
	names := make(chan string)
	go func() {
		defer close(names)
		defer resp.Body.Close()
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				select {
				case names <- name:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return names, nil
}

func rawRequest(method, url, host string) (int, http.Header, string, error) {
	rest, ok := strings.CutPrefix(url, "http://")
	if !ok {
		return 0, nil, "", fmt.Errorf("%s: only http:// URLs", url)
	}
	addr, target, _ := strings.Cut(rest, "/")
	target = "/" + target
	if host == "" {
		host = addr
	}
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return 0, nil, "", err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		return 0, nil, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	resp.Header.Del("Date")
	return resp.StatusCode, resp.Header, string(body), err
}
