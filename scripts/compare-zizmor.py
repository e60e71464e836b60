#!/usr/bin/env python3
"""Compare pipeguard's security pack with zizmor on the audits both have.

Runs both tools over every repository of a corpus (default ../shared/corpus/repos, each folder a
repository root) or over the folders given, matches findings audit by audit, applies the verdicts
of scripts/zizmor-verdicts.yml to every disagreement, prints the figures and writes
docs/comparison-zizmor.md.

    scripts/compare-zizmor.py                       # build the jar first (see --jar)
    scripts/compare-zizmor.py --reuse               # reuse the tools' outputs cached in --work
    scripts/compare-zizmor.py DIR...                # only these repositories

Matching. Both tools' findings are reduced to the files pipeguard reads (workflows, the composite
actions under .github/actions and the local actions they use: `pipeguard inspect` lists them); a
file zizmor cannot load is left out for both. Per audit:
  unpinned-uses, template-injection, excessive-permissions, hardcoded-credential: the same file and
    our line inside zizmor's primary region (a line for these audits; on one line the same
    expression is paired first);
  checkout-credentials-persisted <-> artipacked: our checkout `uses:` line inside zizmor's step;
  secrets-inherit: per job (we point at `secrets: inherit`, zizmor at `uses:`);
  untrusted-checkout <-> dangerous-triggers: per workflow (zizmor flags the trigger, we flag the
    checkout of the pull request's code in a privileged workflow; one unit a workflow).
zizmor runs with --offline --no-ignores (the corpus's own `zizmor: ignore` comments would hide
findings pipeguard cannot see the reasons for) and its default persona (regular).

Verdicts. Every disagreement gets a verdict from scripts/zizmor-verdicts.yml: first a per-finding
entry keyed "repo/file:line:audit", else the first matching class rule. A disagreement no entry
covers is "unclassified" and is counted against us (as a miss or a false alarm) in the target.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "repos"

# Our audit -> zizmor audits it is compared with, and how findings are matched.
AUDITS = {
    "unpinned-uses": (["unpinned-uses", "unpinned-images"], "region"),
    "template-injection": (["template-injection"], "region"),
    "excessive-permissions": (["excessive-permissions"], "region"),
    "untrusted-checkout": (["dangerous-triggers"], "workflow"),
    "secrets-inherit": (["secrets-inherit"], "job"),
    "checkout-credentials-persisted": (["artipacked"], "region"),
    "hardcoded-credential": (["hardcoded-container-credentials"], "region"),
}
OURS_ALSO = {"default-permissions-write": "excessive-permissions"}
MISTAKES = {"only-theirs": "miss", "only-ours": "false-alarm"}


# ---------------------------------------------------------------- running the tools

def run_zizmor(repo: Path, out: Path):
    """zizmor's findings for one repository; a repository it refuses whole is audited file by file."""
    cmd = ["zizmor", "--offline", "--no-ignores", "--format", "json", "--no-progress"]
    p = subprocess.run(cmd + [str(repo)], capture_output=True, text=True)  # exit codes 11-14: findings
    failed = []
    if p.stdout.strip():
        findings = json.loads(p.stdout)
    else:
        findings = []
        files = sorted((repo / ".github" / "workflows").glob("*.y*ml")) + sorted(repo.glob("**/action.y*ml"))
        for f in files:
            q = subprocess.run(cmd + [str(f)], capture_output=True, text=True)
            if q.stdout.strip():
                findings += json.loads(q.stdout)
            else:
                failed.append(str(f.relative_to(repo)))
    out.write_text(json.dumps({"findings": findings, "failed": failed}))


def run_pipeguard(repo: Path, jar: str, out: Path, files_out: Path):
    subprocess.run(["java", "-jar", jar, "check", str(repo), "--no-sarif", "--packs", "security",
                    "--format", "json=" + str(out), "--fail-on", "never"],
                   capture_output=True, text=True, check=True)
    p = subprocess.run(["java", "-jar", jar, "inspect", str(repo)], capture_output=True, text=True)  # 1: input errors
    model = json.loads(p.stdout)
    files_out.write_text(json.dumps([w["path"] for w in model["workflows"]] + [a["path"] for a in model["actions"]]))


