#!/usr/bin/env bash
# Fetch one Flink release from the package registries and lay it out as the official image's
# /opt/flink (FLINK_HOME): bin/ conf/ lib/ opt/ plugins/ examples/ log/.
#
#   e2e/flink/fetch.sh <flink version>      e.g. 1.20.5
#
# - PyPI (pip, --require-hashes, requirements/<version>.txt): apache-flink-libraries (lib/, opt/,
#   plugins/, bin/bash-java-utils.jar) and apache-flink (bin/ scripts, the distribution's conf/).
# - Maven Central (mvn, the nearest published flink-examples-streaming, see versions.txt):
#   examples/streaming/{WordCount,TopSpeedWindowing}.jar (where published), as in the binary distribution.
# - conf/ is then changed the way the official image's Dockerfile changes it (bind addresses
#   0.0.0.0, no taskmanager.host) - see ../image/README.md.
# Result: $CACHE/flink/<version>/home (read-only afterwards). Nothing is fetched when it exists.
set -euo pipefail
v="$1"
here="$(cd "$(dirname "$0")" && pwd)"
cache="${CDK8S_FLINK_E2E_CACHE:-$HOME/.cache/cdk8s-flink-e2e}"
out="$cache/flink/$v"
home="$out/home"
if [[ -f "$out/.complete" ]]; then echo "flink $v: cached ($home)"; exit 0; fi
req="$here/requirements/$v.txt"
[[ -f "$req" ]] || { echo "no pinned requirements for Flink $v ($req); run e2e/flink/pin.sh $v" >&2; exit 1; }
examples_version="$(awk -v v="$v" '$1 == v { print $3 }' "$here/versions.txt")"
[[ -n "$examples_version" ]] || { echo "Flink $v is not in e2e/flink/versions.txt" >&2; exit 1; }
# shellcheck source=pip-flags.sh
source "$here/pip-flags.sh"

start=$SECONDS
rm -rf "$out"; mkdir -p "$out/download" "$out/unpack" "$home"
echo "flink $v: downloading from PyPI"
pip download -q --no-deps --require-hashes "${PIP_FLAGS[@]}" -d "$out/download" -r "$req"

for f in "$out/download"/*; do
  case "$f" in
    *.whl) (cd "$out/unpack" && python3 -m zipfile -e "$f" .) ;;
    *.tar.gz) tar -xzf "$f" -C "$out/unpack" ;;
    *) echo "unexpected download $f" >&2; exit 1 ;;
  esac
done
# apache-flink-libraries: sdist (<= 1.20) keeps them under <name>-<v>/deps/, the wheel under pyflink/.
libs="$(ls -d "$out"/unpack/apache*flink*libraries-"$v"/deps 2>/dev/null || echo "$out/unpack/pyflink")"
for d in lib opt plugins; do cp -a "$libs/$d" "$home/$d"; done
mkdir -p "$home/bin" "$home/conf" "$home/log" "$home/examples/streaming"
cp -a "$out/unpack/pyflink/bin/." "$home/bin/"
cp "$libs/bin/bash-java-utils.jar" "$home/bin/" 2>/dev/null || cp "$out/unpack/pyflink/bin/bash-java-utils.jar" "$home/bin/"
cp -a "$out/unpack/pyflink/conf/." "$home/conf/"
rm -f "$home/bin/"*.bat "$home/bin/pyflink-"*
chmod +x "$home/bin/"*.sh "$home/bin/flink"
# The binary distribution ships a README in plugins/ and the license files; not needed to run.
test -f "$home/lib/flink-dist-$v.jar" || { echo "flink-dist-$v.jar missing from lib/" >&2; exit 1; }

echo "flink $v: examples from Maven Central (flink-examples-streaming $examples_version)"
# mvn cannot resolve these classifier jars for every release (2.3.0's parent pom is not published),
# so they are fetched by URL from Maven Central and checked against the committed sha256 list.
# A line may name its own version (third field) where Maven Central lacks that jar for the release.
while read -r sum jar ver; do
  ver="${ver:-$examples_version}"
  curl -fsS --retry 3 -o "$home/examples/streaming/$jar" \
    "https://repo.maven.apache.org/maven2/org/apache/flink/flink-examples-streaming/$ver/flink-examples-streaming-$ver-$jar"
  (cd "$home/examples/streaming" && echo "$sum  $jar" | sha256sum -c --quiet -)
done < "$here/examples-$examples_version.sha256"

# Jars Maven Central lacks for this release (examples-<v>.assemble): built from checked released jars.
if [[ -f "$here/examples-$examples_version.assemble" ]]; then
  grep -v '^#' "$here/examples-$examples_version.assemble" | while read -r jar sum src globs; do
    [[ -n "$jar" ]] || continue
    tmp="$out/download/$(basename "$src")"
    [[ -f "$tmp" ]] || curl -fsS --retry 3 -o "$tmp" "https://repo.maven.apache.org/maven2/$src"
    echo "$sum  $tmp" | sha256sum -c --quiet -
    python3 - "$tmp" "$home/examples/streaming/$jar" $globs <<'PY'
import fnmatch, sys, zipfile
src, dst, globs = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'a', zipfile.ZIP_DEFLATED) as zout:
    have = set(zout.namelist())
    for n in zin.namelist():
        if n.endswith('/') or n in have or not any(fnmatch.fnmatch(n, g) for g in globs): continue
        zout.writestr(zin.getinfo(n), zin.read(n))
PY
  done
  echo "flink $v: assembled $(grep -v '^#' "$here/examples-$examples_version.assemble" | awk '{print $1}' | sort -u | tr '\n' ' ')"
fi

# What the official image's Dockerfile does to conf/ (see ../image/README.md).
"$here/../image/apply-dockerfile-conf.sh" "$home" "$v"

rm -rf "$out/unpack"
touch "$out/.complete"
echo "flink $v: ready in $((SECONDS - start)) s ($home)"
