#!/usr/bin/env bash
# Prints the facts of each Flink version that the construct depends on beyond the option
# catalog, read from the distributions themselves: the config file the distribution ships and
# its env.java.opts.all, the entry-point scripts' arguments (bin/ of apache-flink, pinned in
# requirements/apache-flink-<minor>.txt), and the options the entry points' command-line
# parsers accept (from lib/ of apache-flink-libraries). FLINK-2.3-NOTES.md is written from it.
#
#   tools/flink-catalog/dist-facts.sh [MINOR...] > facts.txt
set -euo pipefail
shopt -s inherit_errexit

HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${CDK8S_FLINK_CACHE:-$HOME/.cache/cdk8s-flink}
# shellcheck source=common.sh
. "$HERE/common.sh"

MINORS=("$@")
if [ ${#MINORS[@]} -eq 0 ]; then
  for req in "$HERE"/requirements/apache-flink-[0-9]*.txt; do m=${req##*-}; MINORS+=("${m%.txt}"); done
fi

# bin/ and conf/ of the apache-flink wheel (a platform wheel: its bin/ and conf/ are plain files).
scripts_dir() {
  local req=$HERE/requirements/apache-flink-$1.txt sha file dir
  sha=$(pinned_sha "$req")
  dir=$CACHE/scripts/$sha
  if [ ! -f "$dir/.complete" ]; then
    file=$(fetch "$req" --only-binary :all: --platform manylinux2014_x86_64 --python-version 3.10)
    rm -rf "$dir" && mkdir -p "$dir"
    unzip -q "$file" 'pyflink/bin/*' 'pyflink/conf/*' -d "$dir"
    touch "$dir/.complete"
  fi
  printf '%s\n' "$dir/pyflink"
}

build_tool

for minor in "${MINORS[@]}"; do
  dir=$(scripts_dir "$minor")
  lib_req=$HERE/requirements/apache-flink-libraries-$minor.txt
  dist=$CACHE/dist/$(pinned_sha "$lib_req")
  [ -f "$dist/.complete" ] || "$HERE/generate.sh" --out "$CACHE/work/facts-out" "$minor" >/dev/null 2>&1
  echo "===== Flink $(grep -o '==[0-9.]*' "$HERE/requirements/apache-flink-$minor.txt" | tr -d =)"
  echo "--- conf/: $(cd "$dir/conf" && ls | tr '\n' ' ')"
  node "$HERE/conf-facts.js" "$dir/conf"
  echo "--- bin/standalone-job.sh:"; grep -nE 'USAGE|args|--host|-D' "$dir/bin/standalone-job.sh" || true
  echo "--- bin/jobmanager.sh:"; grep -nE 'USAGE|HOST|--host|WEBUIPORT|args\+=|ENTRYPOINT' "$dir/bin/jobmanager.sh" || true
  echo "--- bin/taskmanager.sh:"; grep -nE 'USAGE|args\+=|ENTRYPOINT' "$dir/bin/taskmanager.sh" || true
  echo "--- entry-point command-line options:"
  java -jar "$TOOL_JAR" entrypoint-options --dist "$dist" --work "$CACHE/work/facts"
done
