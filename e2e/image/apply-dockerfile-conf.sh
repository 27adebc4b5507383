#!/usr/bin/env bash
# Apply to <FLINK_HOME>/conf what the official flink-docker Dockerfile applies at image build time
# ("Replace default REST/RPC endpoint bind address to use the container's network interface"):
# rest.address, rest.bind-address, jobmanager.bind-host, taskmanager.bind-host: localhost -> 0.0.0.0,
# and taskmanager.host: localhost removed. With a flink-conf.yaml (1.18) by sed, else by Flink's own
# config-parser-utils.sh (1.19+ config.yaml), exactly as the Dockerfile does.
set -euo pipefail
home="$1"
if [[ -e "$home/conf/flink-conf.yaml" ]]; then
  f="$home/conf/flink-conf.yaml"
  sed -i 's/rest.address: localhost/rest.address: 0.0.0.0/g' "$f"
  sed -i 's/rest.bind-address: localhost/rest.bind-address: 0.0.0.0/g' "$f"
  sed -i 's/jobmanager.bind-host: localhost/jobmanager.bind-host: 0.0.0.0/g' "$f"
  sed -i 's/taskmanager.bind-host: localhost/taskmanager.bind-host: 0.0.0.0/g' "$f"
  sed -i '/taskmanager.host: localhost/d' "$f"
else
  FLINK_HOME="$home" /bin/bash "$home/bin/config-parser-utils.sh" "$home/conf" "$home/bin" "$home/lib" \
    "-repKV" "rest.address,localhost,0.0.0.0" \
    "-repKV" "rest.bind-address,localhost,0.0.0.0" \
    "-repKV" "jobmanager.bind-host,localhost,0.0.0.0" \
    "-repKV" "taskmanager.bind-host,localhost,0.0.0.0" \
    "-rmKV" "taskmanager.host=localhost" >/dev/null
fi
