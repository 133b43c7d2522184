// Package defaulttheme is the built-in theme of isms: the page templates
// (html/template), the TypeScript and CSS that the build bundles with
// esbuild, the interface strings in Norwegian bokmål and English, and the
// scaffolds that `isms new` copies. A site overrides any of these files by
// putting a file with the same path in its own theme folder.
package defaulttheme

import (
	"embed"
	"io/fs"
)

//go:embed templates assets i18n scaffold scaffold/init/*/.github scaffold/init/*/.gitlab-ci.yml scaffold/init/*/.gitignore
var files embed.FS

// FS returns the theme's files.
func FS() fs.FS { return files }
