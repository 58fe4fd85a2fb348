# pulumi-kong-event-gateway
#
# Every tool is built from pinned Go modules under tools/ into ./bin; nothing is
# downloaded from anywhere but the Go module proxy.

SHELL := /bin/bash
BIN   := $(CURDIR)/bin
GO    ?= go

PULUMI_VERSION      := v3.274.1
K8S_PROVIDER_MODULE := github.com/pulumi/pulumi-kubernetes/provider/v4
# The provider reports the version of the Kubernetes SDK the project uses, so
# the engine prints no version-mismatch warning.
K8S_PROVIDER_VERSION := 4.32.0
KUBE_VERSION        := v1.35.4
YAML_VERSION        := v1.25.0
GOLANGCI_VERSION    := v2.15.0

LDFLAGS_BASE := -s -w
# -trimpath keeps module-cache paths out of the binaries, so a build against a
# different (even empty) GOMODCACHE reuses the build cache: it downloads and relinks.
BUILD_FLAGS  := -trimpath

# moddir prints a module's directory, downloading it first when the module cache
# lacks it (a listing of the build list alone names no directory on a cold cache). Run it in a
# module that requires $(1).
moddir = $(GO) mod download -json $(1) | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p'
KUBE_LDFLAGS := $(LDFLAGS_BASE) \
	-X k8s.io/component-base/version.gitVersion=$(KUBE_VERSION) \
	-X k8s.io/component-base/version.gitMajor=1 \
	-X k8s.io/component-base/version.gitMinor=35 \
	-X k8s.io/component-base/version.gitTreeState=clean \
	-X k8s.io/client-go/pkg/version.gitVersion=$(KUBE_VERSION) \
	-X k8s.io/client-go/pkg/version.gitMajor=1 \
	-X k8s.io/client-go/pkg/version.gitMinor=35

# CRDs the embedded local cluster installs besides Kong Operator's (which it reads from ../shared): staged from
# pinned module versions into bin/crds/<name> (NAME=MODULE@VERSION:DIR), so the cluster never runs `go`.
CRD_MODULES := gateway-api=sigs.k8s.io/gateway-api@v1.6.1:config/crd/experimental \
	cert-manager=github.com/cert-manager/cert-manager@v1.21.1:deploy/crds \
	external-dns=sigs.k8s.io/external-dns@v0.20.0:config/crd/standard

TOOLS := $(BIN)/pulumi $(BIN)/pulumi-resource-kubernetes $(BIN)/kube-apiserver \
	$(BIN)/kube-controller-manager $(BIN)/kubectl $(BIN)/etcd $(BIN)/pulumi-language-yaml $(BIN)/crds

PROVIDER := $(BIN)/pulumi-resource-kong-event-gateway

# The upstream Kong Operator CRDs (never copied into the project).
KONG_CRDS_DIR ?= $(or $(KEG_KONG_CRDS_DIR),$(abspath $(CURDIR)/../shared/crds/kong-operator))

# keg's version (`keg version`).
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

# Platforms the shipped binaries must compile for besides this one.
CROSS_PLATFORMS := darwin/arm64 darwin/amd64 windows/amd64

TEST_FLAGS ?= -count=1 -timeout 40m

.PHONY: all tools build test bench bench-e2e lint schema sdks run cross check-fresh release clean FORCE

all: build

## tools: build every pinned tool into ./bin (skips what is already built).
tools: $(TOOLS)

# Each binary depends on its tools module's go.mod/go.sum, so bumping a pinned
# version rebuilds it and nothing else.
$(BIN)/pulumi: tools/pulumi/go.mod tools/pulumi/go.sum
	@echo "==> building pulumi CLI $(PULUMI_VERSION)"
	cd tools/pulumi && $(GO) build $(BUILD_FLAGS) -ldflags "$(LDFLAGS_BASE) -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$(PULUMI_VERSION)" \
		-o $@ github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

