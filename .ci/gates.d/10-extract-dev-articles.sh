#!/usr/bin/env bash
# Gate: the console extracts every dev article, one JSON per article, none an error record, all valid against
# docs/newsner-1.schema.json (when python3 has jsonschema); then prints the dev-set scores (no threshold here: the
# entity and event gates set theirs).
set -euo pipefail
articles="$SHARED/data/events-dev/articles"
out="$GATE_TMP/extract-dev"
$NEWSNER extract "$articles" --output "$out/" --quiet

expected=$(find "$articles" -name '*.txt' | wc -l)
written=$(find "$out" -name '*.json' | wc -l)
if [[ "$expected" -ne "$written" ]]; then
  echo "FAIL: $expected articles but $written JSON files"; exit 1
fi
python3 - "$out" docs/newsner-1.schema.json <<'PY'
import glob, json, sys
docs = {path: json.load(open(path, encoding="utf-8")) for path in sorted(glob.glob(sys.argv[1] + "/*.json"))}
failed = [f"{path}: {doc['error'].get('message')}" for path, doc in docs.items() if "error" in doc]
if failed:
    print("FAIL: error records:", *failed, sep="\n  "); sys.exit(1)
try:
    import jsonschema
except ImportError:
    print("schema check skipped: python3 has no jsonschema module"); sys.exit(0)
validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[2], encoding="utf-8")))
bad = [f"{path}: {e.json_path}: {e.message}" for path, doc in docs.items() for e in validator.iter_errors(doc)]
if bad:
    print("FAIL: schema:", *bad[:20], sep="\n  "); sys.exit(1)
print(f"schema check: {len(docs)} documents valid")
PY

echo "dev-set scores (extract with the current stages):"
python3 "$SHARED/tools/score_news.py" "$SHARED/data/events-dev/gold" "$out"
