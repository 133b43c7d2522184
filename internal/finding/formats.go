package finding

// The formats in this file are for the tools a team's pipeline already
// has: GitHub's workflow commands (an annotation on the file and line of a
// pull request), SARIF 2.1.0 (code-scanning dashboards) and GitLab's Code
// Quality report (the Code Climate issue format). Each takes the findings
// as they are; the caller chooses their paths (see Under).

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Under returns a copy of the findings whose paths are under dir, a slash
// path ("" or "." leaves them as they are). CI tools resolve a file name
// against the repository's root, and a site may be a folder of the
// repository.
func (fs Findings) Under(dir string) Findings {
	out := make(Findings, len(fs))
	copy(out, fs)
	if dir == "" || dir == "." {
		return out
	}
	for i := range out {
		if out[i].Path != "" {
			out[i].Path = path.Join(dir, out[i].Path)
		}
	}
	return out
}

// GitHub renders the findings as GitHub Actions workflow commands, one a
// line: ::error file=PATH,line=L,col=C::MESSAGE (::warning for warnings).
// The runner turns each into an annotation on that line of the pull
// request. Properties and message are escaped as the runner expects.
//
// A pull request shows only the first few annotations of a step (ten of
// each severity), so the order is for the reviewer: errors first, and of
// the warnings the rare kinds before the kinds with many alike (a gap
// warning for each control nothing addresses yet would otherwise hide the
// warnings about the documents); else in path order.
func (fs Findings) GitHub() []byte {
	var b strings.Builder
	for _, f := range fs.forReview() {
		b.WriteString("::")
		b.WriteString(f.Severity.String())
		var props []string
		if f.Path != "" {
			props = append(props, "file="+githubProperty(f.Path))
			if f.Line > 0 {
				props = append(props, "line="+strconv.Itoa(f.Line))
				if f.Col > 0 {
					props = append(props, "col="+strconv.Itoa(f.Col))
				}
			}
		}
		if len(props) > 0 {
			b.WriteByte(' ')
			b.WriteString(strings.Join(props, ","))
		}
		b.WriteString("::")
		b.WriteString(githubData(f.Message))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// forReview is the findings in the order GitHub describes.
func (fs Findings) forReview() Findings {
	count := map[string]int{}
	for _, f := range fs {
		count[kindOf(f.Message)]++
	}
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), cmp.Compare(count[kindOf(a.Message)], count[kindOf(b.Message)]))
	})
	return out
}

// githubData escapes a workflow command's message: a line break would end
// the command, and % starts an escape.
var githubData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// githubProperty escapes a workflow command's property value, where , and
// : also separate.
var githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace

// Rule ids: a finding carries no kind of its own, only a severity and a
// message, so the rules are one per severity. Their ids stay the same from
// one release to the next.
const (
	RuleError   = "isms/content-error"
	RuleWarning = "isms/content-warning"
)

// Rule is the id of the rule a finding breaks (see RuleError).
func (f Finding) Rule() string {
	if f.Severity == Error {
		return RuleError
	}
	return RuleWarning
}

// Fingerprints identify each finding from one run to the next: a SHA-256
// of its path, rule and message, and of how many findings before it in the
// list have the same three (so that two alike stay apart). The line is
// left out on purpose: a finding whose file gained a line above it is the
// same finding, not a fixed one and a new one.
func (fs Findings) Fingerprints() []string {
	out := make([]string, len(fs))
	seen := map[string]int{}
	for i, f := range fs {
		key := f.Path + "\x00" + f.Rule() + "\x00" + f.Message
		n := seen[key]
		seen[key] = n + 1
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
		out[i] = hex.EncodeToString(sum[:])
	}
	return out
}

// Tool names the program that made the findings, for SARIF.
type Tool struct {
	Name           string // "isms"
	Version        string // the release, e.g. v1.2.0, or "dev"
	InformationURI string // the project's home page
}

