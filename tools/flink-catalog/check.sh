#!/usr/bin/env bash
# Fails when the committed catalog files are not what the generator makes from the pinned
# Flink distributions: regenerates everything into a temporary directory and diffs.
# Needs PyPI (or a warm ${CDK8S_FLINK_CACHE:-~/.cache/cdk8s-flink}), Java 17, Maven and Node.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$HERE/generate.sh" --out "$TMP"
status=0
for path in src/flink/catalog/data src/flink/catalog/key-history.generated.json test/flink/catalog/data/real-parser-table.json; do
  if ! diff -ru "$ROOT/$path" "$TMP/$path" >"$TMP/diff.txt"; then
    echo "out of date: $path (run: npm run catalog)" >&2
    head -n 40 "$TMP/diff.txt" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "catalog is current" >&2
exit $status
