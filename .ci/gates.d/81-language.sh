#!/usr/bin/env bash
# Gate: language identification never takes French for another language (docs/language.md). `newsner eval-language`
# runs the pipeline's language stage on the French news articles (events dev and train) and on the French NER corpora
# (10 consecutive sentences per document) and fails when one comes out as another language (about 10 s).
set -euo pipefail
$NEWSNER eval-language --shared "$SHARED"
