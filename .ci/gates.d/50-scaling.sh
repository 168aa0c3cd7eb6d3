#!/usr/bin/env bash
# Gate: any input, bounded (docs/reliability.md). Three checks, about two minutes on 2 cores:
#  1. scaling: the worst input shapes (benchmarks/NewsNer.Benchmarks/Scaling/ScalingShapes.cs) at n and 4n characters in
#     one process, each stage timed on its own (CPU time of the measuring thread, best of 3, and up to 3 more runs to
#     confirm a stage over the limit): fails when a checked stage's 4n/n ratio passes MAX_RATIO, or the process's peak
#     resident memory passes MAX_RSS_MB;
#  2. a folder of hostile files (empty, binary, invalid UTF-8, UTF-16, control characters, a 1 MB token, a 1.3 MB
#     sentence, a 5 MB repeated article, ordinary articles) through `newsner extract`: one valid record per file, in
#     under FOLDER_SECONDS, under MAX_RSS_MB;
#  3. one 50 MB document through `newsner extract`: under MAX_RSS_MB.
set -euo pipefail

# ---------------------------------------------------------------------------------------------------------------------
# The one place to choose what the scaling check fails on. Stages measured are printed; only CHECKED_STAGES can fail
# the gate. The whole pipeline ("pipeline": every stage as `Process` runs them, long texts in segments) is checked. The
# event layer timed on its own ("events", on the whole unsegmented 400,000-character text) is measured only: it is
# superlinear on six shapes there (docs/reliability.md, "Measured"); add it here once it is linear on its own.
# ---------------------------------------------------------------------------------------------------------------------
CHECKED_STAGES="tokenizer,sentences,entities,linking,pipeline"
MEASURED_STAGES="tokenizer,sentences,entities,linking,events,pipeline"
SHAPES="clauses,capitalized,capitalized-mix,run-on,table,giant-token,hyphen-chain,no-whitespace,same-name,distinct-names,one-surname,role-descriptions,nested,meeting-cues,one-line-article,article"
MAX_RATIO=6
MAX_RSS_MB=300
FOLDER_SECONDS=60
BIG_MB=50

BENCH_DLL="$PWD/benchmarks/NewsNer.Benchmarks/bin/Release/net10.0/NewsNer.Benchmarks.dll"
if [[ ! -f "$BENCH_DLL" ]]; then
  dotnet build benchmarks/NewsNer.Benchmarks -c Release -warnaserror
fi
BENCH="dotnet $BENCH_DLL"

# GNU time gives the peak resident set of a child; the script installs it when it is missing (Debian: package `time`).
if [[ ! -x /usr/bin/time ]]; then
  (apt-get install -y time >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1)) || true
fi
peak_mb() { # runs "$@", prints its peak RSS in MB on fd 3 (or "?" without GNU time)
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%M' -o "$GATE_TMP/rss" "$@"
    # The last line: GNU time writes "Command exited with non-zero status N" first when the command failed.
    tail -n 1 "$GATE_TMP/rss" | awk '{ printf "%.1f", $1 / 1024 }' >&3
  else
    "$@"; printf '?' >&3
  fi
}
check_rss() { # name, MB
  if [[ "$2" != "?" ]] && awk -v m="$2" -v max="$MAX_RSS_MB" 'BEGIN { exit !(m > max) }'; then
    echo "FAIL: $1: peak RSS $2 MB > $MAX_RSS_MB MB"; return 1
  fi
  echo "$1: peak RSS $2 MB (limit $MAX_RSS_MB MB)"
}
status=0

echo "-- 1. scaling of each stage, n = 100,000 and 4n = 400,000 characters"
$BENCH scaling --shapes "$SHAPES" --stages "$MEASURED_STAGES" --check "$CHECKED_STAGES" --chars 100000 --repeat 3 \
  --max-ratio "$MAX_RATIO" --max-rss-mb "$MAX_RSS_MB" --timeout-seconds 30 --warmup-seconds 4 || status=1