# ---------------------------------------------------------------- YAML structure (jobs, steps)

class Structure:
    """Line ranges of a file's jobs and steps (1-based, inclusive), from PyYAML's node marks."""

    def __init__(self, path: Path):
        self.text = path.read_text(errors="replace") if path.exists() else ""
        self.jobs = []  # (id, first line, last line)
        try:
            node = yaml.compose(self.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except Exception:
            node = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == "jobs" and isinstance(v, yaml.MappingNode):
                    for jk, jv in v.value:
                        self.jobs.append((jk.value, jk.start_mark.line + 1, jv.end_mark.line + 1))

    def job_at(self, line):
        best = None
        for j, a, b in self.jobs:
            if a <= line <= b:
                best = j
        return best

    def job_text(self, job):
        lines = self.text.split("\n")
        for j, a, b in self.jobs:
            if j == job:
                return "\n".join(lines[a - 1:b])
        return self.text

    def line(self, n):
        lines = self.text.split("\n")
        return lines[n - 1] if 0 < n <= len(lines) else ""


# ---------------------------------------------------------------- normalising findings

def zizmor_finding(repo: Path, x):
    prim = [l for l in x["locations"] if l["symbolic"]["kind"] == "Primary"][0]
    path = Path(prim["symbolic"]["key"]["Local"]["verbatim_path"])
    rel = str(path.relative_to(repo)) if path.is_absolute() else str(path)
    conc = prim["concrete"]["location"]
    route = [next(iter(r.values())) for r in prim["symbolic"]["route"]["route"]]
    fk = prim["symbolic"]["feature_kind"]
    detail = prim["concrete"]["feature"]
    if isinstance(fk, dict) and "Subfeature" in fk:
        detail = next(iter(fk["Subfeature"]["fragment"].values()))
    return {
        "tool": "zizmor", "audit": x["ident"], "file": rel,
        "line": conc["start_point"]["row"] + 1, "end": conc["end_point"]["row"] + 1,
        "job": route[1] if len(route) > 1 and route[0] == "jobs" else None,
        "detail": detail.strip(), "annotation": prim["symbolic"]["annotation"],
        "confidence": x["determinations"]["confidence"], "severity": x["determinations"]["severity"],
    }


def our_finding(x):
    loc = x["location"]
    return {"tool": "pipeguard", "audit": OURS_ALSO.get(x["ruleId"], x["ruleId"]), "rule": x["ruleId"],
            "file": loc["file"], "line": loc["start"]["line"], "end": loc["end"]["line"],
            "job": None, "detail": x["message"], "annotation": x["message"], "severity": x["severity"]}


# ---------------------------------------------------------------- matching

def match(ours, theirs, mode, structure):
    """(agreed pairs, only ours, only theirs) for one audit of one file."""
    agreed, left = [], list(ours)
    if mode == "region":
        # Same line first, then the narrowest zizmor region holding our line: a workflow-wide
        # region ("no permissions: block") must not take a finding a one-line region points at.
        # Last, for an expression: the same context within a few lines, because zizmor 1.33.1 places
        # some expressions of a block scalar a few lines off (it finds the fragment's first occurrence).
        # Before all, the same expression on the same line, so that another context of that line
        # (zizmor's env.X beside our inputs.Y) cannot take our finding.
        unmatched = list(theirs)
        for rule in ("expression", "line", "region", "nearby"):
            for t in sorted(unmatched, key=lambda t: (t["end"] - t["line"], t["line"])):
                cands = [o for o in left if (o["line"] == t["line"] and len(t["detail"]) > 3
                                             and ("{{ " + t["detail"]) in o["detail"] if rule == "expression"
                                             else o["line"] == t["line"] if rule == "line"
                                             else t["line"] <= o["line"] <= t["end"] if rule == "region"
                                             else abs(o["line"] - t["line"]) <= 10 and len(t["detail"]) > 3
                                             and ("{{ " + t["detail"] + " }}") in o["detail"])]
                if cands:
                    o = min(cands, key=lambda o: abs(o["line"] - t["line"]))
                    left.remove(o)
                    unmatched.remove(t)
                    agreed.append((o, t))
        return agreed, left, unmatched
    key = (lambda f: f["job"]) if mode == "job" else (lambda f: "")
    ok, tk = defaultdict(list), defaultdict(list)
    for o in ours:
        ok[key(o)].append(o)
    for t in theirs:
        tk[key(t)].append(t)
    only_o, only_t = [], []
    for k in set(ok) | set(tk):
        if ok[k] and tk[k]:
            agreed.append((ok[k][0], tk[k][0]))
        elif ok[k]:
            only_o.append(ok[k][0])
        else:
            only_t.append(tk[k][0])
    return agreed, only_o, only_t


# ---------------------------------------------------------------- verdicts

PR_CODE = re.compile(r"head\.sha|head\.ref|head_sha|head_branch|refs/pull|gh pr checkout|merge_commit_sha|"
                     r"github\.head_ref|pull_requests\[|head\.repo\.full_name")
UPLOAD_OR_PUSH = re.compile(r"upload-artifact|git\s+push")
# An upload that can contain .git (the workspace itself, or hidden files), or a push. The path is
# read only in an upload-artifact step: `path: .` of a download only says where files land.
UPLOAD_HOLDS_GIT = re.compile(r"^\s*(-\s*)?(path:\s*[\"']?(\.|\./|\*|\*\*\S*|\$\{\{\s*github\.workspace\s*}}/?)[\"']?\s*$"
                              r"|include-hidden-files:\s*true)", re.M)
STEP_START = re.compile(r"^\s*-\s+(?=\S)", re.M)


def token_leaves(text):
    if re.search(r"git\s+push|stefanzweifel/git-auto-commit-action", text):
        return True
    starts = [m.start() for m in STEP_START.finditer(text)] + [len(text)]
    return any("upload-artifact" in text[a:b] and UPLOAD_HOLDS_GIT.search(text[a:b])
               for a, b in zip(starts, starts[1:]))


def predicates(f, structure):
    """Facts a class rule can test, computed from the source."""
    job = f["job"] or structure.job_at(f["line"])
    text = structure.job_text(job) if job else structure.text
    return {
        "no-pr-code-checked-out": not PR_CODE.search(structure.text),
        "job-neither-uploads-nor-pushes": not UPLOAD_OR_PUSH.search(text),
        "token-cannot-leave-job": not token_leaves(text),
        "job-uploads-or-pushes": bool(UPLOAD_OR_PUSH.search(text)),
        "no-workflow-call": not f["file"].endswith(("action.yml", "action.yaml"))
        and not re.search(r"^\s*workflow_call\s*:", structure.text, re.M),
    }


def verdict_for(repo, f, side, structure, verdicts):
    key = f"{repo}/{f['file']}:{f['line']}:{f['audit']}"
    if key in verdicts.get("findings", {}):
        v = verdicts["findings"][key]
        return v["verdict"], v["reason"]
    facts = None
    for rule in verdicts.get("classes", []):
        if rule["audit"] != f["audit"] or rule["side"] != side:
            continue
        when = rule.get("when", {})
        if "detail" in when and not re.search(when["detail"], f["detail"]):
            continue
        if "annotation" in when and not re.search(when["annotation"], f["annotation"]):
            continue
        if "line" in when and not re.search(when["line"], structure.line(f["line"])):
            continue
        if "file" in when and not re.search(when["file"], f["file"]):
            continue
        if "fact" in when:
            facts = facts or predicates(f, structure)
            if not facts[when["fact"]]:
                continue
        return rule["verdict"], rule["reason"]
    return "unclassified", ""


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("repos", nargs="*", type=Path)
    ap.add_argument("--jar", default="/tmp/pg-zizmor/pipeguard.jar")
    ap.add_argument("--work", type=Path, default=Path("/tmp/compare-zizmor"))
    ap.add_argument("--reuse", action="store_true", help="reuse zizmor's outputs cached in --work")
    ap.add_argument("--reuse-ours", action="store_true", help="reuse pipeguard's outputs too")
    ap.add_argument("--verdicts", type=Path, default=ROOT / "scripts" / "zizmor-verdicts.yml")
    ap.add_argument("--doc", type=Path, default=ROOT / "docs" / "comparison-zizmor.md")
    ap.add_argument("--sample", type=int, default=6, help="disagreements shown per audit and verdict")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    repos = args.repos or sorted(p for p in DEFAULT_CORPUS.iterdir() if p.is_dir())
    args.work.mkdir(parents=True, exist_ok=True)

    def run(repo):
        z, o, fl = (args.work / f"{repo.name}.{s}.json" for s in ("zizmor", "pipeguard", "files"))
        if not (args.reuse and z.exists()):
            run_zizmor(repo, z)
        if not ((args.reuse_ours) and o.exists() and fl.exists()):
            run_pipeguard(repo, args.jar, o, fl)
        return repo

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(run, repos))

    verdicts = yaml.safe_load(args.verdicts.read_text()) if args.verdicts.exists() else {}
    counts = defaultdict(Counter)
    rows = defaultdict(list)  # audit -> (side, verdict, reason, repo, finding)
    agreed_samples = defaultdict(list)
    skipped = []
    for repo in repos:
        zz = json.loads((args.work / f"{repo.name}.zizmor.json").read_text())
        ours_json = json.loads((args.work / f"{repo.name}.pipeguard.json").read_text())
        read = set(json.loads((args.work / f"{repo.name}.files.json").read_text())) - set(zz["failed"])
        skipped += [f"{repo.name}/{f}" for f in zz["failed"]]
        zmap = {z: a for a, (zs, _) in AUDITS.items() for z in zs}
        theirs = [zizmor_finding(repo, x) for x in zz["findings"] if x["ident"] in zmap]
        for t in theirs:
            t["audit"], t["zizmor"] = zmap[t["audit"]], t["audit"]
        ours = [our_finding(x) for x in ours_json["findings"]
                if OURS_ALSO.get(x["ruleId"], x["ruleId"]) in AUDITS]
        structures = {}
        by = defaultdict(lambda: ([], []))
        for f in ours + theirs:
            if f["file"] not in read:
                continue
            if f["file"] not in structures:
                structures[f["file"]] = Structure(repo / f["file"])
            s = structures[f["file"]]
            f["job"] = f["job"] or s.job_at(f["line"])
            by[(f["audit"], f["file"])][0 if f["tool"] == "pipeguard" else 1].append(f)
        for (audit, file), (o, t) in sorted(by.items()):
            agreed, only_o, only_t = match(o, t, AUDITS[audit][1], structures[file])
            c = counts[audit]
            c["ours"] += len(agreed) + len(only_o)
            c["theirs"] += len(agreed) + len(only_t)
            c["agreed"] += len(agreed)
            c["only-ours"] += len(only_o)
            c["only-theirs"] += len(only_t)
            for a in agreed:
                agreed_samples[audit].append((repo.name, a))
            for side, fs in (("only-ours", only_o), ("only-theirs", only_t)):
                for f in fs:
                    v, reason = verdict_for(repo.name, f, side, structures[file], verdicts)
                    if v in ("unclassified",):
                        v_count = MISTAKES[side]
                        c[f"{side}:unclassified"] += 1
                    else:
                        v_count = v
                    c[f"{side}:{v_count}"] += 1
                    rows[audit].append((side, v, reason, repo.name, f))

    (args.work / "disagreements.json").write_text(json.dumps(
        [{"audit": a, "side": s, "verdict": v, "reason": r, "repo": repo, **f}
         for a, rs in rows.items() for s, v, r, repo, f in rs], indent=1))
    report(counts, rows, agreed_samples, skipped, args)


