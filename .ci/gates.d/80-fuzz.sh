#!/usr/bin/env bash
# Gate: a short fixed-budget fuzz run (docs/fuzzing.md): AFL++ through SharpFuzz on the tokenizer, the sentence splitter,
# the HTML reader, the newsner/1 JSON reader and the whole pipeline, 30 s each (about 3.5 minutes with the instrumented
# build). Any crash, hang (an input slower than the target's bound) or broken invariant fails the gate; the finding is
# printed with its bytes and the exception. NEWSNER_FUZZ_SECONDS changes the time per target (0 skips the gate).
set -euo pipefail
seconds="${NEWSNER_FUZZ_SECONDS:-30}"
if [[ "$seconds" == "0" ]]; then
  echo "fuzz gate skipped (NEWSNER_FUZZ_SECONDS=0)"; exit 0
fi
bash tools/fuzz.sh --seconds "$seconds" --out "$GATE_TMP/fuzz"
