#!/usr/bin/env bash
# Load runs of the NewsNer HTTP service (`newsner serve`) on this machine, with wrk on the loopback interface.
#
#   tools/service-load/run.sh            the tables of docs/service.md (about 4 minutes): throughput and latency at 1, 2, 8
#                                        and 64 connections, the batch endpoint, an overload at 4x the server's capacity,
#                                        hostile inputs mixed with ordinary articles, the HTTP cost per request
#   tools/service-load/run.sh --gate     the CI gate (.ci/gates.d/60-service-load.sh): short runs that FAIL on a 5xx other
#                                        than 503, a lost or reordered batch line, a socket error, an unhealthy server
#                                        afterwards, or a SIGTERM that does not finish the request in flight and exit 0
#
# Environment: NEWSNER (the console command; default: dotnet on the Release build), SHARED (../shared: articles from
# data/events-*/articles; default: samples/*.txt), GATE_TMP (scratch folder). Installs wrk with apt-get when missing.
# Every run is bounded in time (wrk -d) or count; servers listen on 127.0.0.1 only and are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
mode="${1:-tables}"
here="$root/tools/service-load"
NEWSNER="${NEWSNER:-dotnet $root/samples/NewsNer.Console/bin/Release/net10.0/NewsNer.Console.dll}"
SHARED="${SHARED:-$root/../shared}"
tmp="${GATE_TMP:-$(mktemp -d)}/service-load"
mkdir -p "$tmp"
server_pid=""
failures=0

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
note() { echo "  $*" >&2; }

if ! command -v wrk >/dev/null; then
  echo "== installing wrk (apt-get)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null
fi

