#!/usr/bin/env bash
# Runs the accuracy gates of .ci/gates.d in name order when ../shared (corpora, dev articles, scorers) is beside the
# clone. Each gate is a bash script that exits non-zero on failure. See the comment in .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d ../shared ]]; then
  echo "== gates: ../shared is absent, accuracy gates skipped"
  exit 0
fi

NEWSNER_DLL="$PWD/samples/NewsNer.Console/bin/Release/net10.0/NewsNer.Console.dll"
if [[ ! -f "$NEWSNER_DLL" ]]; then
  dotnet build samples/NewsNer.Console -c Release -warnaserror
fi
export NEWSNER="dotnet $NEWSNER_DLL"
export SHARED="$(cd ../shared && pwd)"
GATE_TMP="$(mktemp -d)"
export GATE_TMP
trap 'rm -rf "$GATE_TMP"' EXIT

shopt -s nullglob
for gate in .ci/gates.d/*.sh; do
  echo "== gate: $(basename "$gate" .sh)"
  bash "$gate"
done