# The provider's module zip lacks its go:generate outputs; generate them from
# the module's schema.json with the upstream generator, then build our copy of main.go.
$(BIN)/pulumi-resource-kubernetes: tools/kubernetes/go.mod tools/kubernetes/go.sum tools/kubernetes/main.go
	@echo "==> building pulumi-resource-kubernetes (reports $(K8S_PROVIDER_VERSION))"
	cd tools/kubernetes && dir=$$($(call moddir,$(K8S_PROVIDER_MODULE))) && test -n "$$dir" && \
		install -m 0644 $$dir/cmd/pulumi-resource-kubernetes/{schema.json,terraform-mapping.json,generate.go} . && \
		VERSION=$(K8S_PROVIDER_VERSION) $(GO) run $(BUILD_FLAGS) generate.go && \
		$(GO) build $(BUILD_FLAGS) -ldflags "$(LDFLAGS_BASE) -X $(K8S_PROVIDER_MODULE)/pkg/version.Version=$(K8S_PROVIDER_VERSION)" -o $@ .

$(BIN)/kube-apiserver $(BIN)/kube-controller-manager $(BIN)/kubectl: $(BIN)/%: tools/kube/go.mod tools/kube/go.sum
	@echo "==> building $* $(KUBE_VERSION)"
	cd tools/kube && $(GO) build $(BUILD_FLAGS) -ldflags "$(KUBE_LDFLAGS)" -o $@ k8s.io/kubernetes/cmd/$*

$(BIN)/etcd: tools/kube/go.mod tools/kube/go.sum
	@echo "==> building etcd $$(cd tools/kube && $(GO) list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)"
	cd tools/kube && $(GO) build $(BUILD_FLAGS) -ldflags "$(LDFLAGS_BASE)" -o $@ go.etcd.io/etcd/server/v3

$(BIN)/pulumi-language-yaml: tools/yaml/go.mod tools/yaml/go.sum
	@echo "==> building pulumi-language-yaml $(YAML_VERSION)"
	cd tools/yaml && $(GO) build $(BUILD_FLAGS) -ldflags "$(LDFLAGS_BASE) -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$(YAML_VERSION)" \
		-o $@ github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml

