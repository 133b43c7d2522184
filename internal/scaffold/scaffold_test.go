package scaffold

import (
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/isms-project/isms/internal/model"
)

// readLog is a file system that records the files read from it.
type readLog struct {
	fs.FS
	mu   sync.Mutex
	read []string
}

func (r *readLog) ReadFile(name string) ([]byte, error) {
	r.mu.Lock()
	r.read = append(r.read, name)
	r.mu.Unlock()
	return fs.ReadFile(r.FS, name)
}

// TestIDUser: an ID is taken by a document's front matter, in YAML or
// TOML, whatever its case; not by a mention in a body, an excluded file or
// the theme folder. The check reads the documents and nothing else: not
// soa.yaml or risks.yaml, which a whole build would read and resolve.
func TestIDUser(t *testing.T) {
	site := &readLog{FS: fstest.MapFS{
		"isms.yaml":              {Data: []byte("title: T\nexclude: [old/**]\n")},
		"soa.yaml":               {Data: []byte("controls: {}\n")},
		"risks.yaml":             {Data: []byte("risks: []\n")},
		"policies/pol-01.md":     {Data: []byte("---\nid: POL-01\ntitle: P\ntype: policy\n---\nSee [[PRO-09]] and PRO-09.\n")},
		"procedures/pro-02.md":   {Data: []byte("+++\nid = 'pro-02'\ntitle = 'P'\n+++\nBody.\n")},
		"old/pro-07.md":          {Data: []byte("---\nid: PRO-07\n---\n")},
		"records/broken.md":      {Data: []byte("---\nid: [unclosed\n---\n")},
		"policies/README.md":     {Data: []byte("# Policies\n")},
		"_drafts/pro-08.md":      {Data: []byte("---\nid: PRO-08\n---\n")},
		"static/files/pro-09.md": {Data: []byte("---\nid: PRO-09\n---\n")},
	}}
	cfg, _ := model.ReadConfig(site.FS.(fstest.MapFS)["isms.yaml"].Data)
	for id, want := range map[string]string{
		"POL-01": "policies/pol-01.md",
		"pol-01": "policies/pol-01.md",
		"PRO-02": "procedures/pro-02.md",
		"PRO-09": "", // only mentioned, and a static file
		"PRO-07": "", // excluded
		"PRO-08": "", // in a folder starting with _
	} {
		used, got, err := idUser(site, cfg, id)
		if err != nil {
			t.Fatal(err)
		}
		if got != want || got != "" && !strings.EqualFold(used, id) {
			t.Errorf("idUser(%s) = %q, %q, want %q", id, used, got, want)
		}
	}
	slices.Sort(site.read)
	read := slices.Compact(site.read)
	want := []string{"policies/pol-01.md", "procedures/pro-02.md", "records/broken.md"}
	if !slices.Equal(read, want) {
		t.Errorf("read %v, want only the documents %v", read, want)
	}
}
