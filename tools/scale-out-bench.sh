#!/usr/bin/env bash
# Measures the RabbitMQ workers against `newsner extract` on the same folder, for docs/scale-out.md. Re-run it after
# changes to the pipeline (the per-article cost moves the figures):
#
#   dotnet build NewsNer.sln -c Release && tools/scale-out-bench.sh [SIZE_MB]     (default 3 MB, about 860 articles)
#   REPEAT=5 tools/scale-out-bench.sh 3                                            (more repetitions of the 1-core pair)
#
# Builds nothing. Starts its own broker with .ci/rabbitmq.sh (installed when absent; stopped at the end) unless
# NEWSNER_AMQP_URI names one. Writes the folder with the benchmark corpus builder (from ../shared when it is beside the
# clone, otherwise the samples) and prints a Markdown table, each row with the command behind it, and the load.
#
# Two kinds of figure, each with the fixed cost of a process deducted the same way for extract and workers (the same
# command on one short article: process start, model load, first-call JIT, and for workers the 3 idle seconds before
# they stop): throughput (articles/s, tokens/s) from wall times, and CPU milliseconds per article from the processes'
# own CPU time, with the broker's (its Erlang VM, on this same machine) beside it. CPU figures hold on a shared machine,
# where wall times depend on the neighbours. The 1-core extract/worker pair runs REPEAT times (default 3), alternated;
# the table gives medians.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-3}"
repeat="${REPEAT:-3}"
console="samples/NewsNer.Console/bin/Release/net10.0/NewsNer.Console.dll"
bench="benchmarks/NewsNer.Benchmarks/bin/Release/net10.0/NewsNer.Benchmarks.dll"
for built in "$console" "$bench"; do
  [[ -f "$built" ]] || { echo "missing $built: run dotnet build NewsNer.sln -c Release first" >&2; exit 2; }
done

