# reflect's build. `make test` is what CI runs.

GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X github.com/reflect-cli/reflect/cmd.version=$(VERSION)
BIN     := bin/reflect

.PHONY: all build install test fmt-check vet cross unit damage bench fuzz clean

all: build

# reflect needs no C: built without cgo it is linked statically, and starts
# about 1.5 ms sooner than when the dynamic loader has libc to find (cobra's
# flags import net, which otherwise links cgo in). The race detector needs
# cgo, so the tests keep it.
NOCGO := CGO_ENABLED=0

## build: compile bin/reflect
build:
	$(NOCGO) $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/reflect

## install: install reflect into $(go env GOPATH)/bin
install:
	$(NOCGO) $(GO) install -ldflags "$(LDFLAGS)" ./cmd/reflect

## test: gofmt check, go vet, the cross-compile check, every test with the
## race detector, then the damage tests in full under a memory limit
test: fmt-check vet cross unit damage

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

## cross: for each platform reflect supports, build every package, vet it,
## and compile (without running) every package's tests
CROSS := linux/amd64 darwin/amd64 darwin/arm64 windows/amd64
cross:
	@set -e; for p in $(CROSS); do \
		echo "cross $$p"; \
		export GOOS=$${p%/*} GOARCH=$${p#*/} $(NOCGO); \
		$(GO) build ./...; \
		$(GO) vet ./...; \
		$(GO) test -exec true -run '^$$' ./... >/dev/null; \
	done

unit:
	$(GO) test -race -short -count=1 -timeout 10m ./...

# The damage tests flip every byte of a small journal's page structure, in
# storage and through the binary, without -race (whose shadow memory does
# not fit under a limit) and with 1 GiB of memory (RLIMIT_DATA): a walk
# over damage that grew without bound would fail them.
MEMLIMIT_KIB := 1048576
damage:
	@mkdir -p bin
	$(GO) test -c -o bin/storage.test ./storage
	ulimit -d $(MEMLIMIT_KIB) && bin/storage.test -test.run 'Flipped|Damaged' -test.count=1 -test.timeout 10m
	$(GO) test -count=1 -timeout 10m -run 'Flipped|Damaged' ./cmd/reflect ./cmd

## bench: the Go benchmarks, then whole-process timings of bin/reflect
## against a Go hello-world on synthetic journals of 365, 3,650 and 36,500 days
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(NOCGO) $(GO) build -o bin/hello ./cmd/reflect-bench/hello
	$(GO) build -o bin/reflect-bench ./cmd/reflect-bench
	bin/reflect-bench -reflect $(BIN) -hello bin/hello

## fuzz: run each fuzz target for FUZZTIME (default 10s); crashers are kept
## under each package's testdata/fuzz, where go test replays them
FUZZTIME ?= 10s
FUZZ_TARGETS := \
	journal:FuzzParseDay journal:FuzzParseWeek journal:FuzzParseAnswers \
	journal:FuzzReadEntries journal:FuzzReadJrnl journal:FuzzEditText \
	journal:FuzzMarkdownLine journal:FuzzMayMatch journal:FuzzVisible journal:FuzzDecodeSyncedDay \
	storage:FuzzSummary storage:FuzzStoredEntry \
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
