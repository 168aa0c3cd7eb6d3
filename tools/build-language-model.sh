#!/usr/bin/env bash
# Rebuilds src/NewsNer/Resources/lang/trigrams.tsv.gz from Debian's manual pages (installs them first), and writes the
# held-out paragraphs to the folder given (default: a temporary one) for `newsner eval-language --heldout`.
#   tools/build-language-model.sh [HELDOUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
packages="manpages manpages-fr manpages-de manpages-es manpages-it manpages-nl manpages-pt-br manpages-pl manpages-ro manpages-sv manpages-da manpages-cs manpages-ru manpages-uk"
missing=$(for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [[ -n "$missing" ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq $missing >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq $missing >/dev/null; }
fi
heldout="${1:-$(mktemp -d)}"
python3 tools/build-language-model.py --heldout "$heldout"
echo "held-out paragraphs: $heldout"
