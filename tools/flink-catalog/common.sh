# Shared by generate.sh and dist-facts.sh (sourced): pinned downloads from PyPI into the cache,
# and the build of the reader. Expects HERE (this directory) and CACHE to be set.

log() { printf '[catalog] %s\n' "$*" >&2; }

# Prints the pinned sha256 of a requirements file.
pinned_sha() { grep -o 'sha256:[0-9a-f]\{64\}' "$1" | head -n1 | cut -d: -f2; }

# Downloads the artifact pinned by requirements file $1 (once) and prints its path.
fetch() {
  local req=$1 sha dir file
  shift
  sha=$(pinned_sha "$req")
  dir=$CACHE/pypi/$sha
  file=$(find "$dir" -maxdepth 1 -type f \( -name '*.whl' -o -name '*.tar.gz' \) 2>/dev/null | head -n1 || true)
  if [ -z "$file" ] || [ "$(sha256sum "$file" | cut -d' ' -f1)" != "$sha" ]; then
    log "downloading $(grep -o '^[a-z-]*==[0-9.]*' "$req") from PyPI"
    rm -rf "$dir.tmp"
    pip download --quiet --no-deps --require-hashes -r "$req" -d "$dir.tmp" "$@" >&2
    rm -rf "$dir" && mv "$dir.tmp" "$dir"
    file=$(find "$dir" -maxdepth 1 -type f | head -n1)
  fi
  printf '%s\n' "$file"
}

# Builds the reader once per source state; the jar is keyed by a hash of pom.xml and sources.
build_tool() {
  local key
  key=$(cd "$HERE" && find pom.xml src -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
  TOOL_JAR=$CACHE/build/$key/flink-catalog.jar
  if [ ! -f "$TOOL_JAR" ]; then
    log "building the reader (mvn package)"
    mvn -q -B -Dstyle.color=never -f "$HERE/pom.xml" -Dcatalog.build.dir="$CACHE/build/$key" package >&2
  fi
}
