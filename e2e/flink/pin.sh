#!/usr/bin/env bash
# Regenerate requirements/<version>.txt (pinned, with sha256 hashes) for one Flink version.
# Run by a developer when adding a version; the files are committed and fetch.sh uses them
# with --require-hashes.
set -euo pipefail
v="$1"; here="$(cd "$(dirname "$0")" && pwd)"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# shellcheck source=pip-flags.sh
source "$here/pip-flags.sh"
pip download -q --no-deps "${PIP_FLAGS[@]}" -d "$tmp" "apache-flink==$v" "apache-flink-libraries==$v"
{
  echo "# Flink $v: bin/ and conf/ (apache-flink), lib/ opt/ plugins/ (apache-flink-libraries)"
  for f in "$tmp"/*; do
    name=apache-flink; [[ "$(basename "$f")" =~ ^apache[-_]flink[-_]libraries ]] && name=apache-flink-libraries
    echo "$name==$v --hash=sha256:$(sha256sum "$f" | cut -d' ' -f1)"
  done
} > "$here/requirements/$v.txt"
cat "$here/requirements/$v.txt"
