package main

// The formats of isms check for the tools a team's pipeline already has:
// GitHub annotations, SARIF for code-scanning dashboards and GitLab's Code
// Quality report. Those tools resolve a file name against the repository's
// root, so their paths include the site folder (--src) when it is a folder
// of the working directory; text and json keep the site-relative paths of
// SPEC §7.

import (
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/isms-project/isms/internal/finding"
)

// checkFormats are the values of isms check --format.
var checkFormats = []string{"text", "json", "github", "sarif", "codeclimate"}

// projectURL is the project's home, for SARIF's tool description.
const projectURL = "https://github.com/isms-project/isms"

// validFormat returns a usage message for a --format that isms check does
// not write, or "".
func validFormat(format string) string {
	if slices.Contains(checkFormats, format) {
		return ""
	}
	return fmt.Sprintf("--format %q: use %s or %s", format,
		strings.Join(checkFormats[:len(checkFormats)-1], ", "), checkFormats[len(checkFormats)-1])
}

// writeCheck writes the findings of isms check in a format; src is the
// site folder as given to --src.
func writeCheck(w io.Writer, format, src string, findings finding.Findings) error {
	var out []byte
	switch format {
	case "json":
		out = findings.JSON()
	case "github":
		out = findings.Under(repoFolder(src)).GitHub()
	case "sarif":
		tool := finding.Tool{Name: "isms", Version: thisRelease().Version, InformationURI: projectURL}
		out = findings.Under(repoFolder(src)).SARIF(tool)
	case "codeclimate":
		out = findings.Under(repoFolder(src)).CodeClimate()
	default:
		out = []byte(findings.Text())
	}
	_, err := w.Write(out)
	return err
}

// repoFolder is the site folder as a slash path relative to the working
// directory — where CI runs, the repository's root — or "" when it is the
// working directory itself or lies outside it.
func repoFolder(src string) string {
	abs, err := filepath.Abs(src)
	if err != nil {
		return ""
	}
	wd, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil {
		return ""
	}
	return slashFolder(rel, filepath.Separator)
}

// slashFolder turns a relative folder path written with the system's
// separator sep into a clean slash path: "" for the folder itself or for
// one outside it. On Windows (sep '\') both separators are accepted, as
// Windows accepts them; elsewhere '\' is a character of a name.
func slashFolder(rel string, sep byte) string {
	if sep == '\\' {
		rel = strings.ReplaceAll(rel, `\`, "/")
	}
	p := path.Clean(rel)
	if p == "." || p == ".." || strings.HasPrefix(p, "../") || path.IsAbs(p) || (sep == '\\' && len(p) >= 2 && p[1] == ':') {
		return ""
	}
	return p
}
