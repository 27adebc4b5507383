#!/usr/bin/env bash
# Regenerates Flink's option catalog from the Flink distributions on PyPI.
#
#   tools/flink-catalog/generate.sh [--out DIR] [MINOR...]     (npm run catalog)
#
# For each Flink minor version with a requirements/apache-flink-libraries-<minor>.txt (or only
# the MINORs given): downloads the pinned artifact with `pip download --require-hashes`, unpacks
# its lib/, opt/ and plugins/ jars, and runs the Java reader (built with Maven) on them, one
# version at a time. Writes, under DIR (default: the repository root):
#   src/flink/catalog/data/flink-<minor>.json         every ConfigOption of that version
#   src/flink/catalog/key-history.generated.json      renamed/removed keys, from those files
#   test/flink/catalog/data/real-parser-table.json    what Flink's parser makes of parse-inputs.tsv
# Downloads, unpacked jars and the tool build live in ${CDK8S_FLINK_CACHE:-~/.cache/cdk8s-flink}.
set -euo pipefail
shopt -s inherit_errexit

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${CDK8S_FLINK_CACHE:-$HOME/.cache/cdk8s-flink}
OUT=$ROOT
MINORS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) MINORS+=("$1"); shift ;;
  esac
done
if [ ${#MINORS[@]} -eq 0 ]; then
  for req in "$HERE"/requirements/apache-flink-libraries-*.txt; do
    m=${req##*-}; MINORS+=("${m%.txt}")
  done
fi
JAVA_OPTS=${CATALOG_JAVA_OPTS:--Xmx1g -XX:+UseSerialGC}

# shellcheck source=common.sh
. "$HERE/common.sh"

# Unpacks lib/, opt/ and plugins/ of a distribution artifact (once) and prints the directory.
unpack() {
  local file=$1 sha=$2 dist=$CACHE/dist/$2 tmp
  if [ ! -f "$dist/.complete" ]; then
    tmp=$dist.tmp && rm -rf "$tmp" "$dist" && mkdir -p "$tmp"
    case "$file" in
      *.whl) unzip -q "$file" 'pyflink/lib/*' 'pyflink/opt/*' 'pyflink/plugins/*' -d "$tmp"
             mv "$tmp"/pyflink/lib "$tmp"/pyflink/opt "$tmp"/pyflink/plugins "$tmp"/ ;;
      *.tar.gz) tar -xzf "$file" -C "$tmp" --wildcards '*/deps/lib/*' '*/deps/opt/*' '*/deps/plugins/*'
             mv "$tmp"/*/deps/lib "$tmp"/*/deps/opt "$tmp"/*/deps/plugins "$tmp"/ ;;
    esac
    find "$tmp" -mindepth 1 -maxdepth 1 ! -name lib ! -name opt ! -name plugins -exec rm -rf {} +
    mv "$tmp" "$dist" && touch "$dist/.complete"
  fi
  printf '%s\n' "$dist"
}

# Runs the reader on one Flink minor version: the catalog (when $2 is "catalog") and the parser table.
generate_minor() {
  local minor=$1 what=$2 started req version sha file dist work
  started=$(date +%s)
  req=$HERE/requirements/apache-flink-libraries-$minor.txt
  [ -f "$req" ] || { log "no $req"; exit 1; }
  version=$(grep -o '^apache-flink-libraries==[0-9.]*' "$req" | cut -d= -f3)
  sha=$(pinned_sha "$req")
  file=$(fetch "$req")
  dist=$(unpack "$file" "$sha")
  work=$CACHE/work/$version
  if [ "$what" = catalog ]; then
    log "reading Flink $version ($(basename "$file"))"
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$TOOL_JAR" catalog --dist "$dist" --work "$work" --flink-version "$version" \
      --package apache-flink-libraries --file "$(basename "$file")" --sha256 "$sha" \
      --out "$OUT/src/flink/catalog/data/flink-$minor.json"
  fi
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$TOOL_JAR" parse-table --dist "$dist" --work "$work" --flink-version "$version" \
    --inputs "$HERE/parse-inputs.tsv" --out "$PARSE_DIR/$minor.json" >"$work/parse-table.log" 2>&1 \
    || { cat "$work/parse-table.log" >&2; exit 1; }
  log "Flink $version done in $(( $(date +%s) - started )) s"
}

build_tool
# Parser results are kept per tool build and input table, so a partial run can still assemble all.
PARSE_DIR=$CACHE/work/parse/$(basename "$(dirname "$TOOL_JAR")")-$(sha256sum "$HERE/parse-inputs.tsv" | cut -c1-16)
mkdir -p "$OUT/src/flink/catalog/data" "$PARSE_DIR"
for minor in "${MINORS[@]}"; do generate_minor "$minor" catalog; done
for req in "$HERE"/requirements/apache-flink-libraries-*.txt; do
  m=${req##*-}; m=${m%.txt}
  [ -f "$PARSE_DIR/$m.json" ] || generate_minor "$m" parse-table-only
done
node "$HERE/assemble.js" --catalog-dir "$OUT/src/flink/catalog/data" \
  --history-out "$OUT/src/flink/catalog/key-history.generated.json" \
  --inputs "$HERE/parse-inputs.tsv" --parse-dir "$PARSE_DIR" \
  --parse-out "$OUT/test/flink/catalog/data/real-parser-table.json"
