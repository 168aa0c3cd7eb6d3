#!/usr/bin/env bash
# Gate (issue 4): entity linking and meeting events on the dev articles, end to end (`newsner eval-news`: extract with
# the default pipeline, then ../shared/tools/score_news.py). Floors: entity F1 >= 0.85, event F1 >= 0.80, and among
# matched events host correct >= 80 % and status correct >= 80 %. Prints the scorer's full report; fails below a floor.
set -euo pipefail
report="$GATE_TMP/events-dev.txt"
$NEWSNER eval-news --out "$GATE_TMP/events-dev" | tee "$report"
python3 - "$report" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
def number(pattern):
    found = re.search(pattern, text, re.M)
    if not found:
        print(f"FAIL: no '{pattern}' in the scorer's report"); sys.exit(1)
    return found.groups()
entity_f1, event_f1 = (float(x) for x in number(r"^entity F1 ([0-9.]+) event F1 ([0-9.]+)$"))
host_ok, host_all = (int(x) for x in number(r"^matched events: host correct (\d+)/(\d+)$"))
status_ok, status_all = (int(x) for x in number(r"^matched events: status correct (\d+)/(\d+)$"))
checks = [
    ("entity F1", entity_f1, 0.85),
    ("event F1", event_f1, 0.80),
    ("host correct", host_ok / host_all if host_all else 1.0, 0.80),
    ("status correct", status_ok / status_all if status_all else 1.0, 0.80),
]
failed = [f"{name} {value:.3f} < {floor:.2f}" for name, value, floor in checks if value < floor]
for name, value, floor in checks:
    print(f"  {name}: {value:.3f} (floor {floor:.2f})")
if failed:
    print("FAIL: " + "; ".join(failed)); sys.exit(1)
print("events-dev gate: all floors hold")
PY
