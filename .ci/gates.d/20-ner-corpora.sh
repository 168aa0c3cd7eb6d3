#!/usr/bin/env bash
# Gate (issue 3): the shipped entity model on the test split of every shared NER corpus, strict span F1 (conlleval),
# with the floors sequoia-fr 0.82, wikiann-fr 0.86, wikineural-fr 0.88, hipe2020-fr 0.70 (newseye-fr, letemps-fr and
# europeana-fr are reported). Uses the embedded model: nothing is retrained here. About 1-2 minutes.
set -euo pipefail
$NEWSNER ner-report --shared "$SHARED" --split test --check-floors
