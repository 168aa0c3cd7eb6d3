#!/usr/bin/env bash
# The package as users get it: packs NewsNer from a clone whose origin is the repository URL (so SourceLink is real),
# checks the package's contents, determinism, then builds tests/PackageConsumer against a local folder feed (not a
# project reference) and runs it on the sample article.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

repo_url=$(sed -n 's:.*<RepositoryUrl>\(.*\)</RepositoryUrl>.*:\1:p' Directory.Build.props | head -1)
version="0.0.0-ci.$(date +%Y%m%d%H%M%S)"   # unique: never served from a stale package cache
if [[ -n "$(git -C "$root" status --porcelain)" ]]; then
  echo "note: uncommitted changes are not in the package: it is packed from the committed HEAD"
fi
git clone -q "$root" "$work/src"
git -C "$work/src" remote set-url origin "$repo_url.git"

echo "== pack NewsNer $version (SourceLink on, CI build)"
(cd "$work/src" && CI=true dotnet pack src/NewsNer -c Release -warnaserror -p:EnableSourceLink=true -p:Version="$version" -o "$work/feed" --nologo -v q)
nupkg="$work/feed/NewsNer.$version.nupkg"
snupkg="$work/feed/NewsNer.$version.snupkg"
[[ -f "$nupkg" && -f "$snupkg" ]] || { echo "FAIL: .nupkg or .snupkg missing"; ls "$work/feed"; exit 1; }

echo "== package contents"
mkdir -p "$work/nupkg" "$work/snupkg"
(cd "$work/nupkg" && unzip -q "$nupkg") && (cd "$work/snupkg" && unzip -q "$snupkg")
for f in lib/net10.0/NewsNer.dll lib/net10.0/NewsNer.xml README.md NOTICE; do
  [[ -f "$work/nupkg/$f" ]] || { echo "FAIL: $f missing from the package"; exit 1; }
done
grep -q '<license type="expression">MIT</license>' "$work/nupkg/NewsNer.nuspec" || { echo "FAIL: no licence expression"; exit 1; }
grep -q '<readme>README.md</readme>' "$work/nupkg/NewsNer.nuspec" || { echo "FAIL: no package readme"; exit 1; }
grep -q "<repository type=\"git\" url=\"$repo_url" "$work/nupkg/NewsNer.nuspec" || { echo "FAIL: no repository url/commit"; exit 1; }
grep -aq "raw.githubusercontent.com" "$work/snupkg/lib/net10.0/NewsNer.pdb" || { echo "FAIL: no SourceLink in the PDB"; exit 1; }
echo "ok: dll, xml docs, README, NOTICE, MIT expression, repository commit, snupkg with SourceLink"

echo "== deterministic build"
(cd "$work/src" && CI=true dotnet build src/NewsNer -c Release -warnaserror -p:EnableSourceLink=true -p:Version="$version" -o "$work/rebuild" --no-incremental --nologo -v q)
cmp "$work/nupkg/lib/net10.0/NewsNer.dll" "$work/rebuild/NewsNer.dll" || { echo "FAIL: rebuilding gives a different NewsNer.dll"; exit 1; }
echo "ok: rebuild is byte-identical"

echo "== consumer restores NewsNer $version from the folder feed"
dotnet run --project tests/PackageConsumer -c Release -p:NewsNerVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed" \
  -- "$root/samples/al-chaar-poutine.fr.txt"
