#!/usr/bin/env bash
# Broker tests, run by .ci/run after the unit tests: starts a throw-away RabbitMQ with .ci/rabbitmq.sh (which installs
# rabbitmq-server when it is absent), runs the tests of category Broker against it — 2,000 articles with a worker
# killed and another stopped mid-run, the broker restarted mid-run, poison messages, collect into JSON Lines and
# Parquet — and stops it, whatever happened. Without a broker those tests report Skipped; here a skipped one fails
# the run. Uses the build .ci/run made (CONFIGURATION=Debug to use a Debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${CONFIGURATION:-Release}"
started=$SECONDS

environment="$(mktemp)"
log="$(mktemp)"
cleanup() {
  if [[ -n "${NEWSNER_RABBITMQ_STATE:-}" ]]; then
    bash .ci/rabbitmq.sh stop || true
  fi
  rm -f "$environment" "$log"
}
trap cleanup EXIT

bash .ci/rabbitmq.sh start >"$environment"
# shellcheck disable=SC1090
source "$environment"
export NEWSNER_AMQP_URI NEWSNER_RABBITMQ_STATE
echo "broker ready after $((SECONDS - started)) s"

# The whole step stays within 7 minutes: the tests get what the install and start left of 400 s (stopping the node takes
# a few seconds more). timeout signals its whole process group, so the worker processes the tests started go too.
budget=$((400 - (SECONDS - started)))
if [[ "$budget" -lt 120 ]]; then budget=120; fi
status=0
timeout --kill-after=15 "$budget" dotnet test tests/NewsNer.Tests -c "$configuration" --no-build --filter "Category=Broker" 2>&1 | tee "$log" \
  || status=$?
if [[ "$status" -ne 0 ]]; then
  [[ "$status" -eq 124 || "$status" -eq 137 ]] && echo "FAIL: broker tests did not finish within $budget s (the step's 7-minute budget)"
  exit "$status"
fi
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s += $1} END {print s + 0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s += $1} END {print s + 0}')
if [[ "$passed" -lt 4 || "$skipped" -ne 0 ]]; then
  echo "FAIL: broker tests: $passed passed, $skipped skipped (all must run against the broker)"
  exit 1
fi
echo "broker tests: $passed passed in $((SECONDS - started)) s (broker start and stop included)"
