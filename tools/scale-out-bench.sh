#!/usr/bin/env bash
# Measures the RabbitMQ workers against `newsner extract` on the same articles, for docs/scale-out.md. Re-run it after
# changes to the pipeline (the per-article cost moves the figures):
#
#   dotnet build NewsNer.sln -c Release && tools/scale-out-bench.sh [SIZE_MB]     (default 3 MB, about 860 articles)
#   REPEAT=5 tools/scale-out-bench.sh 3                                            (more rounds; about 4 minutes a round)
#
# Builds nothing. Starts its own broker with .ci/rabbitmq.sh (installed when absent; stopped at the end) unless
# NEWSNER_AMQP_URI names one. Writes the articles with the benchmark corpus builder (from ../shared when it is beside
# the clone, otherwise the samples) and prints a Markdown table, each row with the command behind it, and the load.
#
# Marginal figures: every configuration runs on the folder (N articles) and on the folder twice over (2N: the same
# articles under two names), and the table gives the difference — the cost of N articles once the process has started,
# loaded its models and finished its JIT warm-up (several seconds of CPU in the first few hundred articles, for extract
# and workers alike), so only the steady per-article cost remains. Workers run until a collect started with them has
# every result (wall time: from their start to the last result collected), then get SIGTERM. Throughput (articles/s, tokens/s) from wall times;
# CPU milliseconds per article from the processes' own CPU time, with the broker's (its Erlang VM, on this same machine)
# beside it: CPU figures hold on a shared machine, where wall times depend on the neighbours. Every configuration runs
# REPEAT times (default 3), the configurations alternated in each round; the table gives medians.
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
# A failure inside a measurement (run in a subshell) stops the whole script through this signal.
trap 'echo "bench: stopped by a failed measurement" >&2; exit 1' TERM
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

# CPU seconds used so far by the broker's Erlang VM, or 0 when it is not a node started by .ci/rabbitmq.sh.
broker_cpu() {
  local state="${NEWSNER_RABBITMQ_STATE:-}" pid dir
  [[ -n "$state" && -f "$state/pid" ]] || { echo 0; return; }
  pid="$(cat "$state/pid")"
  for dir in /proc/[0-9]*; do
    if [[ "$(cat "$dir/comm" 2>/dev/null)" == beam.smp && "$(cut -d' ' -f4 "$dir/stat" 2>/dev/null)" == "$pid" ]]; then
      python3 -c "import os, sys; f = open(sys.argv[1]).read().rsplit(')', 1)[1].split(); print((int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK'))" "$dir/stat"
      return
    fi
  done
  echo 0
}

echo "load at start: $(load)" >&2
dotnet "$bench" corpus "$work/once" "$size" >&2
mkdir -p "$work/twice"
cp -r "$work/once" "$work/twice/a"
cp -r "$work/once" "$work/twice/b"
articles=$(find "$work/once" -name '*.txt' | wc -l)

