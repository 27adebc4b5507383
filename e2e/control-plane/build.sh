#!/usr/bin/env bash
# Build etcd and kube-apiserver from their Go modules with the machine's Go.
#
#   e2e/control-plane/build.sh [etcd|kube-apiserver|all] [kube version]
#
# Each component is built from a scratch module committed under modules/<name>-<version>/
# (go.mod + go.sum: the versions and checksums are pinned; -mod=readonly refuses anything else).
# Binaries, module cache and build cache live outside the clone, keyed by version:
#   $CDK8S_FLINK_E2E_CACHE (default ~/.cache/cdk8s-flink-e2e)/bin/<name>-<version>
#   .../go/mod   (GOMODCACHE, shared: content-addressed and checksummed)
#   .../go/build (GOCACHE, shared: content-addressed)
# A binary that already exists is not rebuilt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.sh
source "$here/versions.sh"
what="${1:-all}"
kube_version="${2:-$E2E_KUBE_VERSION}"

cache="${CDK8S_FLINK_E2E_CACHE:-$HOME/.cache/cdk8s-flink-e2e}"
mkdir -p "$cache/bin" "$cache/go/mod" "$cache/go/build" "$cache/logs"
export GOMODCACHE="$cache/go/mod" GOCACHE="$cache/go/build" GOFLAGS="-mod=readonly -buildvcs=false"
export GOTOOLCHAIN=local CGO_ENABLED=0

build_etcd() {
  local v="$ETCD_VERSION" out="$cache/bin/etcd-$ETCD_VERSION"
  if [[ -x "$out" ]]; then echo "etcd $v: cached ($out)"; return; fi
  local start=$SECONDS
  echo "etcd $v: building (cold ~1.5 min on 2 cores)"
  (cd "$here/modules/etcd-$v" && go build -trimpath -o "$out.tmp" go.etcd.io/etcd/server/v3)
  mv "$out.tmp" "$out"
  echo "etcd $v: built in $((SECONDS - start)) s"
}

build_apiserver() {
  local v="$1" out="$cache/bin/kube-apiserver-$1"
  if [[ -x "$out" ]]; then echo "kube-apiserver $v: cached ($out)"; return; fi
  local mod="$here/modules/kube-apiserver-$v"
  [[ -d "$mod" ]] || { echo "no scratch module for kube-apiserver $v ($mod)" >&2; exit 1; }
  local start=$SECONDS minor="${v#v}"
  echo "kube-apiserver $v: building (cold ~10 min on 2 cores)"
  # Kubernetes' own release flags (hack/lib/golang.sh, hack/lib/version.sh).
  local ld="-s -w"
  local pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$v -X $pkg.gitMajor=${minor%%.*} -X $pkg.gitMinor=$(cut -d. -f2 <<<"$minor")"
    ld+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  (cd "$mod" && go build -trimpath -tags selinux,notest,grpcnotrace -ldflags "$ld" \
    -o "$out.tmp" k8s.io/kubernetes/cmd/kube-apiserver)
  mv "$out.tmp" "$out"
  echo "kube-apiserver $v: built in $((SECONDS - start)) s"
}

case "$what" in
  etcd) build_etcd ;;
  kube-apiserver) build_apiserver "$kube_version" ;;
  all) build_etcd; build_apiserver "$kube_version" ;;
  *) echo "usage: $0 [etcd|kube-apiserver|all] [version]" >&2; exit 2 ;;
esac
