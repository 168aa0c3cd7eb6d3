#!/usr/bin/env bash
# A throw-away RabbitMQ node for the broker tests and the scale-out measurements, on 127.0.0.1 only, with every file
# (database, logs, Erlang cookie) under one state folder, so each run starts clean and leaves nothing behind.
#
#   .ci/rabbitmq.sh start [STATE_DIR]   install rabbitmq-server when absent (apt-get), start a node, wait until it
#                                      accepts AMQP; prints `export NEWSNER_AMQP_URI=…` and `export NEWSNER_RABBITMQ_STATE=…`
#   .ci/rabbitmq.sh stop-node           stop the node, keep its data (a broker restart is stop-node then start-node)
#   .ci/rabbitmq.sh start-node          start the same node again on the same data and port, wait for it
#   .ci/rabbitmq.sh ctl ARGS…           rabbitmqctl against the node (list_queues, …)
#   .ci/rabbitmq.sh stop                stop the node and delete the state folder
#
# The commands other than start read the state folder from $NEWSNER_RABBITMQ_STATE. There is no systemd here: the node
# runs detached under setsid, its pid in STATE/pid. Debian's wrapper scripts switch to the rabbitmq user and read
# /etc/rabbitmq; this script calls /usr/lib/rabbitmq/bin directly with its own config, env and plugin files instead.
set -euo pipefail

RABBIT_BIN=/usr/lib/rabbitmq/bin

log() { echo "rabbitmq.sh: $*" >&2; }

install_if_absent() {
  if [[ -x "$RABBIT_BIN/rabbitmq-server" ]]; then
    return
  fi
  log "installing rabbitmq-server (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  # The package's postinst tries to start a system service; there is no init system here, so that step is refused and
  # harmless. A stale package list is refreshed once.
  if ! apt-get install -y --no-install-recommends rabbitmq-server >/dev/null 2>&1; then
    apt-get update >/dev/null
    apt-get install -y --no-install-recommends rabbitmq-server >/dev/null
  fi
  [[ -x "$RABBIT_BIN/rabbitmq-server" ]] || { log "rabbitmq-server did not install"; exit 1; }
}

free_port() {
  python3 - <<'PY'
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
PY
}

# Every rabbit command runs with the node's environment: its own HOME (so its own Erlang cookie), config and data.
node_env() {
  local state="$1"
  # shellcheck disable=SC1091
  source "$state/node.env"
  export HOME="$state/home"
  export RABBITMQ_NODENAME RABBITMQ_NODE_IP_ADDRESS RABBITMQ_NODE_PORT RABBITMQ_DIST_PORT
  export RABBITMQ_CONF_ENV_FILE="$state/rabbitmq-env.conf"
  export RABBITMQ_CONFIG_FILE="$state/rabbitmq.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$state/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="$state/mnesia"
  export RABBITMQ_LOG_BASE="$state/log"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export ERL_EPMD_ADDRESS=127.0.0.1
}

ctl() { "$RABBIT_BIN/rabbitmqctl" -n "$RABBITMQ_NODENAME" "$@"; }

running() { "$RABBIT_BIN/rabbitmq-diagnostics" -n "$RABBITMQ_NODENAME" -q ping >/dev/null 2>&1; }

start_node() {
  local state="$1"
  node_env "$state"
  if running; then
    log "node $RABBITMQ_NODENAME is already running"
    return
  fi
  # Its own session (a signal to the caller's process group does not reach it) and no inherited descriptor: whoever
  # reads this script's output sees it end when the script ends, not when the node stops.
  (cd "$state" && exec setsid "$RABBIT_BIN/rabbitmq-server") >>"$state/log/startup.log" 2>&1 </dev/null &
  echo $! >"$state/pid"
  # await_startup waits for a node that is booting; give the VM a moment to register with epmd first.
  local deadline=$((SECONDS + 120))
  until ctl await_startup --timeout 10 >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then
      log "the node exited while starting; its log:"; tail -30 "$state/log/startup.log" >&2; exit 1
    fi
    if ((SECONDS > deadline)); then
      log "the node did not start within 120 s; its log:"; tail -30 "$state/log/startup.log" >&2; exit 1
    fi
    sleep 1
  done
  # Wait for the AMQP port itself, not only the Erlang node.
  until (exec 3<>"/dev/tcp/127.0.0.1/$RABBITMQ_NODE_PORT") 2>/dev/null; do
    ((SECONDS > deadline)) && { log "port $RABBITMQ_NODE_PORT never opened"; exit 1; }
    sleep 0.5
  done
  log "node $RABBITMQ_NODENAME is up on 127.0.0.1:$RABBITMQ_NODE_PORT"
}

