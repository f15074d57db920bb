# reflect's build. `make test` is what CI runs.

GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X github.com/reflect-cli/reflect/cmd.version=$(VERSION)
BIN     := bin/reflect

.PHONY: all build install test fmt-check vet unit bench fuzz clean

all: build

## build: compile bin/reflect
build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/reflect

## install: install reflect into $(go env GOPATH)/bin
install:
	$(GO) install -ldflags "$(LDFLAGS)" ./cmd/reflect

## test: gofmt check, go vet, then every test with the race detector
test: fmt-check vet unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test -race -count=1 -timeout 10m ./...
	@# Damaged pages stop a -race (checkptr) test binary outright; these run without it.
	$(GO) test -count=1 -run 'Damaged|Flipped|Fuzz' ./storage ./cmd

## bench: the benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## fuzz: run each fuzz target for FUZZTIME (default 10s); crashers are kept
## under each package's testdata/fuzz, where go test replays them
FUZZTIME ?= 10s
FUZZ_TARGETS := \
	journal:FuzzParseDay journal:FuzzParseWeek journal:FuzzParseAnswers \
	journal:FuzzReadEntries journal:FuzzReadJrnl journal:FuzzEditText \
	journal:FuzzMarkdownLine journal:FuzzMayMatch storage:FuzzSummary storage:FuzzStoredEntry \
	prompts:FuzzWithCustom
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
		$(GO) test ./$$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) >/dev/null || \
		{ $(GO) test ./$$pkg -run "^$$name\$$" ; exit 1; }; \
	done

clean:
	rm -rf bin