echo "-- 2. a folder of hostile files through the console"
folder="$GATE_TMP/hostile"
mkdir -p "$folder"
: > "$folder/empty.txt"
head -c 200000 /dev/urandom > "$folder/binary.txt"
printf 'Le pr\xe9sident a re\xe7u son homologue \xe0 Paris.\n' > "$folder/invalid-utf8.txt"
printf 'Le président Macron a reçu Vladimir Poutine à Paris.\n' | iconv -f UTF-8 -t UTF-16 > "$folder/utf16.txt"
printf 'Le pr\x01sident\x07 a re\x1bu\x00 son homologue\x0b \xc3\xa0 Paris.\x7f\n' > "$folder/control.txt"
python3 - "$folder" samples/al-chaar-poutine.fr.txt <<'PY'
import sys
folder, sample = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
open(f"{folder}/token-1mb.txt", "w", encoding="utf-8").write("Poutinekremlinmoscou" * 50_000)
open(f"{folder}/sentence-1.3mb.txt", "w", encoding="utf-8").write("Le président Poutine a reçu le président al-Chaar au Kremlin, " * 20_000)
article = sample + "\n\n"
open(f"{folder}/article-5mb.txt", "w", encoding="utf-8").write(article * (5_000_000 // len(article.encode())))
open(f"{folder}/article.txt", "w", encoding="utf-8").write(sample)
PY
if [[ -d "$SHARED/data/events-dev/articles" ]]; then
  cp "$SHARED"/data/events-dev/articles/*.txt "$folder/" 2>/dev/null || true
fi
files=$(find "$folder" -name '*.txt' | wc -l)
start=$(date +%s.%N)
rss=$( { peak_mb $NEWSNER extract "$folder" --format jsonl --output "$GATE_TMP/hostile.jsonl" --quiet || true; } 3>&1 1>&2 )
seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
$BENCH check-jsonl "$GATE_TMP/hostile.jsonl" "$files" || { echo "FAIL: the folder's $files files did not all get a valid record"; status=1; }
check_rss "hostile folder ($files files, $seconds s)" "$rss" || status=1
if awk -v s="$seconds" -v max="$FOLDER_SECONDS" 'BEGIN { exit !(s > max) }'; then
  echo "FAIL: the hostile folder took $seconds s > $FOLDER_SECONDS s"; status=1
fi

echo "-- 3. one ${BIG_MB} MB document through the console"
python3 - "$GATE_TMP/big.txt" samples/al-chaar-poutine.fr.txt "$BIG_MB" <<'PY'
import sys
article = open(sys.argv[2], encoding="utf-8").read() + "\n\n"
open(sys.argv[1], "w", encoding="utf-8").write(article * (int(sys.argv[3]) * 1_000_000 // len(article.encode())))
PY
start=$(date +%s.%N)
rss=$( { peak_mb $NEWSNER extract "$GATE_TMP/big.txt" --format jsonl --output "$GATE_TMP/big.jsonl" --quiet; } 3>&1 1>&2 ) || status=1
seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
check_rss "${BIG_MB} MB document ($seconds s, $(stat -c %s "$GATE_TMP/big.jsonl") bytes of JSON)" "$rss" || status=1
# One complete line holding a document (not an error record); too large to parse here, so its ends are checked.
python3 - "$GATE_TMP/big.jsonl" <<'PY' || status=1
import os, sys
path = sys.argv[1]
with open(path, "rb") as f:
    head = f.read(200)
    f.seek(-2, os.SEEK_END)
    tail = f.read()
lines = sum(chunk.count(b"\n") for chunk in iter(lambda f=open(path, "rb"): f.read(1 << 24), b""))
ok = lines == 1 and tail.endswith(b"}\n") and head.startswith(b'{"schema":"newsner/1"') and b'"error":' not in head
print(("" if ok else "FAIL: ") + f"{path}: {lines} line(s), starts {head[:60]!r}")
sys.exit(0 if ok else 1)
PY
rm -f "$GATE_TMP/big.txt" "$GATE_TMP/big.jsonl"

exit $status