# ---- the articles ----------------------------------------------------------------------------------------------------
articles=()
if compgen -G "$SHARED/data/events-*/articles/*.txt" >/dev/null; then
  mapfile -t articles < <(ls "$SHARED"/data/events-*/articles/*.txt | sort)
else
  mapfile -t articles < <(ls "$root"/samples/*.txt | sort)
fi
article_chars=$(cat "${articles[@]}" | python3 -c "import sys; print(len(sys.stdin.read()))")
echo "== ${#articles[@]} articles, $((article_chars / ${#articles[@]})) characters on average"
mapfile -t hostile < <(python3 "$here/hostile.py" "$tmp/hostile" | tr ' ' '\n')

# ---- the server --------------------------------------------------------------------------------------------------------
# start_server ARGS...: starts `newsner serve --port 0` and waits until it is ready; sets server_pid and url.
servers=0
start_server() {
  # A file per server: the next one must never read the previous one's "ready".
  servers=$((servers + 1))
  local out="$tmp/server.$servers.out"
  $NEWSNER serve --port 0 --quiet "$@" >"$out" 2>"$tmp/server.$servers.err" &
  server_pid=$!
  for _ in $(seq 1 600); do
    if grep -q "ready" "$out" 2>/dev/null; then
      url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -1)
      # Warm-up, not measured: the first calls run the pipeline's code before the JIT has optimized it (tiered compilation).
      wrk -t1 -c2 -d2s --timeout 30s -s "$here/load.lua" "$url" -- "/v1/extract?tokens=false" "${articles[@]:0:20}" >/dev/null
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.$servers.err"; echo "FAIL: the server did not start"; exit 1; }
    sleep 0.1
  done
  echo "FAIL: the server was not ready after 60 s"; exit 1
}

# stop_server: SIGTERM, then the exit code (must be 0).
stop_server() {
  kill -TERM "$server_pid"
  local code=0
  wait "$server_pid" || code=$?
  server_pid=""
  [[ $code -eq 0 ]] || fail "the server exited $code after SIGTERM"
}

metric() { curl -s "$url/metrics" | awk -v name="$1" '$1 == name { print $2 }'; }

# The server's peak resident memory since the last reset (kB): VmHWM, reset through clear_refs when allowed.
reset_peak() { echo 5 > "/proc/$server_pid/clear_refs" 2>/dev/null || true; }
peak_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }

# wrk_run CONNECTIONS SECONDS PATH [FILES...]: one wrk run; prints its JSON result line, with documents/s and tokens/s
# from the server's own counters.
wrk_run() {
  local connections=$1 seconds=$2 path=$3
  shift 3
  local files=("$@")
  [[ ${#files[@]} -gt 0 ]] || files=("${articles[@]}")
  local threads=$((connections < 2 ? 1 : 2))
  local docs0 tokens0
  docs0=$(metric 'newsner_documents_total{outcome="ok"}')
  tokens0=$(metric newsner_tokens_total)
  reset_peak
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 30s -s "$here/load.lua" "$url" -- "$path" "${files[@]}" >"$tmp/wrk.out"
  local docs1 tokens1
  docs1=$(metric 'newsner_documents_total{outcome="ok"}')
  tokens1=$(metric newsner_tokens_total)
  python3 - "$tmp/wrk.out" "$connections" "$((docs1 - docs0))" "$((tokens1 - tokens0))" "$(peak_mb)" <<'PY'
import json, sys
line = next(l for l in open(sys.argv[1]) if l.startswith("WRK_RESULT "))
result = json.loads(line[len("WRK_RESULT "):])
result.update(connections=int(sys.argv[2]), documents=int(sys.argv[3]), tokens=int(sys.argv[4]), peak_rss_mb=int(sys.argv[5]))
result["docs_per_s"] = result["documents"] / result["duration_s"]
result["tokens_per_s"] = result["tokens"] / result["duration_s"]
print(json.dumps(result))
PY
}

# check_run JSON ALLOWED_STATUSES: fails on statuses outside the list or socket errors.
check_run() {
  python3 - "$1" "$2" <<'PY' || failures=$((failures + 1))
import json, sys
run, allowed = json.loads(sys.argv[1]), set(sys.argv[2].split(","))
bad = {s: n for s, n in run["statuses"].items() if s not in allowed}
errors = {k: run[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts") if run[k]}
if bad or errors:
    print(f"FAIL: {run['connections']} connections: unexpected statuses {bad} or socket errors {errors}")
    sys.exit(1)
PY
}

row() {
  python3 - "$1" "$2" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
statuses = ", ".join(f"{n} x {s}" for s, n in sorted(r["statuses"].items()))
print(f"| {sys.argv[2]} | {r['connections']} | {r['docs_per_s']:,.0f} | {r['tokens_per_s'] / 1000:,.0f} k | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.0f} | {r['peak_rss_mb']} | {statuses} |")
PY
}

header() {
  echo "| run | connections | documents/s | tokens/s | p50 ms | p99 ms | max ms | peak RSS MB | answers |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
}

# batch_check COPIES: every article COPIES times through /v1/extract/batch with a bad line every 50; checks that every
# line has its answer, in order, and that bad lines got error records. Prints documents/s.
batch_check() {
  python3 - "$1" "$tmp/batch.jsonl" "${articles[@]}" <<'PY'
import json, sys
copies, out, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
with open(out, "w", encoding="utf-8") as lines:
    n = 0
    for copy in range(copies):
        for path in files:
            n += 1
            if n % 50 == 0:
                lines.write("{\"text\": broken line " + str(n) + "\n")
                n += 1
            lines.write(json.dumps({"text": open(path, encoding="utf-8").read(), "source": f"{n}:{path.rsplit('/', 1)[-1]}"}, ensure_ascii=False) + "\n")
PY
  local start end
  start=$(date +%s.%N)
  curl -s --fail-with-body -X POST "$url/v1/extract/batch?tokens=false" -H 'Content-Type: application/x-ndjson' --data-binary @"$tmp/batch.jsonl" -o "$tmp/batch.out"
  end=$(date +%s.%N)
  python3 - "$tmp/batch.jsonl" "$tmp/batch.out" "$start" "$end" <<'PY'
import json, sys
inputs = open(sys.argv[1], encoding="utf-8").read().splitlines()
outputs = open(sys.argv[2], encoding="utf-8").read().splitlines()
if len(inputs) != len(outputs):
    print(f"FAIL: batch: {len(inputs)} lines in, {len(outputs)} out"); sys.exit(1)
for number, (line, answer) in enumerate(zip(inputs, outputs), 1):
    record = json.loads(answer)
    if line.startswith("{\"text\": broken"):
        if "error" not in record or record["source"] != f"line {number}":
            print(f"FAIL: batch line {number} is malformed but got {answer[:120]}"); sys.exit(1)
    elif record.get("source") != json.loads(line)["source"] or "error" in record:
        print(f"FAIL: batch line {number}: expected the document of {json.loads(line)['source']}, got {answer[:120]}"); sys.exit(1)
seconds = float(sys.argv[4]) - float(sys.argv[3])
broken = sum(1 for l in inputs if l.startswith("{\"text\": broken"))
print(f"{len(inputs)} lines, {broken} malformed, all answered in order in {seconds:.2f} s ({len(inputs) / seconds:,.0f} lines/s)")
PY
}

# hostile_mix SECONDS: ordinary articles at 8 connections while the hostile inputs are posted one after another.
hostile_mix() {
  local seconds=$1
  : >"$tmp/hostile.log"
  (
    end=$((SECONDS + seconds - 1))
    while [[ $SECONDS -lt $end ]]; do
      for file in "${hostile[@]}"; do
        [[ $SECONDS -lt $end ]] || break
        curl -s -o /dev/null -w "$(basename "$file") %{http_code} %{time_total}\n" -X POST "$url/v1/extract?tokens=false" \
          -H 'Content-Type: text/plain' --data-binary @"$file" >>"$tmp/hostile.log"
      done
    done
  ) &
  local mixer=$!
  wrk_run 8 "$seconds" "/v1/extract?tokens=false"
  wait "$mixer"
}

# ======================================================================================================================
if [[ "$mode" == "--gate" ]]; then
  echo "== service gate: round trips (curl, render), batch order, load, overload burst, hostile mix, SIGTERM"
  # Capacity 2 workers + 14 queued = 16 requests; time limit 3 s.
  start_server --max-concurrency 2 --queue 14 --timeout 3 --max-document-size 4MiB

  curl -s --fail-with-body -X POST "$url/v1/extract" -H 'Content-Type: text/plain' --data-binary @"${articles[0]}" -o "$tmp/one.json"
  $NEWSNER render "$tmp/one.json" --format table >/dev/null || fail "render cannot read the server's document"
  curl -s -o /dev/null -w '%{http_code}' -X POST "$url/v1/extract" -d 'a form' | grep -q 415 || fail "a form body is not 415"
  echo "round trip: curl -> render ok"

  batch_check 1 || failures=$((failures + 1))
  $NEWSNER render "$tmp/batch.out" --format csv --output "$tmp/csv" >/dev/null || true
  [[ -s "$tmp/csv/entities.csv" && -s "$tmp/csv/errors.csv" ]] || fail "render cannot read the server's JSON Lines"

  load=$(wrk_run 8 3 "/v1/extract?tokens=false")
  check_run "$load" 200
  echo "load, 8 connections: $(echo "$load" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.0f docs/s, p99 %.1f ms, statuses %s" % (r["docs_per_s"], r["p99_ms"], r["statuses"]))')"

  burst=$(wrk_run 64 3 "/v1/extract?tokens=false")
  check_run "$burst" 200,503
  echo "overload, 64 connections on a capacity of 16: statuses $(echo "$burst" | python3 -c 'import json,sys; print(json.load(sys.stdin)["statuses"])'), peak RSS $(echo "$burst" | python3 -c 'import json,sys; print(json.load(sys.stdin)["peak_rss_mb"])') MB"
  echo "$burst" | python3 -c 'import json,sys; s=json.load(sys.stdin)["statuses"]; sys.exit(0 if s.get("503",0) > 0 and s.get("200",0) > 0 else 1)' \
    || fail "the overload burst should get both 200 and 503 answers (back-pressure)"

  mix=$(hostile_mix 6)
  check_run "$mix" 200
  max_ms=$(echo "$mix" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["max_ms"]))')
  echo "hostile mix: ordinary articles max latency ${max_ms} ms; hostile inputs:"; sed 's/^/  /' "$tmp/hostile.log"
  grep -vE ' (200|503) ' "$tmp/hostile.log" && fail "a hostile input got another status than 200 or 503"
  # Work past its limit keeps its worker until the pipeline stops (between stages, until every stage honours its token):
  # an ordinary article may wait for the limit plus the longest stage. Twice the limit says the queue still moves.
  [[ $max_ms -le 6000 ]] || fail "an ordinary article waited ${max_ms} ms beside the hostile inputs (time limit 3000 ms, bound 6000 ms)"

  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/v1/health/ready")" == 200 ]] || fail "not ready after the load"
  echo "healthy after the load"
  stop_server

  # SIGTERM with a request in flight: the request completes 200, the process exits 0.
  start_server --grace 60 --max-document-size 64MiB --timeout 120
  python3 -c "import sys; t=open(sys.argv[1], encoding='utf-8').read(); open(sys.argv[2], 'w', encoding='utf-8').write((t + '\n\n') * (3_000_000 // len(t) + 1))" "${articles[0]}" "$tmp/long.txt"
  curl -s -o "$tmp/long.json" -w '%{http_code}' -X POST "$url/v1/extract?tokens=false" -H 'Content-Type: text/plain' --data-binary @"$tmp/long.txt" >"$tmp/long.status" &
  client=$!
  caught=0
  for _ in $(seq 1 300); do
    if [[ "$(metric newsner_documents_processing)" == 1 ]]; then caught=1; break; fi
    sleep 0.05
  done
  [[ $caught -eq 1 ]] || fail "the long request was never seen in flight (it should take seconds)"
  kill -TERM "$server_pid"
  code=0; wait "$server_pid" || code=$?; server_pid=""
  wait "$client" || true
  [[ "$(cat "$tmp/long.status")" == 200 ]] || fail "the request in flight at SIGTERM got $(cat "$tmp/long.status")"
  [[ $code -eq 0 ]] || fail "the server exited $code after SIGTERM"
  echo "SIGTERM with a request in flight: answered $(cat "$tmp/long.status"), exit $code"

  [[ $failures -eq 0 ]] || { echo "service gate: $failures failures"; exit 1; }
  echo "service gate: ok"
  exit 0
fi

# ======================================================================================================================
echo "== tables for docs/service.md ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
start_server
echo; echo "Throughput and latency, POST /v1/extract?tokens=false, default server (workers = cores, queue 64), 10 s each:"; echo
header
for connections in 1 2 8 64; do
  run=$(wrk_run "$connections" 10 "/v1/extract?tokens=false")
  row "$run" "articles"
done
run=$(wrk_run 8 10 "/v1/extract")
row "$run" "with tokens"
echo; echo "Batch: $(batch_check 20)"
stop_server

echo; echo "Overload: workers 2 + queue 14 = capacity 16, 64 connections (4x), 10 s; then the health check:"; echo
start_server --max-concurrency 2 --queue 14
header
run=$(wrk_run 64 10 "/v1/extract?tokens=false")
row "$run" "overload"
echo "ready afterwards: HTTP $(curl -s -o /dev/null -w '%{http_code}' "$url/v1/health/ready")"
stop_server

echo; echo "Hostile inputs posted one after another beside ordinary articles at 8 connections, time limit 3 s, 20 s:"; echo
start_server --timeout 3
header
run=$(hostile_mix 20)
row "$run" "articles beside hostile inputs"
echo
echo "| hostile input | answers (status x count) | seconds (min / max) |"
echo "|---|---|---|"
python3 - "$tmp/hostile.log" <<'PY'
import collections, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, status, seconds = line.split()
    runs[name].append((status, float(seconds)))
for name, answers in runs.items():
    statuses = collections.Counter(s for s, _ in answers)
    times = [t for _, t in answers]
    print(f"| {name} | {', '.join(f'{s} x {n}' for s, n in sorted(statuses.items()))} | {min(times):.2f} / {max(times):.2f} |")
PY
stop_server
[[ $failures -eq 0 ]] || exit 1