work="$(mktemp -d)"
started_broker=""
cleanup() {
  if [[ -n "$started_broker" ]]; then
    bash .ci/rabbitmq.sh stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
if [[ -z "${NEWSNER_AMQP_URI:-}" ]]; then
  bash .ci/rabbitmq.sh start >"$work/broker.env"
  # shellcheck disable=SC1091
  source "$work/broker.env"
  export NEWSNER_AMQP_URI NEWSNER_RABBITMQ_STATE
  started_broker=1
fi

# Runs a command; prints "wall-seconds cpu-seconds" of it and its children.
cat >"$work/timed.py" <<'PY'
import resource, subprocess, sys, time
before = resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.monotonic()
code = subprocess.call(sys.argv[1:])
wall = time.monotonic() - start
after = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.3f} {after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime:.3f}")
sys.exit(code)
PY
timed() { python3 "$work/timed.py" "$@"; }
newsner=(dotnet "$console")
calc() { python3 -c "import statistics as st; print($1)"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# CPU seconds used so far by the broker's Erlang VM (empty when it is not a node this script can see).
broker_cpu() {
  local state="${NEWSNER_RABBITMQ_STATE:-}" pid dir
  [[ -n "$state" && -f "$state/pid" ]] || { echo ""; return; }
  pid="$(cat "$state/pid")"
  for dir in /proc/[0-9]*; do
    if [[ "$(cat "$dir/comm" 2>/dev/null)" == beam.smp && "$(cut -d' ' -f4 "$dir/stat" 2>/dev/null)" == "$pid" ]]; then
      python3 -c "import os, sys; f = open(sys.argv[1]).read().rsplit(')', 1)[1].split(); print((int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK'))" "$dir/stat"
      return
    fi
  done
  echo ""
}

echo "load at start: $(load)" >&2
dotnet "$bench" corpus "$work/articles" "$size" >&2
articles=$(find "$work/articles" -name '*.txt' | wc -l)

printf 'Emmanuel Macron a reçu mardi à l’Élysée le chancelier allemand.\n' >"$work/one.txt"
xw=(); xc=()
for _ in 1 2 3; do
  read -r wall cpu < <(timed "${newsner[@]}" extract "$work/one.txt" --output "$work/one.json")
  xw+=("$wall"); xc+=("$cpu")
done
fixed_wall=$(calc "st.median([$(IFS=,; echo "${xw[*]}")])"); fixed_cpu=$(calc "st.median([$(IFS=,; echo "${xc[*]}")])")

tokens_of() { python3 -c "
import json, sys
print(sum(len(json.loads(l).get('tokens', [])) for l in open(sys.argv[1], encoding='utf-8') if l.strip()))" "$1"; }

# extract --parallel P: prints "processing-seconds cpu-seconds tokens" (start-up deducted).
measure_extract() {
  local wall cpu
  read -r wall cpu < <(timed "${newsner[@]}" extract "$work/articles" --format jsonl --output "$work/extract.jsonl" --parallel "$1" --quiet)
  echo "$(calc "max(0.001, $wall - $fixed_wall)") $(calc "max(0.0, $cpu - $fixed_cpu)") $(tokens_of "$work/extract.jsonl")"
}

# N worker processes of --parallel P (each stopping 3 s after the queue runs dry) on a queue holding FOLDER, then
# collect. Prints "articles tokens wall cpu enqueue-wall enqueue-cpu collect-wall collect-cpu broker-cpu": wall and cpu of
# the workers as processes (start-up and the 3 idle seconds included: the caller deducts the same run on one article).
run=0
measure_workers() {
  local processes=$1 parallel=$2 folder=$3 prefix enqueue collect workers broker_before broker_after
  run=$((run + 1))
  prefix="bench-$$-$run"
  broker_before=$(broker_cpu)
  enqueue=$(timed "${newsner[@]}" enqueue "$folder" --prefix "$prefix" --no-journal --quiet)
  workers=$(timed bash -c 'for w in $(seq 1 "$1"); do "${@:4}" worker --prefix "$2" --parallel "$3" --status 0 --idle-exit 3 2>"$WORK/worker-$2-$w.log" & done; wait' \
    _ "$processes" "$prefix" "$parallel" "${newsner[@]}")
  collect=$(timed "${newsner[@]}" collect --prefix "$prefix" --output "$work/collect-$run.jsonl" --expect "$(find "$folder" -name '*.txt' | wc -l)" --quiet)
  broker_after=$(broker_cpu)
  python3 - "$workers" "$enqueue" "$collect" "${broker_before:-nan}" "${broker_after:-nan}" "$work"/worker-"$prefix"-*.log <<'PY'
import json, sys
summaries = []
for path in sys.argv[6:]:
    for line in open(path, encoding="utf-8"):
        if "summary {" in line:
            summaries.append(json.loads(line[line.index("{"):]))
print(sum(s["documents"] + s["errors"] for s in summaries), sum(s["tokens"] for s in summaries), sys.argv[1], sys.argv[2], sys.argv[3],
      float(sys.argv[5]) - float(sys.argv[4]))
PY
}
export WORK="$work"

# The workers' fixed cost (start-up, first-article JIT, the idle seconds before stopping): medians of three runs on one article.
mkdir -p "$work/one"
cp "$work/one.txt" "$work/one/one.txt"
fw=(); fc=()
for _ in 1 2 3; do
  read -r _ _ wall cpu _ _ _ _ _ _ < <(measure_workers 1 1 "$work/one")
  fw+=("$wall"); fc+=("$cpu")
done

rows=()
row() { rows+=("| $1 | \`$2\` | $3 | $4 | $5 | $6 |"); }
per_s() { calc "f'{$1 / $2:,.0f}'"; }
ms() { calc "f'{$1 * 1000 / $articles:.2f}'"; }

med() { calc "st.median([$(IFS=,; echo "$*")])"; }
worker_fixed_wall=$(med "${fw[@]}"); worker_fixed_cpu=$(med "${fc[@]}")

x_seconds=(); x_cpu=(); w_seconds=(); w_cpu=(); e_wall=(); e_cpu=(); c_wall=(); c_cpu=(); b_cpu=()
for _ in $(seq 1 "$repeat"); do
  read -r seconds cpu extract_tokens < <(measure_extract 1)
  x_seconds+=("$seconds"); x_cpu+=("$cpu")
  read -r documents worker_tokens wall cpu ew ec cw cc broker < <(measure_workers 1 1 "$work/articles")
  w_seconds+=("$(calc "max(0.001, $wall - $worker_fixed_wall)")"); w_cpu+=("$(calc "max(0.0, $cpu - $worker_fixed_cpu)")")
  e_wall+=("$ew"); e_cpu+=("$ec"); c_wall+=("$cw"); c_cpu+=("$cc"); b_cpu+=("$broker")
done
xs=$(med "${x_seconds[@]}"); ws=$(med "${w_seconds[@]}")
row "extract, 1 core (median of $repeat)" "newsner extract DIR --format jsonl --output OUT --parallel 1" \
  "$(per_s "$articles" "$xs")" "$(per_s "$extract_tokens" "$xs")" "$(ms "$(med "${x_cpu[@]}")")" "–"
row "1 worker, 1 core (median of $repeat)" "newsner worker --parallel 1" \
  "$(per_s "$documents" "$ws")" "$(per_s "$worker_tokens" "$ws")" "$(ms "$(med "${w_cpu[@]}")")" "$(ms "$(med "${b_cpu[@]}")") (enqueue + work + collect)"
row "enqueue, publisher confirms (whole command, median)" "newsner enqueue DIR" \
  "$(per_s "$articles" "$(med "${e_wall[@]}")")" "–" "$(ms "$(med "${e_cpu[@]}")")" "(above)"
row "collect to JSON Lines (whole command, median)" "newsner collect --output OUT.jsonl --expect N" \
  "$(per_s "$articles" "$(med "${c_wall[@]}")")" "–" "$(ms "$(med "${c_cpu[@]}")")" "(above)"

read -r seconds cpu tokens < <(measure_extract 0)
row "extract, $(nproc) cores" "newsner extract DIR --format jsonl --output OUT --parallel 0" \
  "$(per_s "$articles" "$seconds")" "$(per_s "$tokens" "$seconds")" "$(ms "$cpu")" "–"
read -r documents tokens wall cpu _ _ _ _ broker < <(measure_workers 2 1 "$work/articles")
seconds=$(calc "max(0.001, $wall - $worker_fixed_wall)")
row "2 workers × 1 core" "newsner worker --parallel 1 (2 processes)" \
  "$(per_s "$documents" "$seconds")" "$(per_s "$tokens" "$seconds")" "$(ms "$(calc "max(0.0, $cpu - 2 * $worker_fixed_cpu)")")" "$(ms "$broker")"
read -r documents tokens wall cpu _ _ _ _ broker < <(measure_workers 1 2 "$work/articles")
seconds=$(calc "max(0.001, $wall - $worker_fixed_wall)")
row "1 worker × 2 cores" "newsner worker --parallel 2" \
  "$(per_s "$documents" "$seconds")" "$(per_s "$tokens" "$seconds")" "$(ms "$(calc "max(0.0, $cpu - $worker_fixed_cpu)")")" "$(ms "$broker")"

echo
echo "$articles articles ($size MB) from the benchmark corpus builder; $(nproc) cores; load at the end: $(load)"
echo
echo "| what | command | articles/s | tokens/s | CPU ms per article | broker CPU ms per article |"
echo "|---|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Broker overhead, one core: wall $(calc "f'{($ws / $xs - 1) * 100:+.1f}'") % (worker $ws s against extract $xs s);" \
  "CPU per article $(calc "f'{(st.median([$(IFS=,; echo "${w_cpu[*]}")]) / st.median([$(IFS=,; echo "${x_cpu[*]}")]) - 1) * 100:+.1f}'") % in the worker," \
  "plus the broker's own $(ms "$(med "${b_cpu[@]}")") ms."
