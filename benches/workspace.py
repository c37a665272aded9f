#!/usr/bin/env python3
"""The workspace benchmark (benches/README.md, "Workspaces"): a workspace of
M members x K KPIs on one ledger against one plan of the same M*K KPIs
(`examples/gen.rs --members M`), each command a whole process, the median
of `--runs` runs (bench.py's `measure`). Run by benches/workspace.sh.

Times `kpi status --all --format json` and `kpi check --all` in the
workspace, and `kpi status --format json` and `kpi check` on the plan, with
the plan cache (a fresh one, warmed by a first run) and without it
(KPI_CACHE=off). A member's plan is far below the cache's size floor, so
the workspace reads its members' TOML either way. Writes a markdown table
to stdout and, with --output, between the `<!-- workspace:start -->` and
`<!-- workspace:end -->` markers of BENCHMARKS.md.
"""
import argparse
import os
import platform
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import fmt_time, measure  # noqa: E402

LIMIT = 1.5


def works(argv, cwd, env):
    """True when the command runs in the workspace (exit 0, or 1 for check's verdict)."""
    r = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return r.returncode in (0, 1), r.stderr.strip().splitlines()[:1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kpi", required=True)
    p.add_argument("--data", required=True, help="gen --members output: plan/ and workspace/")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--label", default="")
    p.add_argument("--output")
    p.add_argument("--before", help="an older kpi binary whose workspace commands are timed beside")
    a = p.parse_args()
    plan = os.path.join(a.data, "plan")
    ws = os.path.join(a.data, "workspace")
    cache = os.path.join(a.data, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    env = os.environ.copy()
    env.pop("KPI_CACHE", None)
    env.pop("KPI_WORKSPACE", None)
    env.pop("KPI_PLAN", None)
    env["XDG_CACHE_HOME"] = cache
    env.setdefault("KPI_TODAY", "2026-12-01")
    cold = dict(env, KPI_CACHE="off")
    kpi = a.kpi
    pairs = [
        ("status --format json", [kpi, "status", "--all", "--format", "json"], [kpi, "status", "--format", "json"], (0,)),
        ("check", [kpi, "check", "--all"], [kpi, "check"], (0, 1)),
    ]
    rows = []
    verdicts = []
    for what, ws_argv, plan_argv, ok in pairs:
        ok_ws, why = works(ws_argv, ws, env)
        # Warm the plan cache for the plan alone, as a user's second command would.
        subprocess.run(plan_argv, cwd=plan, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for note, e in (("with the plan cache", env), ("without the plan cache", cold)):
            t_plan = measure(plan_argv, plan, a.runs, env=e, ok_codes=ok)
            if not ok_ws:
                rows.append((what, note, None, t_plan, None))
                print(f"  {what}, {note}: the workspace command does not run here: {why}", flush=True)
                continue
            t_ws = measure(ws_argv, ws, a.runs, env=e, ok_codes=ok)
            ratio = t_ws.median / t_plan.median
            rows.append((what, note, t_ws, t_plan, ratio))
            if a.before:
                before_argv = [os.path.abspath(a.before)] + ws_argv[1:]
                works(before_argv, ws, env)  # fills the older build's cache entries
                t_before = measure(before_argv, ws, a.runs, env=e, ok_codes=ok)
                rows.append((what + " (before)", note, t_before, t_plan, t_before.median / t_plan.median))
                print(f"  before: {what}, {note}: workspace {fmt_time(t_before)}", flush=True)
            print(f"  {what}, {note}: workspace {fmt_time(t_ws)}, plan {fmt_time(t_plan)}, {ratio:.2f} x", flush=True)
            verdicts.append(f"- {'met' if ratio <= LIMIT else 'NOT met'}: `kpi {' '.join(ws_argv[1:])}` {note} takes {ratio:.2f} times `kpi {' '.join(plan_argv[1:])}` on the plan alone (target: at most {LIMIT})")
    members = len(os.listdir(os.path.join(ws, "plans")))
    load = os.getloadavg()
    lines = [
        f"Workspace run{(' (' + a.label + ')') if a.label else ''}: {members} members on one ledger against one plan of the same KPIs "
        f"(`{os.path.relpath(a.data)}`), median of {a.runs} runs; {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {load[0]:.1f} at the end.",
        "",
        "| command | cache | workspace | plan alone | workspace ÷ plan | peak memory (workspace / plan) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for what, note, t_ws, t_plan, ratio in rows:
        cache_note = "with" if note.startswith("with the") else "without"
        if t_ws is None:
            lines.append(f"| `{what}` | {cache_note} | not workspace-aware here | {fmt_time(t_plan)} | | – / {t_plan.rss_kb / 1024:.0f} MiB |")
        else:
            lines.append(f"| `{what}` | {cache_note} | {fmt_time(t_ws)} | {fmt_time(t_plan)} | {ratio:.2f} | {t_ws.rss_kb / 1024:.0f} / {t_plan.rss_kb / 1024:.0f} MiB |")
    lines += [""] + verdicts
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    if a.output:
        with open(a.output, encoding="utf-8") as f:
            doc = f.read()
        start, end = "<!-- workspace:start -->", "<!-- workspace:end -->"
        if start not in doc or end not in doc:
            raise SystemExit(f"{a.output} has no {start} … {end} markers")
        head, rest = doc.split(start, 1)
        _, tail = rest.split(end, 1)
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(head + start + "\n" + text + end + tail)


if __name__ == "__main__":
    main()
