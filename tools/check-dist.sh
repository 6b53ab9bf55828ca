#!/usr/bin/env bash
# tox -e dist: what a release would upload, checked as a user would install it.
#
# Builds the sdist and wheel of csp-core and of every plugin under plugins/ (python -m build:
# each wheel from its sdist), checks them with `twine check --strict`, checks that each wheel
# ships its compiled message catalogues (.mo, made by its hatch_build.py), then installs
# "csp-core[all]" from those wheels into a fresh virtual environment (third-party
# dependencies from the index), checks that pip took every csp-* distribution from the built
# wheels and nothing of those names from an index, and runs `csp --version`,
# `csp plugins --format json` and `csp build` of the Cambridge example there.
# Needs `python` with build and twine (tox's deps). Everything goes to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dist=$work/dist

sources=(. plugins/*/)
for source in "${sources[@]}"; do
    python -m build --quiet --outdir "$dist" "$source" >"$work/build.log" 2>&1 || {
        cat "$work/build.log"
        echo "check-dist: python -m build $source failed" >&2
        exit 1
    }
done
twine check --strict "$dist"/*

# Each wheel holds a .mo next to each .po of its source tree.
python - "$dist" <<'EOF'
import sys
import zipfile
from pathlib import Path

dist = Path(sys.argv[1])
wheels = sorted(dist.glob("*.whl"))
sdists = sorted(dist.glob("*.tar.gz"))
assert len(wheels) == len(sdists) >= 4, (wheels, sdists)
for wheel in wheels:
    names = zipfile.ZipFile(wheel).namelist()
    package = wheel.name.split("-")[0]
    catalogues = sorted(n for n in names if n.startswith(f"{package}/locale/") and n.endswith(".mo"))
    languages = {n.split("/")[2] for n in catalogues}
    assert languages >= {"cy", "en_GB"}, f"{wheel.name}: catalogues {catalogues}"
    print(f"{wheel.name}: {len(names)} files, catalogues {', '.join(catalogues)}")
EOF

python -m venv "$work/venv"
core=("$dist"/csp_core-*.whl)
"$work/venv/bin/python" -m pip install --quiet --report "$work/report.json" \
    --find-links "$dist" "${core[0]}[all]"

# Every csp-* distribution came from the built wheels: none of those names from an index.
"$work/venv/bin/python" - "$work/report.json" "$dist" <<'EOF'
import json
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

report = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
dist = Path(sys.argv[2]).resolve()
ours = {}
for item in report["install"]:
    name = item["metadata"]["name"]
    if name.startswith("csp-"):
        source = Path(unquote(urlparse(item["download_info"]["url"]).path)).resolve()
        assert source.parent == dist, f"{name} came from {item['download_info']['url']}"
        ours[name] = item["metadata"]["version"]
expected = {path.name.split("-")[0].replace("_", "-") for path in dist.glob("*.whl")}
assert set(ours) == expected, (ours, expected)
print("installed from the built wheels:", ", ".join(f"{n} {v}" for n, v in sorted(ours.items())))
EOF

cd "$work"
csp=$work/venv/bin/csp
"$csp" --version
"$csp" plugins --format json >"$work/plugins.json"
"$work/venv/bin/python" - "$work/plugins.json" <<'EOF'
import json
import sys

with open(sys.argv[1], encoding="utf-8") as handle:
    plugins = json.load(handle)["plugins"]
names = [plugin["name"] for plugin in plugins]
assert names == sorted(names) and {"ical", "rss", "html", "opendata"} <= set(names), names
EOF
"$csp" build "$root/examples/cambridge" --out "$work/out" --at 2019-10-01T09:00 >"$work/made.log" || {
    cat "$work/made.log"
    exit 1
}
for made in calendar.ics feeds/rss.xml index.html opendata/popolo.json; do
    test -s "$work/out/$made" || {
        echo "check-dist: csp build made no $made" >&2
        exit 1
    }
done
"$csp" check "$work/out"
echo "check-dist: $(ls "$dist" | wc -l) files built, checked, installed and run"
