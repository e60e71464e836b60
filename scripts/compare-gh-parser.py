#!/usr/bin/env python3
"""Compares pipeguard's loader with GitHub's own workflow parser over the shared corpus.

Lists the workflow files where GitHub reports errors and pipeguard does not, and the reverse,
with the first message of each side. Action files (action.yml) are left out: GitHub's workflow
parser does not read them.

  scripts/compare-gh-parser.py                    # build, run both sides, print the report
  scripts/compare-gh-parser.py --gh-cache F.json  # reuse (or write) GitHub's results
  scripts/compare-gh-parser.py --ours F.tsv       # reuse a ParseCorpusMain output

Needs the peers installed by ../shared/tools/setup-peers.sh (@actions/workflow-parser in
/tmp/peers); scripts/gh-errors.mjs is copied there to read its errors after template conversion.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.normpath(os.path.join(PROJECT, "..", "shared", "corpus"))
PEERS = "/tmp/peers"


def ours(tsv):
    """path -> (count, first problem) from ParseCorpusMain, built and run unless a TSV is given."""
    if tsv:
        text = open(tsv, encoding="utf-8").read()
    else:
        mvn = [os.path.join(PROJECT, "mvnw"), "-q", "-B"]
        subprocess.run(mvn + ["test-compile"], cwd=PROJECT, check=True)
        cp_file = os.path.join(PROJECT, "target", "compare-classpath.txt")
        subprocess.run(mvn + ["dependency:build-classpath", "-Dmdep.outputFile=" + cp_file], cwd=PROJECT, check=True)
        cp = ":".join([os.path.join(PROJECT, "target", "classes"), os.path.join(PROJECT, "target", "test-classes"),
                       open(cp_file).read().strip()])
        text = subprocess.run(["java", "-cp", cp, "dev.pipeguard.load.ParseCorpusMain", CORPUS],
                              cwd=PROJECT, check=True, capture_output=True, text=True).stdout
    out = {}
    for line in text.splitlines():
        path, count, first = (line.split("\t") + ["", ""])[:3]
        out[path] = (int(count), first)
    return out


def gh_batch(files):
    """Runs GitHub's parser on some files; a batch that hangs or crashes is retried file by file."""
    try:
        r = subprocess.run(["node", os.path.join(PEERS, "pipeguard-gh-errors.mjs")] + files, cwd=PEERS,
                           capture_output=True, text=True, timeout=120)
        return json.loads(r.stdout)
    except (subprocess.TimeoutExpired, json.JSONDecodeError):
        if len(files) == 1:
            return {files[0]: {"crash": "GitHub's parser timed out or crashed"}}
        result = {}
        for f in files:
            result.update(gh_batch([f]))
        return result


def github(paths, cache):
    """relative path -> list of GitHub error messages (file name prefix removed)."""
    if cache and os.path.exists(cache):
        return json.load(open(cache, encoding="utf-8"))
    shutil.copy(os.path.join(PROJECT, "scripts", "gh-errors.mjs"), os.path.join(PEERS, "pipeguard-gh-errors.mjs"))
    files = [os.path.join(CORPUS, p) for p in paths]
    batches = [files[i:i + 100] for i in range(0, len(files), 100)]
    raw = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
        for part in pool.map(gh_batch, batches):
            raw.update(part)
    out = {}
    for f, r in raw.items():
        rel = os.path.relpath(f, CORPUS)
        errors = r.get("errors", [r["crash"]] if "crash" in r else [])
        out[rel] = [e.replace(f, "").lstrip(": ").split("\n")[0] for e in errors]
    if cache:
        json.dump(out, open(cache, "w", encoding="utf-8"), indent=1, sort_keys=True)
    return out


def same_line(ours_first, gh_errors):
    """True when our first problem's line is one GitHub reports (its YAML errors say 'at line N')."""
    m = re.search(r":(\d+):\d+-\d+:\d+: ", ours_first)
    lines = set()
    for e in gh_errors:
        lines.update(int(n) for n in re.findall(r"(?:Line: |at line )(\d+)", e))
    return bool(m) and int(m.group(1)) in lines


def kind(message):
    """A short class for a message, to count disagreements by cause."""
    m = re.sub(r"\(Line: \d+, Col: \d+\):? ?", "", message)
    m = re.sub(r"'[^']*'", "'…'", m)
    m = re.sub(r"at line \d+, column \d+.*", "", m)
    m = re.sub(r"^[^ ]+:\d+:\d+-\d+:\d+: ", "", m)
    return m.strip()[:90]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ours", help="ParseCorpusMain output to reuse")
    ap.add_argument("--gh-cache", help="JSON file to read GitHub's results from, or write them to")
    ap.add_argument("--list", action="store_true", help="list every disagreeing file, not only counts")
    args = ap.parse_args()

    mine = {p: v for p, v in ours(args.ours).items() if os.path.basename(p) not in ("action.yml", "action.yaml")}
    gh = github(sorted(mine), args.gh_cache)
    both, gh_only, ours_only = [], [], []
    for path in sorted(mine):
        g = gh.get(path, [])
        o = mine[path][0] > 0
        if g and o:
            both.append(path)
        elif g:
            gh_only.append(path)
        elif o:
            ours_only.append(path)
    print(f"workflow files: {len(mine)}")
    print(f"GitHub reports errors: {sum(1 for p in mine if gh.get(p))}")
    print(f"pipeguard reports problems: {sum(1 for p in mine if mine[p][0] > 0)}")
    print(f"both: {len(both)}   GitHub only: {len(gh_only)}   pipeguard only: {len(ours_only)}")
    far = [p for p in both if not same_line(mine[p][1], gh[p])]
    print(f"both, and our first problem is on a line GitHub also reports: {len(both) - len(far)}"
          f" (elsewhere: {len(far)})")
    if args.list:
        for p in far:
            print(f"   {p}\n      ours:   {mine[p][1][:160]}\n      GitHub: {gh[p][0][:160]}")
    for title, files, first in (("GitHub only", gh_only, lambda p: gh[p][0]),
                                ("pipeguard only", ours_only, lambda p: mine[p][1])):
        print(f"\n== {title}: {len(files)} files, by first message")
        for k, n in collections.Counter(kind(first(p)) for p in files).most_common():
            print(f"{n:5}  {k}")
        if args.list:
            for p in files:
                print(f"   {p}\n      {first(p)[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
