#!/usr/bin/env python3
"""The peer of the benchmark (benches/README.md): the job of `kpi status`
as an analyst would script it in Python, with the standard library only
(tomllib, csv) and plain floats, in one pass.

    python3 benches/peer.py PATH/kpi.toml > peer.json
    python3 benches/peer.py --compare peer.json kpi-status.json

prints one JSON object: the as-of year, the count of KPIs per status and
the counts per goal, in the shape `kpi status --format json` has them, so
benches/run.sh can compare the two.

It follows progress.md: the latest figure after the baseline year, at or
before both the as-of year (the newest year in the ledger) and the target
year; the expected value
on the straight path through baseline, milestones and target; the first
status rule that holds. It reads the plan and ledger the benchmark's
generator writes (western years, `[evaluation]` cut-offs, the default
linear path and baseline basis) and checks nothing.
"""
import csv
import glob
import json
import os
import re
import sys
import tomllib

ORDER = ["achieved", "on_track", "at_risk", "off_track", "worsening", "missed", "no_data"]


ERAS = {"S": 1925, "H": 1988, "R": 2018, "昭和": 1925, "平成": 1988, "令和": 2018}


def year(v):
    """A fiscal year as plan-format.md writes them: 2014, FY2014, 2014年度, H26, 令和元年度."""
    if isinstance(v, int):
        return v
    text = str(v).strip().upper().replace("元", "1")
    m = re.fullmatch(r"(S|H|R|昭和|平成|令和)(\d+)(年度)?", text)
    if m:
        return ERAS[m.group(1)] + int(m.group(2))
    return int(re.sub(r"\D", "", text))


def main(path):
    with open(path, "rb") as f:
        plan = tomllib.load(f)
    head = plan["plan"]
    ev = plan.get("evaluation", {})
    on_track = float(ev.get("on_track", 0.95))
    at_risk = float(ev.get("at_risk", 0.60))
    by_default = head.get("baseline_year")
    ty_default = head.get("target_year")

    # Where each KPI leads: measure -> top measure -> goal.
    parent = {}
    goal_of = {}
    for m in plan.get("measure", []):
        if "goal" in m:
            goal_of[m["id"]] = m["goal"]
        else:
            parent[m["id"]] = m["parent"]

    def goal_of_measure(mid):
        seen = 0
        while mid in parent and seen < 1000:
            mid = parent[mid]
            seen += 1
        return goal_of.get(mid)

    kpis = {}
    for k in plan.get("kpi", []):
        b, t = k["baseline"], k["target"]
        by = year(b.get("year", by_default))
        ty = year(t.get("year", ty_default))
        bv, tv = float(b["value"]), float(t["value"])
        d = k.get("direction")
        s = (1 if d == "increase" else -1) if d else (1 if tv > bv else -1)
        pts = [(by, bv)]
        pts += sorted((year(y), float(v)) for y, v in k.get("milestones", {}).items())
        pts.append((ty, tv))
        if "goal" in k:
            goals = {k["goal"]}
        else:
            goals = {goal_of_measure(m) for m in k["measures"]}
        kpis[k["id"]] = [by, ty, bv, tv, s, pts, goals, None, None]  # latest year, value

    # The ledger: keep every KPI's figures; the as-of year is the newest.
    base = os.path.dirname(path)
    figures = {}
    newest = None
    for entry in head.get("actuals", ["actuals"]):
        p = os.path.join(base, entry)
        files = sorted(glob.glob(os.path.join(p, "*.csv"))) if os.path.isdir(p) else [p]
        for name in files:
            with open(name, newline="", encoding="utf-8-sig") as f:
                for row in csv.DictReader(r for r in f if not r.startswith("#")):
                    v = row["value"].strip()
                    if not v:
                        continue
                    y = year(row["year"])
                    figures.setdefault(row["kpi"], []).append((y, float(v)))
                    if newest is None or y > newest:
                        newest = y

    total = dict.fromkeys(ORDER, 0)
    per_goal = {g["id"]: dict.fromkeys(ORDER, 0) for g in plan.get("goal", [])}
    for kid, (by, ty, bv, tv, s, pts, goals, _, _) in kpis.items():
        latest = None
        for y, v in figures.get(kid, ()):
            if by < y <= min(newest or 0, ty) and (latest is None or y > latest[0]):
                latest = (y, v)
        st = status(latest, by, ty, bv, tv, s, pts, on_track, at_risk)
        total[st] += 1
        for g in goals:
            if g in per_goal:
                per_goal[g][st] += 1
    out = {
        "as_of": newest,
        "counts": total,
        "goals": [{"id": g, "counts": c} for g, c in per_goal.items()],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def expected(pts, y):
    if y <= pts[0][0]:
        return pts[0][1]
    if y >= pts[-1][0]:
        return pts[-1][1]
    for (py, pv), (qy, qv) in zip(pts, pts[1:]):
        if y == py:
            return pv
        if py < y < qy:
            return pv + (qv - pv) * (y - py) / (qy - py)
    return pts[-1][1]


def status(latest, by, ty, bv, tv, s, pts, on_track, at_risk):
    if latest is None:
        return "no_data"
    y, a = latest
    if (s > 0 and a >= tv) or (s < 0 and a <= tv):
        return "achieved"
    if y >= ty:
        return "missed"
    if (s > 0 and a < bv) or (s < 0 and a > bv):
        return "worsening"
    e = expected(pts, y)
    if e == bv:
        return "on_track"  # not worse than the baseline (just checked)
    pace = (a - bv) / (e - bv)
    if pace >= on_track:
        return "on_track"
    if pace >= at_risk:
        return "at_risk"
    return "off_track"


def compare(peer_out, kpi_json):
    """Exit 1, saying where, unless the peer's counts are `kpi`'s."""
    with open(peer_out, encoding="utf-8") as f:
        peer = json.load(f)
    with open(kpi_json, encoding="utf-8") as f:
        doc = json.load(f)
    mine = dict.fromkeys(ORDER, 0)
    for k in doc["kpis"]:
        mine[k["status"]] += 1
    theirs = {
        "as_of": (doc["plan"]["as_of"] or {}).get("year"),
        "counts": mine,
        "goals": [{"id": g["id"], "counts": g["counts"]} for g in doc["goals"]],
    }
    if peer == theirs:
        print(f"peer and kpi agree: {json.dumps(mine)}")
        return 0
    print(f"MISMATCH between the peer and kpi:\n peer {json.dumps(peer['counts'])}\n kpi  {json.dumps(mine)}", file=sys.stderr)
    for a, b in zip(peer["goals"], theirs["goals"]):
        if a != b:
            print(f" first goal that differs: peer {a} kpi {b}", file=sys.stderr)
            break
    return 1


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    main(sys.argv[1])
