#!/usr/bin/env bash
# Gate (issue 11: learned meeting events): five-fold cross-validation by article on ../shared/data/events-train
# (`newsner eval-events --cv`): for each fold k, the event decisions are trained on the four other folds, and fold k is
# tagged by the recognizer gate 40 trained without it ($GATE_TMP/ner-news-cv/ner-fold{k}.nner), so nothing scored was
# seen in training. The summed figures are checked twice: against the floors below, and against score_news.py run on
# the same predictions (the library's scorer and the reference one must agree to the count). Then the rules alone on
# the same folds, the baseline the learned decisions must beat.
#
# The learners' seed (the bootstrap samples of the bagged decisions) moves the summed F1 by about 0.013 (standard
# deviation), more than most changes of features, so the floors hold the mean over seeds 1, 2 and 3: seed 1 (the
# shipped recipe) is the run compared with score_news.py, seeds 2 and 3 run after it (`--seeds 2,3`). The floors are
# regression guards set a little under the means measured when the model was shipped (docs/events.md, fifth round:
# event F1 0.684, host 0.69, status 0.72, place 0.72, date 0.685; expected calibration error of seed 1's confidence
# 0.044); the issue's own floors (0.75 and more) are not reached yet, and docs/events.md says so. About 12 minutes on
# 2 cores.
set -euo pipefail
data="$SHARED/data/events-train"
ner_models="$GATE_TMP/ner-news-cv"
for k in 0 1 2 3 4; do
  if [[ ! -f "$ner_models/ner-fold$k.nner" ]]; then
    echo "FAIL: $ner_models/ner-fold$k.nner is missing (gate 40-ner-news-cv writes it)"; exit 1
  fi
done

started=$SECONDS
learned="$GATE_TMP/events-cv-learned.txt"
$NEWSNER eval-events --cv --data "$data" --ner-models "$ner_models" --out "$GATE_TMP/events-cv-learned" | tee "$learned"
python3 "$SHARED/tools/score_news.py" "$data/gold" "$GATE_TMP/events-cv-learned" > "$GATE_TMP/events-cv-python.txt"
seeds="$GATE_TMP/events-cv-seeds.txt"
$NEWSNER eval-events --cv --seeds 2,3 --data "$data" --ner-models "$ner_models" | tee "$seeds"
rules="$GATE_TMP/events-cv-rules.txt"
$NEWSNER eval-events --cv --method rules --data "$data" --ner-models "$ner_models" | tee "$rules" | grep -F '**all**'

python3 - "$learned" "$GATE_TMP/events-cv-python.txt" "$rules" "$seeds" <<'PY'
import re, sys
learned, python, rules, seeds = (open(p, encoding="utf-8").read() for p in sys.argv[1:5])

def summary(text, where, first="**all**"):
    # | **all** (or the seed) | articles | gold events | P | R | F1 | host k/n (x) | status k/n (x) | place k/n (x) | date k/n (x) | ...
    row = next((line for line in text.splitlines() if line.startswith(f"| {first} |")), None)
    if row is None:
        print(f"FAIL: no '{first}' row in the {where} report"); sys.exit(1)
    cells = [c.strip() for c in row.strip("|").split("|")]
    fraction = lambda cell: tuple(int(x) for x in re.match(r"(\d+)/(\d+)", cell).groups())
    return {"p": float(cells[3]), "r": float(cells[4]), "f1": float(cells[5]),
            "host": fraction(cells[6]), "status": fraction(cells[7]), "place": fraction(cells[8]), "date": fraction(cells[9])}

mine, baseline = summary(learned, "learned"), summary(rules, "rules")
# The reference scorer on the same predictions: the same P, R, F1 and the same argument counts.
events = re.search(r"^events +P ([0-9.]+) R ([0-9.]+) F1 ([0-9.]+)", python, re.M)
if not events:
    print("FAIL: score_news.py printed no event scores"); sys.exit(1)
reference = {"p": float(events.group(1)), "r": float(events.group(2)), "f1": float(events.group(3))}
for key, label in (("host", "host"), ("status", "status"), ("place", "location"), ("date", "date")):
    found = re.search(rf"^matched events: {label} correct (\d+)/(\d+)", python, re.M)
    reference[key] = tuple(int(x) for x in found.groups()) if found else None
disagree = [k for k in reference if reference[k] != mine[k]]
if disagree:
    print("FAIL: eval-events and score_news.py disagree on " + ", ".join(f"{k} ({mine[k]} vs {reference[k]})" for k in disagree)); sys.exit(1)
print(f"  score_news.py agrees: P {reference['p']:.3f} R {reference['r']:.3f} F1 {reference['f1']:.3f}, host/status/place/date counts equal")

share = lambda pair: pair[0] / pair[1] if pair[1] else 1.0
calibration = re.search(r"^expected calibration error: ([0-9.]+)", learned, re.M)
if not calibration:
    print("FAIL: no calibration error in the learned report"); sys.exit(1)
runs = [mine, summary(seeds, "seed 2", "2"), summary(seeds, "seed 3", "3")]
mean = lambda value: sum(value(run) for run in runs) / len(runs)
print("  event F1 by seed: " + ", ".join(f"{run['f1']:.3f}" for run in runs))
checks = [("event F1, mean of 3 seeds", mean(lambda run: run["f1"]), 0.66),
          ("host, mean of 3 seeds", mean(lambda run: share(run["host"])), 0.65),
          ("status, mean of 3 seeds", mean(lambda run: share(run["status"])), 0.69),
          ("place, mean of 3 seeds", mean(lambda run: share(run["place"])), 0.69),
          ("date, mean of 3 seeds", mean(lambda run: share(run["date"])), 0.65),
          ("learned (mean of 3 seeds) over rules (F1 points)", mean(lambda run: run["f1"]) - baseline["f1"], 0.10),
          ("1 - expected calibration error (seed 1)", 1 - float(calibration.group(1)), 0.91)]
for name, value, floor in checks:
    print(f"  {name}: {value:.3f} (floor {floor:.2f})")
failed = [f"{name} {value:.3f} < {floor:.2f}" for name, value, floor in checks if value < floor]
if failed:
    print("FAIL: " + "; ".join(failed)); sys.exit(1)
print("events-cv gate: all floors hold")
PY
echo "events-cv: $((SECONDS - started)) s"
