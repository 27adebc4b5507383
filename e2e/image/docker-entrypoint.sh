#!/usr/bin/env bash
# An equivalent of the official Flink image's /docker-entrypoint.sh (apache/flink-docker), for the
# commands the manifests use: jobmanager, standalone-job, taskmanager (and pass-through).
# Behaviour kept: JOB_MANAGER_RPC_ADDRESS defaults to `hostname -f`; ENABLE_BUILT_IN_PLUGINS
# symlinks opt/<jar> into plugins/<name>/ (exit 1 if the jar is not in opt/); the config file
# in conf/ is rewritten in place with jobmanager.rpc.address, blob.server.port 6124,
# query.server.port 6125, TASK_MANAGER_NUMBER_OF_TASK_SLOTS and FLINK_PROPERTIES - by Flink's
# config-parser-utils.sh (1.19+, config.yaml) or by sed/append on flink-conf.yaml (1.18).
# Left out: jemalloc (not installed on this machine; the image prints a WARNING without it
# too), gosu (the manifests run as uid 9999, so the image never drops privileges).
COMMAND_STANDALONE="standalone-job"
COMMAND_HISTORY_SERVER="history-server"
JOB_MANAGER_RPC_ADDRESS=${JOB_MANAGER_RPC_ADDRESS:-$(hostname -f)}
CONF_FILE_DIR="${FLINK_HOME}/conf"
FLINK_DIST_VERSION="$(basename "$(ls "${FLINK_HOME}"/lib/flink-dist-*.jar)" .jar)"
FLINK_DIST_VERSION="${FLINK_DIST_VERSION#flink-dist-}"

copy_plugins_if_required() {
  if [ -z "$ENABLE_BUILT_IN_PLUGINS" ]; then
    return 0
  fi
  echo "Enabling required built-in plugins"
  for target_plugin in $(echo "$ENABLE_BUILT_IN_PLUGINS" | tr ';' ' '); do
    echo "Linking ${target_plugin} to plugin directory"
    plugin_name=${target_plugin%.jar}
    mkdir -p "${FLINK_HOME}/plugins/${plugin_name}"
    if [ ! -e "${FLINK_HOME}/opt/${target_plugin}" ]; then
      echo "Plugin ${target_plugin} does not exist. Exiting."
      exit 1
    else
      ln -fs "${FLINK_HOME}/opt/${target_plugin}" "${FLINK_HOME}/plugins/${plugin_name}"
      echo "Successfully enabled ${target_plugin}"
    fi
  done
}

# --- 1.19 and later: Flink's config-parser-utils.sh edits config.yaml -----------------------
set_config_options() {
  local config_params=()
  while [ $# -gt 0 ]; do
    config_params+=("-D$1=$2")
    shift 2
  done
  if [ "${#config_params[@]}" -gt 0 ]; then
    "$FLINK_HOME/bin/config-parser-utils.sh" "${CONF_FILE_DIR}" "$FLINK_HOME/bin" "$FLINK_HOME/lib" "${config_params[@]}"
  fi
}

process_flink_properties() {
  local config_options=() prop key value
  local OLD_IFS="$IFS"
  IFS=$'\n'
  for prop in $1; do
    case "$FLINK_DIST_VERSION" in
      1.*) prop=$(echo $prop | tr -d '[:space:]') ;;
      *) prop=$(echo "$prop" | sed 's/^[[:space:]]*//;s/[[:space:]]*$//') ;;
    esac
    [ -z "$prop" ] && continue
    IFS=':' read -r key value <<< "$prop"
    value=$(echo $value | envsubst)
    config_options+=("$key" "$value")
  done
  IFS="$OLD_IFS"
  if [ ${#config_options[@]} -ne 0 ]; then
    set_config_options "${config_options[@]}"
  fi
}

prepare_configuration_parser() {
  local config_options=()
  config_options+=("jobmanager.rpc.address" "${JOB_MANAGER_RPC_ADDRESS}")
  config_options+=("blob.server.port" "6124")
  config_options+=("query.server.port" "6125")
  if [ -n "${TASK_MANAGER_NUMBER_OF_TASK_SLOTS}" ]; then
    config_options+=("taskmanager.numberOfTaskSlots" "${TASK_MANAGER_NUMBER_OF_TASK_SLOTS}")
  fi
  set_config_options "${config_options[@]}"
  if [ -n "${FLINK_PROPERTIES}" ]; then
    process_flink_properties "${FLINK_PROPERTIES}"
  fi
}

# --- 1.18: sed on flink-conf.yaml ---------------------------------------------------------
set_config_option() {
  local option=$1 value=$2 conf="${CONF_FILE_DIR}/flink-conf.yaml"
  local escaped_option
  escaped_option=$(echo "${option}" | sed -e "s/\./\\\./g")
  if grep -E "^${escaped_option}:.*" "${conf}" > /dev/null; then
    sed -i -e "s/${escaped_option}:.*/$option: $value/g" "${conf}"
  else
    echo "${option}: ${value}" >> "${conf}"
  fi
}

prepare_configuration_sed() {
  local conf="${CONF_FILE_DIR}/flink-conf.yaml"
  set_config_option jobmanager.rpc.address "${JOB_MANAGER_RPC_ADDRESS}"
  set_config_option blob.server.port 6124
  set_config_option query.server.port 6125
  if [ -n "${TASK_MANAGER_NUMBER_OF_TASK_SLOTS}" ]; then
    set_config_option taskmanager.numberOfTaskSlots "${TASK_MANAGER_NUMBER_OF_TASK_SLOTS}"
  fi
  if [ -n "${FLINK_PROPERTIES}" ]; then
    echo "${FLINK_PROPERTIES}" >> "${conf}"
  fi
  envsubst < "${conf}" > "${conf}.tmp" && mv "${conf}.tmp" "${conf}"
}

copy_plugins_if_required
case "$FLINK_DIST_VERSION" in
  1.18.*) prepare_configuration_sed ;;
  *) prepare_configuration_parser ;;
esac

args=("$@")
if [ "$1" = "help" ]; then
  printf "Usage: $(basename "$0") (jobmanager|${COMMAND_STANDALONE}|taskmanager|${COMMAND_HISTORY_SERVER})\n"
  exit 0
elif [ "$1" = "jobmanager" ]; then
  args=("${args[@]:1}")
  echo "Starting Job Manager"
  exec "$FLINK_HOME/bin/jobmanager.sh" start-foreground "${args[@]}"
elif [ "$1" = "${COMMAND_STANDALONE}" ]; then
  args=("${args[@]:1}")
  echo "Starting Job Manager"
  exec "$FLINK_HOME/bin/standalone-job.sh" start-foreground "${args[@]}"
elif [ "$1" = "${COMMAND_HISTORY_SERVER}" ]; then
  args=("${args[@]:1}")
  echo "Starting History Server"
  exec "$FLINK_HOME/bin/historyserver.sh" start-foreground "${args[@]}"
elif [ "$1" = "taskmanager" ]; then
  args=("${args[@]:1}")
  echo "Starting Task Manager"
  exec "$FLINK_HOME/bin/taskmanager.sh" start-foreground "${args[@]}"
fi
exec "${args[@]}"
