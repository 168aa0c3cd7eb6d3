#!/usr/bin/env bash
# Fuzzes NewsNer's parsers with AFL++ through SharpFuzz (docs/fuzzing.md). Each target runs for a fixed time; a crash,
# a hang (an input slower than the target's bound) or a broken invariant is a finding: it is re-run outside the fuzzer,
# printed, and the script exits 1. Installs what it needs: afl++ (Debian) and the sharpfuzz dotnet tool (local tool).
#
#   tools/fuzz.sh [--seconds N] [--targets "tokenizer sentences html json pipeline"] [--out DIR] [--keep]
#
#   --seconds N   fuzzing time per target (default 30)
#   --targets     which targets, in order (default: all five)
#   --out DIR     where the instrumented build and the findings go (default: a temporary folder, deleted unless --keep
#                 or something was found)
# A finding becomes a regression test: copy it to tests/NewsNer.Fuzz/Findings/TARGET/ (the test suite runs every file
# there through the same target) and fix the code.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

seconds=30
targets="tokenizer sentences html json pipeline"
out=""
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --targets) targets="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: tools/fuzz.sh [--seconds N] [--targets \"LIST\"] [--out DIR] [--keep]" >&2; exit 2 ;;
  esac
done
if [[ -z "$out" ]]; then
  out="$(mktemp -d)"
else
  keep=1
  mkdir -p "$out"
fi
out="$(cd "$out" && pwd)"

# Time bound per input, in ms (afl-fuzz -t): a slower input is a hang. Inputs are cut at 64 KB (FuzzInput.MaxBytes).
declare -A timeout=([tokenizer]=1000 [sentences]=1000 [html]=2000 [json]=2000 [pipeline]=3000)
declare -A seeds=([tokenizer]=text [sentences]=text [html]=html [json]=json [pipeline]=text)
declare -A dict=([html]=html.dict [json]=json.dict)

if ! command -v afl-fuzz >/dev/null; then
  echo "== fuzz: installing afl++"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq afl++ >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq afl++ >/dev/null; }
fi
dotnet tool restore >/dev/null

echo "== fuzz: publish and instrument (NewsNer.dll, NewsNer.Console.dll)"
bin="$out/bin"
rm -rf "$bin"
dotnet publish tests/NewsNer.Fuzz -c Release -o "$bin" -p:UseAppHost=false >/dev/null
for assembly in NewsNer.dll NewsNer.Console.dll; do
  dotnet tool run sharpfuzz "$bin/$assembly" >/dev/null
done

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
export AFL_FORKSRV_INIT_TMOUT=120000 AFL_QUIET=1
export DOTNET_TieredPGO=0 DOTNET_CLI_TELEMETRY_OPTOUT=1

found=0
summary=()
for target in $targets; do
  [[ -n "${seeds[$target]:-}" ]] || { echo "unknown target '$target'" >&2; exit 2; }
  findings="$out/findings/$target"
  rm -rf "$findings"
  mkdir -p "$out/findings"
  extra=()
  [[ -n "${dict[$target]:-}" ]] && extra=(-x "tests/NewsNer.Fuzz/Dictionaries/${dict[$target]}")
  echo "== fuzz: $target for ${seconds}s (bound ${timeout[$target]} ms per input)"
  afl-fuzz -i "tests/NewsNer.Fuzz/Seeds/${seeds[$target]}" -o "$findings" -t "${timeout[$target]}" -m none -V "$seconds" "${extra[@]}" \
    -- "$(command -v dotnet)" "$bin/NewsNer.Fuzz.dll" "$target" > "$out/afl-$target.log" 2>&1 || {
      echo "afl-fuzz failed for $target:"; tail -n 30 "$out/afl-$target.log"; exit 1; }
  stats="$findings/default/fuzzer_stats"
  afl_stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  crashes=$(find "$findings/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "$findings/default/hangs" -name 'id:*' 2>/dev/null | wc -l)
  line="$target: $(afl_stat execs_done) execs ($(afl_stat execs_per_sec)/s), corpus $(afl_stat corpus_count), edges $(afl_stat edges_found), crashes $crashes, hangs $hangs"
  summary+=("$line")
  echo "   $line"
  if [[ $((crashes + hangs)) -gt 0 ]]; then
    found=1
    for input in "$findings"/default/crashes/id:* "$findings"/default/hangs/id:*; do
      [[ -f "$input" ]] || continue
      echo "-- finding $input ($(wc -c <"$input") bytes): $(head -c 160 "$input" | od -An -c | tr -s ' ' | tr -d '\n' | head -c 400)"
      timeout 60 dotnet "$bin/NewsNer.Fuzz.dll" "$target" "$input" | head -n 12 || true
    done
  fi
done

echo "== fuzz summary"
printf '   %s\n' "${summary[@]}"
if [[ "$found" -ne 0 ]]; then
  echo "FAIL: findings kept in $out/findings (copy each to tests/NewsNer.Fuzz/Findings/TARGET/ as a regression test)"
  exit 1
fi
[[ "$keep" -eq 1 ]] || rm -rf "$out"
echo "fuzz: no crash, hang or broken invariant"
