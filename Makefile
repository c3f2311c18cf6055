# helpsite: lint support articles and build them into a static help site.
#   make site   build the sample site in articles/ into public/
#   make test   vet and run every test (the corpus tests use ../shared/corpus)

GO        ?= go
BIN       := bin/helpsite
FUZZTIME  ?= 10m
SITE_SRC  := articles
PKGS      := ./...

.PHONY: all build site test lint bench fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/helpsite

# Check and build the sample site into public/ (fails on lint errors).
site: build
	$(BIN) build --src $(SITE_SRC) --out public

test:
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)

# Static checks of the Go code.
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

# Go benchmarks, e.g. the whole lint of the shared corpus; compare runs with
# benchstat.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./pipeline/... | tee bench.txt

# Each fuzz target for FUZZTIME (a crash is written under testdata/fuzz and
# then runs as a regression test in "make test").
fuzz:
	$(GO) test ./pipeline/properties  -run '^$$' -fuzz '^FuzzParse$$'    -fuzztime $(FUZZTIME) -fuzzminimizetime 10s
	$(GO) test ./pipeline/frontmatter -run '^$$' -fuzz '^FuzzParse$$'    -fuzztime $(FUZZTIME) -fuzzminimizetime 10s
	$(GO) test ./pipeline             -run '^$$' -fuzz '^FuzzLintFile$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 10s
	$(GO) test ./pipeline/render      -run '^$$' -fuzz '^FuzzRender$$'   -fuzztime $(FUZZTIME) -fuzzminimizetime 10s

clean:
	rm -rf bin public bench.txt
