#!/usr/bin/env bash
# Gate (issue 3): the shipped entity model on the test split of every shared NER corpus, strict span F1 (conlleval),
# with the profile (annotation convention) identified from each file's text by the model's profile classifier
# (`--profile auto`, the default of eval-ner/tag-conll/ner-report; never from the labels). Nothing is retrained (~1 min).
# Fails below the floors of issue 3 (sequoia-fr 0.82, wikiann-fr 0.86, wikineural-fr 0.88, hipe2020-fr 0.70), below the
# regression guards of the reported-only corpora (the shipped score minus about one point, docs/model-card.md), and when
# the automatic choice does not find the convention of a floor corpus. The default-profile table (what the library's
# pipeline gets) is printed too.
set -euo pipefail
report="$GATE_TMP/ner-report.md"
$NEWSNER ner-report --shared "$SHARED" --split test --out "$report" >/dev/null 2>"$GATE_TMP/ner-report.log"
cat "$report"
grep 'profile auto' "$GATE_TMP/ner-report.log" | cut -c1-160
echo "default profile everywhere (the library's pipeline):"
$NEWSNER ner-report --shared "$SHARED" --split test --default-profile 2>/dev/null | tail -n +3 | cut -d'|' -f2,10
python3 - "$GATE_TMP/ner-report.log" <<'PY'
import re, sys
floors = {"sequoia-fr": 0.82, "wikiann-fr": 0.86, "wikineural-fr": 0.88, "hipe2020-fr": 0.70}
interim = {}  # a floor corpus the shipped model misses, with its regression guard (none now)
guards = {"newseye-fr": 0.55, "letemps-fr": 0.455, "europeana-fr": 0.555}
expected = {"sequoia-fr": "sequoia", "wikiann-fr": "wikiann", "wikineural-fr": "wikineural", "hipe2020-fr": "historical"}
failed, seen = False, set()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"(\S+): profile auto: (\S+)", line)
    if m and m.group(1) in expected and m.group(2) != expected[m.group(1)]:
        print(f"FAIL {m.group(1)}: profile auto chose {m.group(2)}, expected {expected[m.group(1)]}")
        failed = True
    m = re.match(r"(\S+): F1 ([0-9.]+)", line)
    if not m:
        continue
    corpus, f1 = m.group(1), float(m.group(2))
    seen.add(corpus)
    if corpus in floors:
        if f1 >= floors[corpus]:
            print(f"ok   {corpus}: F1 {f1:.4f} >= floor {floors[corpus]:.2f}")
        elif corpus in interim and f1 >= interim[corpus]:
            print(f"MISS {corpus}: F1 {f1:.4f} < floor {floors[corpus]:.2f} (interim model; guard {interim[corpus]:.3f} holds)")
        else:
            print(f"FAIL {corpus}: F1 {f1:.4f} < floor {floors[corpus]:.2f}")
            failed = True
    elif corpus in guards:
        ok = f1 >= guards[corpus]
        print(f"{'ok  ' if ok else 'FAIL'} {corpus}: F1 {f1:.4f} {'>=' if ok else '<'} regression guard {guards[corpus]:.2f}")
        failed |= not ok
for corpus in sorted((set(floors) | set(guards)) - seen):
    print(f"FAIL {corpus}: not evaluated")
    failed = True
sys.exit(1 if failed else 0)
PY
