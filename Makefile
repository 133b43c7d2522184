# isms — build, preview and test.
#
#   make run    build the example ISMS in content/ and preview it with live reload
#   make test   all tests (browser tests need chromium; .ci/run installs it)
#   make bench  benchmarks and the end-to-end comparison (see README)

GO      ?= go
BIN     := bin/isms
ADDR    ?= 127.0.0.1:8080
FUZZTIME ?= 30s

.PHONY: run site build test vet bench bench-peers fuzz clean

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

# Fuzz every parser of user input for FUZZTIME each.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzClassify$$' -fuzztime $(FUZZTIME) ./catalog
	$(GO) test -run '^$$' -fuzz '^FuzzCompare$$' -fuzztime $(FUZZTIME) ./catalog
	$(GO) test -run '^$$' -fuzz '^FuzzSuggest$$' -fuzztime $(FUZZTIME) ./catalog
	$(GO) test -run '^$$' -fuzz '^FuzzDocument$$' -fuzztime $(FUZZTIME) ./generator
	$(GO) test -run '^$$' -fuzz '^FuzzReference$$' -fuzztime $(FUZZTIME) ./generator
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./search

clean:
	rm -rf bin public
