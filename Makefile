# isms — build, preview and test.
#
#   make run    build the example ISMS in content/ and preview it with live reload
#   make test   all tests (browser tests need chromium; .ci/run installs it)
#   make bench  benchmarks and the end-to-end comparison (see README)

GO      ?= go
BIN     := bin/isms
ADDR    ?= 127.0.0.1:8080
FUZZTIME ?= 30s

.PHONY: run site build test vet bench fuzz clean

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
	$(GO) test ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Fuzz every parser of user input for FUZZTIME each.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzClassify$$' -fuzztime $(FUZZTIME) ./catalog
	$(GO) test -run '^$$' -fuzz '^FuzzCompare$$' -fuzztime $(FUZZTIME) ./catalog
	$(GO) test -run '^$$' -fuzz '^FuzzDocument$$' -fuzztime $(FUZZTIME) ./generator
	$(GO) test -run '^$$' -fuzz '^FuzzReference$$' -fuzztime $(FUZZTIME) ./generator

clean:
	rm -rf bin public
