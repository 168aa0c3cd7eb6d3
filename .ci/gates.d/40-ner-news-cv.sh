#!/usr/bin/env bash
# Gate (issue: entities on real news): five-fold cross-validation of entity recognition + linking on the annotated news
# articles of ../shared/data/events-train (`newsner cv-news-ner`: for each fold k, the news layer trained without fold
# k's articles by exactly the shipped model's recipe over the corpus model, the whole default pipeline run on fold k,
# score_news.py). The summed counts of the five folds must reach the issue floors: entity F1 0.88, ORG 0.78, PER 0.92,
# LOC 0.90 (docs/model-card.md). Prints the per-fold table. About 3 minutes of CPU on 2 cores (docs/training.md).
set -euo pipefail
out="$GATE_TMP/ner-news-cv"
started=$SECONDS
$NEWSNER cv-news-ner --shared "$SHARED" --models-out "$out" --folds 0,1,2,3,4 --floors
echo "ner-news-cv: $((SECONDS - started)) s"
