package main

import (
	"bufio"
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

// waitserve URL waits until a server answers at URL (30 s at most).
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

// httpwait URL REGEXP fetches URL until its body matches REGEXP (10 s at
// most): for changes the server makes after a file is saved.
func cmdHTTPWait(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: httpwait URL REGEXP")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	deadline := time.Now().Add(10 * time.Second)
	var body string
	for {
		_, _, body, err = rawRequest("GET", args[0], "")
		if err == nil && re.MatchString(body) {
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s does not match %q after 10 s (error %v); body:\n%s", args[0], args[1], err, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
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
