# isms — build, preview and test.
#
#   make run    build the example ISMS in content/ and preview it with live reload
#   make test   all tests (browser tests need chromium; .ci/run installs it)
#   make bench  benchmarks and the end-to-end comparison (see README)

GO      ?= go
BIN     := bin/isms
ADDR    ?= 127.0.0.1:8080
FUZZTIME ?= 30s

.PHONY: run site build test vet bench bench-peers fuzz clean compare

build:
	$(GO) build -o $(BIN) ./cmd/isms

# The example ISMS, served from memory with live reload.
run: build
	$(BIN) serve --src content --addr $(ADDR)

# The example ISMS as static files in public/.
site: build
	$(BIN) build --src content --out public

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt would change:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

test: vet
	test -f themes/default/testdata/a11y/node_modules/axe-core/axe.min.js || npm ci --prefix themes/default/testdata/a11y
	$(GO) test ./...

# Go benchmarks, then isms against Hugo + Pagefind on the generated corpus
# (BENCH_SIZES documents, BENCH_RUNS runs each; peers from make bench-peers).
BENCH_SIZES ?= 1000,10000,50000
BENCH_RUNS  ?= 3
PAGEFIND_VERSION := 1.6.0

bench: build
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./...
	$(GO) run ./internal/cmd/benchcmp -isms $(BIN) -sizes $(BENCH_SIZES) -runs $(BENCH_RUNS) -o .bench/results.md

# The peers the benchmark compares with: Debian's hugo and npm's pagefind.
bench-peers:
	command -v hugo >/dev/null || apt-get install -y --no-install-recommends hugo
	mkdir -p .bench/peers
	npm install --prefix .bench/peers --no-audit --no-fund pagefind@$(PAGEFIND_VERSION)

# The example ISMS as of revision REV, built by that revision and by the
# working tree, compared file by file (the output's marker left out): a
# refactoring must say "the same output". make compare REV=a270aba
REV ?= HEAD
compare:
	@set -e; tmp=$$(mktemp -d); \
	git worktree add -q --detach $$tmp/src $(REV); \
	(cd $$tmp/src && $(GO) build -o $$tmp/before ./cmd/isms); \
	$(GO) build -o $$tmp/after ./cmd/isms; \
	$$tmp/before build --src $$tmp/src/content --out $$tmp/before-out --today 2026-12-01 --quiet; \
	$$tmp/after build --src $$tmp/src/content --out $$tmp/after-out --today 2026-12-01 --quiet; \
	git worktree remove --force $$tmp/src; \
	if diff -r -x .isms-output $$tmp/before-out $$tmp/after-out >$$tmp/diff; then echo "compare: the same output as $(REV)"; \
	else diffstat=$$(grep -c '^diff\|^Only' $$tmp/diff); echo "compare: $$diffstat files differ from $(REV):"; grep '^diff\|^Only' $$tmp/diff | head -40; fi; \
	rm -rf $$tmp

# Fuzz every parser of user input for FUZZTIME each.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzClassify$$' -fuzztime $(FUZZTIME) ./catalog
	$(GO) test -run '^$$' -fuzz '^FuzzCompare$$' -fuzztime $(FUZZTIME) ./catalog
	$(GO) test -run '^$$' -fuzz '^FuzzSuggest$$' -fuzztime $(FUZZTIME) ./catalog
	$(GO) test -run '^$$' -fuzz '^FuzzDocument$$' -fuzztime $(FUZZTIME) ./generator
	$(GO) test -run '^$$' -fuzz '^FuzzReference$$' -fuzztime $(FUZZTIME) ./generator
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./search

# Release binaries: isms for each system in DIST_PLATFORMS, in $(DIST)/ as
# isms-OS-ARCH (.exe on Windows), with their SHA-256 sums in
# $(DIST)/SHA256SUMS (sha256sum -c SHA256SUMS checks them). isms version
# reports VERSION and COMMIT. The builds are static and reproducible
# (CGO_ENABLED=0, -trimpath, no build ID): the same commit gives the same
# bytes.
DIST           ?= dist
VERSION        ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT         ?= $(shell git rev-parse HEAD 2>/dev/null)
DIST_PLATFORMS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

.PHONY: dist
dist:
	rm -rf $(DIST) && mkdir -p $(DIST)
	@set -e; for p in $(DIST_PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		echo "isms $(VERSION) for $$os/$$arch"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -buildvcs=false \
			-ldflags "-s -w -buildid= -X main.version=$(VERSION) -X main.commit=$(COMMIT)" \
			-o $(DIST)/isms-$$os-$$arch$$ext ./cmd/isms; \
	done
	cd $(DIST) && { command -v sha256sum >/dev/null && sha256sum isms-* || shasum -a 256 isms-*; } > SHA256SUMS

clean:
	rm -rf bin public dist