# The Erlang VM (beam.smp) started by the rabbitmq-server script whose pid is $1 (read from /proc: no procps needed).
child_beam() {
  local dir
  for dir in /proc/[0-9]*; do
    [[ "$(cat "$dir/comm" 2>/dev/null)" == beam.smp ]] || continue
    if [[ "$(cut -d' ' -f4 "$dir/stat" 2>/dev/null)" == "$1" ]]; then
      basename "$dir"
      return
    fi
  done
}

stop_node() {
  local state="$1"
  node_env "$state"
  local pid="" beam=""
  [[ -f "$state/pid" ]] && pid="$(cat "$state/pid")"
  [[ -n "$pid" ]] && beam="$(child_beam "$pid")"
  if [[ -n "$beam" ]]; then
    # SIGTERM makes the Erlang VM shut RabbitMQ down gracefully (connections closed, queues and stores stopped), at once;
    # rabbitmqctl stop does the same but first boots a VM of its own, seconds under load.
    kill -TERM "$beam" 2>/dev/null || true
  elif running; then
    ctl stop >/dev/null 2>&1 || true
  fi
  if [[ -n "$pid" ]]; then
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    # The node did not stop within 60 s: end it (only this node's own session, which setsid made for it).
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$state/pid"
  fi
  log "node $RABBITMQ_NODENAME stopped"
}

# epmd (Erlang's name server) is started by the first node and outlives it; end it when no node is registered any more.
stop_idle_epmd() {
  if command -v epmd >/dev/null && ! epmd -names 2>/dev/null | grep -q '^name '; then
    epmd -kill >/dev/null 2>&1 || true
  fi
}

state_from_env() {
  local state="${NEWSNER_RABBITMQ_STATE:-}"
  [[ -n "$state" && -f "$state/node.env" ]] || { log "NEWSNER_RABBITMQ_STATE does not name a state folder made by 'start'"; exit 2; }
  echo "$state"
}

case "${1:-}" in
  start)
    install_if_absent
    state="${2:-$(mktemp -d /tmp/newsner-rabbitmq.XXXXXX)}"
    mkdir -p "$state/home" "$state/mnesia" "$state/log"
    port="$(free_port)"
    dist_port="$(free_port)"
    cat >"$state/node.env" <<EOF
RABBITMQ_NODENAME=newsner-$port@localhost
RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
RABBITMQ_NODE_PORT=$port
RABBITMQ_DIST_PORT=$dist_port
EOF
    : >"$state/rabbitmq-env.conf"
    echo "[]." >"$state/enabled_plugins"
    cat >"$state/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$port
disk_free_limit.absolute = 100MB
log.console = false
log.file.level = info
EOF
    start_node "$state"
    echo "export NEWSNER_AMQP_URI=amqp://guest:guest@127.0.0.1:$port/"
    echo "export NEWSNER_RABBITMQ_STATE=$state"
    ;;
  start-node) start_node "$(state_from_env)" ;;
  stop-node) stop_node "$(state_from_env)" ;;
  ctl) shift; state="$(state_from_env)"; node_env "$state"; ctl "$@" ;;
  stop)
    state="$(state_from_env)"
    stop_node "$state"
    stop_idle_epmd
    rm -rf "$state"
    ;;
  *)
    sed -n '2,13p' "$0" >&2
    exit 2
    ;;
esac
