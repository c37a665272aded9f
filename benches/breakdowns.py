"""Breakdowns at prefectural scale (issue 28): times `kpi` on the plan with
breakdowns and on the plan with the same number of figures without them
(examples/gen_breakdowns.rs), runs interleaved, and prints a Markdown table
of wall and CPU (user + sys) time with the ratio. Run by benches/breakdowns.sh.
"""

import argparse
import os
import resource
import statistics
import subprocess
import time


def timed(cmd, env):
    """Wall and CPU (user + sys of the child) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kpi", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    bd = os.path.join(a.data, "breakdowns")
    flat = os.path.join(a.data, "flat")
    env = dict(os.environ, KPI_CACHE_DIR=os.path.join(a.data, "cache"), NO_COLOR="1")
    # (what, command on the plan with breakdowns, command on the flat plan)
    cases = [
        ("`status --format json`",
         ["status", "--format", "json", "--plan", bd],
         ["status", "--format", "json", "--plan", flat]),
        ("`compare k000 --by area` / flat: `show k000000`",
         ["compare", "k000", "--by", "area", "--plan", bd],
         ["show", "k000000", "--plan", flat]),
        ("`export sdmx`",
         ["export", "sdmx", "--plan", bd],
         ["export", "sdmx", "--plan", flat]),
        ("`validate`",
         ["validate", "--plan", bd],
         ["validate", "--plan", flat]),
    ]
    load_before = os.getloadavg()
    # One warm-up run each: the plan cache is filled, files are in the page cache.
    for _, b, f in cases:
        timed([a.kpi] + b, env)
        timed([a.kpi] + f, env)
    times = {i: ([], []) for i in range(len(cases))}
    for _ in range(a.runs):
        for i, (_, b, f) in enumerate(cases):
            times[i][0].append(timed([a.kpi] + b, env))
            times[i][1].append(timed([a.kpi] + f, env))
    load_after = os.getloadavg()
    print(f"load average (1, 5, 15 min) before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}; {os.cpu_count()} cores; "
          f"median of {a.runs} interleaved runs\n")
    print("| command | breakdowns wall | flat wall | ratio (wall) | breakdowns CPU | flat CPU | ratio (CPU) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for i, (what, _, _) in enumerate(cases):
        bw = statistics.median(t[0] for t in times[i][0])
        fw = statistics.median(t[0] for t in times[i][1])
        bc = statistics.median(t[1] for t in times[i][0])
        fc = statistics.median(t[1] for t in times[i][1])
        print(f"| {what} | {bw:.2f} s | {fw:.2f} s | {bw / fw:.2f}× | {bc:.2f} s | {fc:.2f} s | {bc / fc:.2f}× |")


if __name__ == "__main__":
    main()