def fmt(f):
    return f"{f['file']}:{f['line']}"


def pct(n, d):
    return f"{100.0 * n / d:.1f}%" if d else "n/a"


def report(counts, rows, agreed_samples, skipped, args):
    lines = []
    table = ["| audit (ours ↔ zizmor) | ours | zizmor | agreed | only ours | only zizmor | our misses | our false alarms | misses/agreed | false alarms/agreed |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for audit, (zs, mode) in AUDITS.items():
        c = counts[audit]
        misses, fas = c["only-theirs:miss"], c["only-ours:false-alarm"]
        table.append(f"| {audit} ↔ {', '.join(zs)} | {c['ours']} | {c['theirs']} | {c['agreed']} | {c['only-ours']} | "
                     f"{c['only-theirs']} | {misses} | {fas} | {pct(misses, c['agreed'])} | {pct(fas, c['agreed'])} |")
    print("\n".join(table))
    for audit in AUDITS:
        c = counts[audit]
        by = Counter((s, v) for s, v, *_ in rows[audit])
        if by:
            print(f"  {audit}: " + ", ".join(f"{s} {v} {n}" for (s, v), n in sorted(by.items())))
    lines += ["# pipeguard and zizmor on the shared corpus", "",
              "Generated by `scripts/compare-zizmor.py` (rerun it; verdicts live in `scripts/zizmor-verdicts.yml`). "
              f"zizmor {zizmor_version()} runs with `--offline --no-ignores` and its default (regular) persona; "
              "pipeguard runs its `security` pack without a settings snapshot. Only the files pipeguard reads "
              "(workflows, `.github/actions/**` and the local actions they use) count, minus files zizmor cannot load.",
              "",
              "*Our misses* are zizmor-only findings judged our mistakes; *our false alarms* pipeguard-only findings "
              "judged ours to be wrong. A disagreement without a verdict counts as our mistake. The target is under "
              "5% of the agreed findings for each.", "", *table, ""]
    if skipped:
        lines += ["Files zizmor 1.33.1 refuses to load (left out for both tools): " + ", ".join(f"`{s}`" for s in skipped), ""]
    lines += ["## How findings are matched", "",
              "- **unpinned-uses ↔ unpinned-uses + unpinned-images**, **template-injection**, **excessive-permissions**, "
              "**hardcoded-credential ↔ hardcoded-container-credentials**: same file, our line inside zizmor's primary region "
              "(for template-injection, the line of the expression; several on a line are paired one to one, the same expression first).",
              "- **checkout-credentials-persisted ↔ artipacked**: our checkout `uses:` line inside the step zizmor points at.",
              "- **secrets-inherit**: per job; we point at `secrets: inherit`, zizmor at the job's `uses:`.",
              "- **untrusted-checkout ↔ dangerous-triggers**: per workflow. zizmor flags a `pull_request_target`, "
              "`workflow_run` or `issue_comment` trigger whatever the workflow does; we flag the checkout of the pull "
              "request's code in such a workflow. zizmor has no audit of that checkout itself, so this is the closest "
              "fair unit: one workflow, flagged by each or not.",
              "- **default-permissions-write** is counted with excessive-permissions (zizmor folds both into one audit).", ""]
    lines += ["## Disagreements by verdict", "",
              "Verdicts: `miss` (zizmor is right, we are silent), `false-alarm` (we are wrong), `theirs` (zizmor is wrong), "
              "`scope` (a deliberate difference in what the audit covers), `unclassified` (no verdict yet; counted as ours).", ""]
    for audit in AUDITS:
        c = counts[audit]
        lines += [f"### {audit}", "",
                  f"ours {c['ours']}, zizmor {c['theirs']}, agreed {c['agreed']}, only ours {c['only-ours']}, "
                  f"only zizmor {c['only-theirs']}.", ""]
        if agreed_samples[audit]:
            lines.append("Agreed, e.g.: " + "; ".join(f"`{r}/{fmt(o)}`" for r, (o, t) in agreed_samples[audit][:3]) + ".")
            lines.append("")
        groups = defaultdict(list)
        for side, v, reason, repo, f in rows[audit]:
            groups[(side, v, reason)].append((repo, f))
        for (side, v, reason), fs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], -len(kv[1]))):
            lines.append(f"- **{side}, {v}** ({len(fs)}): {reason or 'no verdict yet'}")
            for repo, f in fs[:args.sample]:
                d = f["detail"].replace("\n", " ").replace("|", "\\|")
                lines.append(f"  - `{repo}/{fmt(f)}` {d[:110]}")
        lines.append("")
    notes = (yaml.safe_load(args.verdicts.read_text()) or {}).get("notes") if args.verdicts.exists() else None
    if notes:
        lines += ["## Where we stand", "", notes.strip(), ""]
    args.doc.write_text("\n".join(lines))
    print(f"wrote {args.doc}")


def zizmor_version():
    return subprocess.run(["zizmor", "--version"], capture_output=True, text=True).stdout.split()[-1]


if __name__ == "__main__":
    sys.exit(main())