tokens_of() { python3 -c "
import json, sys
print(sum(len(json.loads(l).get('tokens', [])) for l in open(sys.argv[1], encoding='utf-8') if l.strip()))" "$1"; }

# extract --parallel P on FOLDER: prints "wall cpu".
extract_run() { timed "${newsner[@]}" extract "$2" --format jsonl --output "$work/extract.jsonl" --parallel "$1" --quiet; }

# Starts N worker processes of --parallel P and a collect expecting every article, waits for collect (which fails the
# bench if a result is missing), then stops the workers with SIGTERM. Prints "wall workers-cpu collect-wall collect-cpu":
# wall from the workers' start to the last result collected.
cat >"$work/workers.py" <<'PY'
import resource, signal, subprocess, sys, time
processes, parallel, prefix, expect, output = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
console = sys.argv[6:]
start = time.monotonic()
workers = [subprocess.Popen(console + ["worker", "--prefix", prefix, "--parallel", parallel, "--status", "0"], stderr=subprocess.DEVNULL)
           for _ in range(processes)]
collect_start = time.monotonic()
collect = subprocess.run(console + ["collect", "--prefix", prefix, "--output", output, "--expect", expect, "--idle", "120", "--quiet"])
wall = time.monotonic() - start
collect_wall = time.monotonic() - collect_start
after_collect = resource.getrusage(resource.RUSAGE_CHILDREN)
for worker in workers:
    worker.send_signal(signal.SIGTERM)
codes = [worker.wait() for worker in workers]
after_workers = resource.getrusage(resource.RUSAGE_CHILDREN)
if collect.returncode != 0 or any(codes):
    sys.exit(f"bench: collect exited {collect.returncode}, workers {codes}: a result is missing or a worker failed")
cpu = lambda r: r.ru_utime + r.ru_stime
print(f"{wall:.3f} {cpu(after_workers) - cpu(after_collect):.3f} {collect_wall:.3f} {cpu(after_collect):.3f}")
PY
run=0
workers_run() {
  local processes=$1 parallel=$2 folder=$3 prefix enqueue result before after
  run=$((run + 1))
  prefix="bench-$$-$run"
  before=$(broker_cpu)
  enqueue=$(timed "${newsner[@]}" enqueue "$folder" --prefix "$prefix" --no-journal --quiet)
  result=$(python3 "$work/workers.py" "$processes" "$parallel" "$prefix" "$(find "$folder" -name '*.txt' | wc -l)" "$work/collect.jsonl" "${newsner[@]}") \
    || kill -TERM $$
  rm -f "$work/collect.jsonl"
  after=$(broker_cpu)
  read -r wall cpu collect_wall collect_cpu <<<"$result"
  echo "$wall $cpu $(calc "$after - $before") $enqueue $collect_wall $collect_cpu"
}

# The marginal cost of N articles: the run on 2N minus the run on N. Prints "wall cpu [broker-cpu]".
extract_marginal() {
  local w1 c1 w2 c2
  read -r w1 c1 < <(extract_run "$1" "$work/once")
  read -r w2 c2 < <(extract_run "$1" "$work/twice")
  echo "$(calc "max(0.001, $w2 - $w1)") $(calc "max(0.0, $c2 - $c1)")"
}
workers_marginal() {
  local w1 c1 b1 w2 c2 b2 ew ec cw cc
  read -r w1 c1 b1 _ _ _ _ < <(workers_run "$1" "$2" "$work/once")
  read -r w2 c2 b2 ew ec cw cc < <(workers_run "$1" "$2" "$work/twice")
  echo "$(calc "max(0.001, $w2 - $w1)") $(calc "max(0.0, $c2 - $c1)") $(calc "max(0.0, $b2 - $b1)") $ew $ec $cw $cc"
}

rows=()
row() { rows+=("| $1 | \`$2\` | $3 | $4 | $5 | $6 |"); }
per_s() { calc "f'{$1 / $2:,.0f}'"; }
per_article() { calc "f'{$1 * 1000 / $articles:.2f}'"; }
med() { calc "st.median([$(IFS=,; echo "$*")])"; }

extract_run 1 "$work/once" >/dev/null
tokens=$(tokens_of "$work/extract.jsonl")

# Every configuration REPEAT times, alternated, so that a burst of the machine's other jobs hits them all alike; medians.
declare -A wall_of cpu_of broker_of
configs=("extract 1" "worker 1 1" "extract 0" "worker 2 1" "worker 1 2")
ew=(); ec=(); cc=()
for _ in $(seq 1 "$repeat"); do
  for config in "${configs[@]}"; do
    read -r kind a b <<<"$config"
    if [[ $kind == extract ]]; then
      read -r wall cpu < <(extract_marginal "$a")
      broker=0
    else
      read -r wall cpu broker e1 e2 _ c2 < <(workers_marginal "$a" "$b")
      [[ "$config" == "worker 1 1" ]] && { ew+=("$e1"); ec+=("$e2"); cc+=("$c2"); }
    fi
    wall_of[$config]+="$wall "; cpu_of[$config]+="$cpu "; broker_of[$config]+="$broker "
  done
done
m() { med $1; }
# "median (min–max)" of the rates (articles/s) or of the CPU per article over the rounds.
spread() { calc "(lambda v: f'{st.median(v):$2} ({min(v):$2}–{max(v):$2})')([$3 for x in [$(echo $1 | tr ' ' ',')]])"; }
result_row() {
  local config=$1 label=$2 command=$3 broker=$4 rates cpus tokens_rate brokers
  rates=$(spread "${wall_of[$config]}" ",.0f" "$articles / x")
  tokens_rate=$(calc "f'{$tokens / $(m "${wall_of[$config]}"):,.0f}'")
  cpus=$(spread "${cpu_of[$config]}" ".2f" "x * 1000 / $articles")
  brokers=–
  [[ $broker == yes ]] && brokers=$(spread "${broker_of[$config]}" ".2f" "x * 1000 / $articles")
  row "$label" "$command" "$rates" "$tokens_rate" "$cpus" "$brokers"
}
result_row "extract 1" "extract, 1 core" "newsner extract DIR --format jsonl --output OUT --parallel 1" no
result_row "worker 1 1" "1 worker, 1 core" "newsner worker --parallel 1" yes
result_row "extract 0" "extract, $(nproc) cores" "newsner extract DIR --format jsonl --output OUT --parallel 0" no
result_row "worker 2 1" "2 workers × 1 core" "newsner worker --parallel 1 (2 processes)" yes
result_row "worker 1 2" "1 worker × 2 cores" "newsner worker --parallel 2" yes
row "enqueue $((2 * articles)) articles, publisher confirms (whole command with its start-up, median)" "newsner enqueue DIR" \
  "$(per_s "$((2 * articles))" "$(med "${ew[@]}")")" "–" "$(calc "f'{$(med "${ec[@]}") * 1000 / (2 * $articles):.2f}'")" "(above)"
row "collect $((2 * articles)) results to JSON Lines, alongside 1 worker (whole command with its start-up, median)" "newsner collect --output OUT.jsonl --expect N" \
  "–" "–" "$(calc "f'{$(med "${cc[@]}") * 1000 / (2 * $articles):.2f}'")" "(above)"
xs=$(m "${wall_of[extract 1]}"); ws=$(m "${wall_of[worker 1 1]}"); xcpu=$(m "${cpu_of[extract 1]}"); wcpu=$(m "${cpu_of[worker 1 1]}"); bcpu=$(m "${broker_of[worker 1 1]}")

echo
echo "$articles articles ($size MB, $tokens tokens) from the benchmark corpus builder; $(nproc) cores; load at the end: $(load)"
echo
echo "| what (median of $repeat rounds, min–max) | command | articles/s | tokens/s (median) | CPU ms per article | broker CPU ms per article (enqueue + work + collect) |"
echo "|---|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Broker overhead, one core: wall $(calc "f'{($ws / $xs - 1) * 100:+.0f}'") % (marginal seconds: worker $(calc "f'{$ws:.2f}'"), extract $(calc "f'{$xs:.2f}'"));" \
  "CPU per article $(calc "f'{($wcpu / $xcpu - 1) * 100:+.0f}'") % in the worker, plus the broker's own $(per_article "$bcpu") ms."
echo "Each row: the cost of the $articles articles once started (run on 2N minus run on N), median of $repeat alternated rounds."
