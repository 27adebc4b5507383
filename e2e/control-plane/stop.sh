#!/usr/bin/env bash
# Stop what start.sh started (by pid, from <state dir>/pids), newest first: TERM, then KILL after 10 s.
set -uo pipefail
state="$1"
[[ -f "$state/pids" ]] || exit 0
tac "$state/pids" | while read -r name pid; do
  [[ -n "$pid" ]] || continue
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { echo "$name ($pid) ignored SIGTERM; killing" >&2; kill -KILL "$pid" 2>/dev/null; }
  fi
done
: > "$state/pids"