// SARIF renders the findings as a SARIF 2.1.0 log with one run: the tool
// with one rule per severity, and a result per finding with its level,
// message and place (uri relative to %SRCROOT%, region from line and
// column, columns counted in characters).
func (fs Findings) SARIF(tool Tool) []byte {
	type message struct {
		Text string `json:"text"`
	}
	type config struct {
		Level string `json:"level"`
	}
	type rule struct {
		ID                   string  `json:"id"`
		Name                 string  `json:"name"`
		ShortDescription     message `json:"shortDescription"`
		FullDescription      message `json:"fullDescription"`
		DefaultConfiguration config  `json:"defaultConfiguration"`
	}
	type driver struct {
		Name           string `json:"name"`
		Version        string `json:"version,omitempty"`
		InformationURI string `json:"informationUri,omitempty"`
		Rules          []rule `json:"rules"`
	}
	type artifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	type physicalLocation struct {
		ArtifactLocation artifactLocation `json:"artifactLocation"`
		Region           *region          `json:"region,omitempty"`
	}
	type location struct {
		PhysicalLocation physicalLocation `json:"physicalLocation"`
	}
	type result struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             message           `json:"message"`
		Locations           []location        `json:"locations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
	}
	type run struct {
		Tool struct {
			Driver driver `json:"driver"`
		} `json:"tool"`
		ColumnKind string   `json:"columnKind"`
		Results    []result `json:"results"`
	}
	type log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []run  `json:"runs"`
	}

	var r run
	r.Tool.Driver = driver{
		Name: tool.Name, Version: tool.Version, InformationURI: tool.InformationURI,
		Rules: []rule{
			{
				ID: RuleError, Name: "ContentError",
				ShortDescription:     message{"An error in the ISMS content: the site is not built."},
				FullDescription:      message{"An error in the ISMS content, such as bad front matter, an unknown control, clause or document, or a missing attachment. isms build refuses to publish the site until it is fixed; the message says what is wrong and what would be right."},
				DefaultConfiguration: config{"error"},
			},
			{
				ID: RuleWarning, Name: "ContentWarning",
				ShortDescription:     message{"A warning about the ISMS content: the site is built."},
				FullDescription:      message{"A warning about the ISMS content, such as an overdue review, an ISO/IEC 27002:2013 control ID or an applicable control that no approved document addresses. The site is built; --strict makes warnings errors."},
				DefaultConfiguration: config{"warning"},
			},
		},
	}
	r.ColumnKind = "unicodeCodePoints"
	r.Results = []result{}
	prints := fs.Fingerprints()
	for i, f := range fs {
		res := result{
			RuleID: f.Rule(), Level: f.Severity.String(),
			Message:             message{f.Message},
			PartialFingerprints: map[string]string{"isms/v1": prints[i]},
		}
		if f.Severity != Error {
			res.RuleIndex = 1
		}
		if f.Path != "" {
			loc := location{physicalLocation{ArtifactLocation: artifactLocation{URI: uriPath(f.Path), URIBaseID: "%SRCROOT%"}}}
			if f.Line > 0 {
				loc.PhysicalLocation.Region = &region{StartLine: f.Line, StartColumn: f.Col}
			}
			res.Locations = []location{loc}
		}
		r.Results = append(r.Results, res)
	}
	b, _ := json.MarshalIndent(log{
		Schema:  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
		Version: "2.1.0",
		Runs:    []run{r},
	}, "", "  ")
	return append(b, '\n')
}

// uriPath writes a slash path as a relative URI reference: each segment
// percent-encoded where RFC 3986 needs it (spaces, non-ASCII letters, %),
// and : too, which in a first segment would read as a scheme.
func uriPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

// CodeClimate renders the findings as GitLab's Code Quality report: a JSON
// array of Code Climate issues, each with a description, a check name (the
// rule), a stable fingerprint, a severity (major for errors, minor for
// warnings) and the path and line it is at.
func (fs Findings) CodeClimate() []byte {
	type lines struct {
		Begin int `json:"begin"`
	}
	type location struct {
		Path  string `json:"path"`
		Lines lines  `json:"lines"`
	}
	type issue struct {
		Type        string   `json:"type"`
		CheckName   string   `json:"check_name"`
		Description string   `json:"description"`
		Categories  []string `json:"categories"`
		Severity    string   `json:"severity"`
		Fingerprint string   `json:"fingerprint"`
		Location    location `json:"location"`
	}
	issues := make([]issue, 0, len(fs))
	prints := fs.Fingerprints()
	for i, f := range fs {
		sev := "minor"
		if f.Severity == Error {
			sev = "major"
		}
		// A finding about the whole file, or without a line, is put on
		// line 1: the report needs a line.
		issues = append(issues, issue{
			Type: "issue", CheckName: f.Rule(), Description: f.Message,
			Categories: []string{"Bug Risk"}, Severity: sev, Fingerprint: prints[i],
			Location: location{Path: f.Path, Lines: lines{Begin: max(f.Line, 1)}},
		})
	}
	b, _ := json.MarshalIndent(issues, "", "  ")
	return append(b, '\n')
}