$(BIN)/crds: Makefile
	@echo "==> staging CRDs: $(foreach m,$(CRD_MODULES),$(firstword $(subst :, ,$(m))))"
	rm -rf $@.tmp
	for entry in $(CRD_MODULES); do \
		name=$${entry%%=*} && rest=$${entry#*=} && module=$${rest%%:*} && sub=$${rest#*:} && \
		dir=$$($(call moddir,$$module)) && test -n "$$dir" && \
		mkdir -p $@.tmp/$$name && install -m 0644 $$dir/$$sub/*.yaml $@.tmp/$$name/ || exit 1; \
	done
	rm -rf $@ && mv $@.tmp $@

$(BIN)/golangci-lint: tools/golangci-lint/go.mod tools/golangci-lint/go.sum
	@echo "==> building golangci-lint $(GOLANGCI_VERSION)"
	cd tools/golangci-lint && $(GO) build $(BUILD_FLAGS) -ldflags "$(LDFLAGS_BASE) -X main.version=$(GOLANGCI_VERSION)" \
		-o $@ github.com/golangci/golangci-lint/v2/cmd/golangci-lint

## build: the provider plugin and the keg CLI into ./bin.
build: $(PROVIDER) $(BIN)/keg

$(PROVIDER): FORCE
	$(GO) build $(BUILD_FLAGS) -o $@ ./provider/cmd/pulumi-resource-kong-event-gateway

$(BIN)/keg: FORCE
	$(GO) build $(BUILD_FLAGS) -ldflags "$(LDFLAGS_BASE) -X main.version=$(VERSION)" -o $@ ./automation/cmd/keg

## run: the main job on the embedded default: local cluster, Konnect emulator
## and local state under .state/; prints where Kafka clients connect.
run: tools $(BIN)/keg
	$(BIN)/keg up --yes

## release: VERSION=x.y.z sets provider.Version (the one version of the provider, schema.json and the SDKs),
## regenerates schema.json and sdk/, dates CHANGELOG.md's "## x.y.z" section (required), commits, and tags vx.y.z
## and sdk/go/vx.y.z (the Go SDK's module). Needs a clean working tree; pushes nothing.
release:
	@echo "$(VERSION)" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$$' || \
		{ echo "release: set VERSION=x.y.z (got '$(VERSION)')" >&2; exit 1; }
	@test -z "$$(git status --porcelain)" || { echo "release: the working tree has changes; commit them first" >&2; exit 1; }
	@grep -Eq '^## $(subst .,\.,$(VERSION))( |$$)' CHANGELOG.md || \
		{ echo "release: CHANGELOG.md has no '## $(VERSION)' section; describe the release there first" >&2; exit 1; }
	@! git rev-parse -q --verify refs/tags/v$(VERSION) >/dev/null || { echo "release: tag v$(VERSION) exists" >&2; exit 1; }
	sed -i.bak 's/^var Version = ".*"/var Version = "$(VERSION)"/' provider/provider.go && rm provider/provider.go.bak
	sed -i.bak 's/^## $(subst .,\.,$(VERSION)) (unreleased)$$/## $(VERSION) ($(shell date -u +%Y-%m-%d))/' CHANGELOG.md && rm CHANGELOG.md.bak
	$(MAKE) --no-print-directory schema sdks
	git add -A provider/provider.go CHANGELOG.md schema.json sdk
	git commit -q -m "Release $(VERSION)"
	git tag -a v$(VERSION) -m "Release $(VERSION)"
	git tag -a sdk/go/v$(VERSION) -m "Release $(VERSION) (Go SDK)"
	@echo "==> tagged v$(VERSION) and sdk/go/v$(VERSION); push both tags with the commit"

## schema: regenerate the schema annotations from doc comments, then schema.json from the provider (each
## generator is configured in the //go:generate line beside what it writes).
schema:
	$(GO) generate ./components/... ./provider/konnect ./automation/spec
	$(GO) generate -run gen-schema .

## sdks: generate the Node.js, Python and Go SDKs from schema.json into sdk/.
sdks:
	$(GO) generate -run gen-sdks .

## test: build the tools if missing, then run every test (-trimpath here too: the test builds share the build
## cache whatever the clone's directory or module cache).
test: tools build
	$(GO) vet $(BUILD_FLAGS) ./...
	$(GO) test $(BUILD_FLAGS) $(TEST_FLAGS) ./...

## bench-e2e: keg against a raw Pulumi program of the same objects and against kubectl apply, on one local
## cluster: SniGateway with N virtual clusters, interleaved repetitions, medians and ratios printed
## (BENCH_E2E_FLAGS="-n 1,10,50 -reps 3" by default).
BENCH_E2E_FLAGS ?= -n 1,10,50 -reps 3
bench-e2e: tools build
	$(GO) run $(BUILD_FLAGS) ./internal/cmd/bench-e2e -bin $(BIN) $(BENCH_E2E_FLAGS)

## bench: run the benchmarks (mock engine, no cluster needed).
BENCH_PKGS ?= ./components/
bench:
	$(GO) test $(BUILD_FLAGS) -run '^$$' -bench . -benchmem $(BENCH_PKGS)

## lint: golangci-lint (.golangci.yml: vet, staticcheck, revive, errorlint, gosec, misspell; gci and gofmt).
lint: $(BIN)/golangci-lint
	$(BIN)/golangci-lint run ./...

## cross: compile the shipped binaries for macOS and Windows, so no Linux-only call creeps in.
cross:
	@for platform in $(CROSS_PLATFORMS); do \
		echo "==> compiling keg and the provider for $$platform"; \
		GOOS=$${platform%/*} GOARCH=$${platform#*/} $(GO) build $(BUILD_FLAGS) ./automation/cmd/keg ./provider/cmd/... . || exit 1; \
	done

## check-fresh: what a new user meets: a clean clone, an empty Go module cache and Go's default flags (so builds
## are stamped from git, as on a new machine); `make tools build`, then the built pulumi and keg run from another
## directory: `keg version`, and `keg preview` of the embedded default. The temporary clone and module cache are
## removed.
check-fresh:
	@tmp=$$(mktemp -d) && trap 'chmod -R u+w "$$tmp"; rm -rf "$$tmp"' EXIT && \
	git clone --quiet --no-local "$(CURDIR)" "$$tmp/repo" && \
	start=$$(date +%s) && \
	GOMODCACHE="$$tmp/gomodcache" GOFLAGS=-modcacherw $(MAKE) --no-print-directory -C "$$tmp/repo" tools build && \
	"$$tmp/repo/bin/pulumi" version && \
	echo "==> check-fresh: clean clone, empty module cache: make tools build in $$(( $$(date +%s) - start )) s" && \
	cd "$$tmp" && "$$tmp/repo/bin/keg" version && \
	"$$tmp/repo/bin/keg" preview --kong-crds "$(KONG_CRDS_DIR)" --state-dir "$$tmp/state"

clean:
	rm -rf $(BIN) .state

FORCE:
