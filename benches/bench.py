#!/usr/bin/env python3
"""Times `kpi`, the floor and the peer as whole processes; run by
benches/run.sh, which builds them first (see benches/README.md).

Each command runs `--runs` times; the median wall-clock time is reported,
with the peak resident memory (the child's ru_maxrss, from wait4). The
results go to stdout as a markdown table and, with `--output`, into the
part of BENCHMARKS.md between the `<!-- bench:start -->` and
`<!-- bench:end -->` markers.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MB = 1_000_000


class Timing:
    def __init__(self, times, rss_kb, timed_out=False):
        self.times = times
        self.rss_kb = rss_kb
        self.timed_out = timed_out

    @property
    def median(self):
        return statistics.median(self.times)


def run_once(argv, cwd, env, ok_codes, timeout):
    """Wall time and peak RSS (KB) of one run; raises on an unexpected exit code."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        deadline = start + timeout if timeout else None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline and time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return None, None
            time.sleep(0.0005 if time.perf_counter() - start < 0.05 else 0.01)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in ok_codes:
            err.seek(0)
            msg = err.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(f"FAILED (exit {code}): {' '.join(argv)}\n{msg}")
        return elapsed, usage.ru_maxrss


GNU_TIME = "/usr/bin/time"


def measure(argv, cwd, runs, env=None, ok_codes=(0,), prepare=None, timeout=None):
    env = env or os.environ.copy()
    times, rss = [], []
    for _ in range(runs):
        if prepare:
            prepare()
        t, r = run_once(argv, cwd, env, ok_codes, timeout)
        if t is None:
            return Timing([timeout], 0, timed_out=True)
        times.append(t)
        rss.append(r)
    # A child's ru_maxrss starts from the size of the process that forked
    # it (this Python), so peak memory is taken in one more run under GNU
    # time, whose own size is a megabyte or two.
    if os.access(GNU_TIME, os.X_OK):
        if prepare:
            prepare()
        with tempfile.NamedTemporaryFile(mode="r") as out:
            run_once([GNU_TIME, "-f", "%M", "-o", out.name] + argv, cwd, env, ok_codes, timeout)
            try:
                return Timing(times, int(out.read().split()[-1]))
            except (ValueError, IndexError):
                pass
    return Timing(times, max(rss))


def size_of(paths):
    total = 0
    for p in paths:
        if os.path.isdir(p):
            for name in os.listdir(p):
                if name.endswith(".csv"):
                    total += os.path.getsize(os.path.join(p, name))
        elif os.path.exists(p):
            total += os.path.getsize(p)
    return total


def ledger_rows(actuals):
    rows = 0
    for name in sorted(os.listdir(actuals)):
        if name.endswith(".csv"):
            with open(os.path.join(actuals, name), "rb") as f:
                rows += sum(1 for line in f if line.strip() and not line.startswith(b"#")) - 1
    return rows


def has_command(kpi, name, sign):
    """True when `kpi NAME --help` works and shows `sign`: not the stub that
    stood in for a command before it was built."""
    r = subprocess.run([kpi, name, "--help"], capture_output=True, text=True)
    return r.returncode == 0 and sign in r.stdout


def fmt_time(t):
    if t.timed_out:
        return f"> {t.times[0]:.0f} s (stopped)"
    m = t.median
    return f"{m * 1000:.1f} ms" if m < 1 else f"{m:.3f} s"


class Bench:
    def __init__(self, args):
        self.args = args
        self.rows = []  # (size, what, timing, rows, bytes, note)
        self.results = {}  # (size, key) -> Timing
        self.failures = []
        self.env = os.environ.copy()
        self.env["XDG_CACHE_HOME"] = os.path.join(args.data, "cache")
        self.env.pop("KPI_CACHE", None)
        self.cold_env = dict(self.env, KPI_CACHE="off")

    def time(self, size, key, what, argv, cwd, rows=None, nbytes=None, **kw):
        runs = kw.pop("runs", self.args.runs)
        t = measure(argv, cwd, runs, **kw)
        self.results[(size, key)] = t
        self.rows.append((size, what, t, rows, nbytes))
        print(f"  {what:<46} {fmt_time(t):>14}  peak {t.rss_kb / 1024:7.1f} MiB", flush=True)
        return t

    def size(self, size, plan_dir, can_import):
        a = self.args
        plan = os.path.join(plan_dir, "kpi.toml")
        actuals = os.path.join(plan_dir, "actuals")
        rows = ledger_rows(actuals)
        plan_bytes = os.path.getsize(plan)
        ledger_bytes = size_of([actuals])
        print(f"\n== {size}: {plan} ({plan_bytes / MB:.1f} MB), ledger {rows} rows ({ledger_bytes / MB:.1f} MB)", flush=True)
        self.sizes.append((size, plan_bytes, ledger_bytes, rows))

        # The plan alone: the same kpi.toml beside an empty ledger folder.
        plan_only = os.path.join(a.data, f"{size}-plan-only")
        os.makedirs(os.path.join(plan_only, "actuals"), exist_ok=True)
        shutil.copyfile(plan, os.path.join(plan_only, "kpi.toml"))
        plan_only_toml = os.path.join(plan_only, "kpi.toml")

        # Correctness first: the peer's counts must be kpi's.
        out = os.path.join(a.data, f"{size}-status.json")
        peer_out = os.path.join(a.data, f"{size}-peer.json")
        with open(out, "wb") as f:
            subprocess.run([a.kpi, "--plan", plan, "status", "--format", "json"], stdout=f, check=True, env=self.env)
        with open(peer_out, "wb") as f:
            subprocess.run([sys.executable, a.peer, plan], stdout=f, check=True)
        if subprocess.run([sys.executable, a.peer, "--compare", peer_out, out]).returncode != 0:
            raise SystemExit(f"FAILED: the peer and kpi disagree on {size}")

        kpi = [a.kpi, "--plan", plan]
        self.time(size, "status", "kpi status --format json", kpi + ["status", "--format", "json"], plan_dir, rows, plan_bytes + ledger_bytes, env=self.env)
        self.time(size, "status-cold", "kpi status --format json (no plan cache)", kpi + ["status", "--format", "json"], plan_dir, rows, plan_bytes + ledger_bytes, env=self.cold_env)
        if self.check:
            self.time(size, "check", "kpi check", kpi + ["check"], plan_dir, rows, plan_bytes + ledger_bytes, env=self.env, ok_codes=(0, 1))
            self.time(size, "check-cold", "kpi check (no plan cache)", kpi + ["check"], plan_dir, rows, plan_bytes + ledger_bytes, env=self.cold_env, ok_codes=(0, 1))
            self.time(size, "check-json", "kpi check --format json", kpi + ["check", "--format", "json"], plan_dir, rows, plan_bytes + ledger_bytes, env=self.env, ok_codes=(0, 1))
            self.time(size, "check-json-cold", "kpi check --format json (no plan cache)", kpi + ["check", "--format", "json"], plan_dir, rows, plan_bytes + ledger_bytes, env=self.cold_env, ok_codes=(0, 1))
        self.time(size, "validate", "kpi validate", kpi + ["validate"], plan_dir, rows, plan_bytes + ledger_bytes, env=self.env)
        self.time(size, "validate-cold", "kpi validate (no plan cache)", kpi + ["validate"], plan_dir, rows, plan_bytes + ledger_bytes, env=self.cold_env)
        self.time(size, "plan", "kpi validate, plan only", [a.kpi, "--plan", plan_only_toml, "validate"], plan_only, None, plan_bytes, env=self.env)
        self.time(size, "plan-cold", "kpi validate, plan only (no plan cache)", [a.kpi, "--plan", plan_only_toml, "validate"], plan_only, None, plan_bytes, env=self.cold_env)
        if can_import and self.imports:
            self.import_(size, plan_dir, rows)
            self.import_(size, plan_dir, rows, key="import-cold", label="kpi import", cold=True)
        self.time(size, "floor", "floor (toml + csv crates)", [a.floor, plan], plan_dir, rows, plan_bytes + ledger_bytes)
        self.time(size, "floor-plan", "floor, plan only", [a.floor, plan_only_toml], plan_only, None, plan_bytes)
        self.time(size, "peer", "peer (Python tomllib + csv)", [sys.executable, a.peer, plan], plan_dir, rows, plan_bytes + ledger_bytes, runs=max(1, min(a.runs, 3)))
        if a.before:
            self.before(size, plan, plan_dir, plan_only, plan_only_toml, rows, plan_bytes, ledger_bytes, can_import)

    def before(self, size, plan, plan_dir, plan_only, plan_only_toml, rows, plan_bytes, ledger_bytes, can_import):
        """The same commands timed with an older build (`--before`), with
        the plan cache and without, in the same run."""
        a = self.args
        before = [a.before, "--plan", plan]
        both = plan_bytes + ledger_bytes
        limit = dict(timeout=a.before_timeout)
        for suffix, env, note in (("", self.env, ""), ("-cold", self.cold_env, " (no plan cache)")):
            # A first run fills the older build's own cache entry.
            subprocess.run(before + ["validate"], cwd=plan_dir, env=self.env, capture_output=True)
            self.time(size, "before-status" + suffix, f"before: kpi status --format json{note}", before + ["status", "--format", "json"], plan_dir, rows, both, env=env, **limit)
            if has_command(a.before, "check", "--fail-on"):
                self.time(size, "before-check-json" + suffix, f"before: kpi check --format json{note}", before + ["check", "--format", "json"], plan_dir, rows, both, env=env, ok_codes=(0, 1), **limit)
            self.time(size, "before-validate" + suffix, f"before: kpi validate{note}", before + ["validate"], plan_dir, rows, both, env=env, **limit)
            subprocess.run([a.before, "--plan", plan_only_toml, "validate"], cwd=plan_only, env=self.env, capture_output=True)
            self.time(size, "before-plan" + suffix, f"before: kpi validate, plan only{note}", [a.before, "--plan", plan_only_toml, "validate"], plan_only, None, plan_bytes, env=env, **limit)
        if can_import and has_command(a.before, "import", "FILE"):
            self.import_(size, plan_dir, rows, binary=a.before, key="before-import", label="before: kpi import", timeout=a.before_timeout)
            self.import_(size, plan_dir, rows, binary=a.before, key="before-import-cold", label="before: kpi import", timeout=a.before_timeout, cold=True)

    def import_(self, size, plan_dir, rows, binary=None, key="import", label="kpi import", runs=None, timeout=None, cold=False):
        a = self.args
        binary = binary or a.kpi
        files = [f for f in os.listdir(plan_dir) if f.startswith("import-") and f.endswith(".csv")]
        if not files:
            return
        source = os.path.join(plan_dir, files[0])
        work = os.path.join(a.data, f"{size}-import-work")

        def fresh():
            # Each run imports into an untouched copy of the ledger.
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
            shutil.copyfile(os.path.join(plan_dir, "kpi.toml"), os.path.join(work, "kpi.toml"))
            shutil.copytree(os.path.join(plan_dir, "actuals"), os.path.join(work, "actuals"))
            # The copy is flushed before the run: otherwise the import's own
            # fsync waits for 20 MB that a real ledger would not have dirty.
            os.sync()

        with open(source, "rb") as f:
            import_rows = sum(1 for _ in f) - 1
        argv = [binary, "--plan", os.path.join(work, "kpi.toml"), "import", source]
        # Warm the plan cache for the copy, as a user's second command would.
        fresh()
        subprocess.run(argv + ["--dry-run"], capture_output=True, env=self.env)
        env, note = (self.cold_env, " (no plan cache)") if cold else (self.env, "")
        self.time(size, key, f"{label} ({import_rows} rows){note}", argv, work, import_rows, os.path.getsize(source), env=env, prepare=fresh, runs=runs or a.runs, timeout=timeout)

    def run(self):
        a = self.args
        self.sizes = []
        self.load_before = os.getloadavg()[0]
        if self.load_before > 0.5:
            print(f"note: the machine is busy (load average {self.load_before:.2f}): times will be high")
        self.check = has_command(a.kpi, "check", "--fail-on")
        self.imports = has_command(a.kpi, "import", "FILE")
        if not self.check:
            print("kpi check: not built (kpi check --help shows no --fail-on); skipped")
        if not self.imports:
            print("kpi import: not built (kpi import --help takes no FILE); skipped")
        for size in a.sizes.split(","):
            if size == "small":
                self.size("small", a.small, False)
            else:
                self.size(size, os.path.join(a.data, size), True)
        return self.report()

    def ratio(self, size, num, den):
        n, d = self.results.get((size, num)), self.results.get((size, den))
        if not n or not d or n.timed_out or d.timed_out:
            return None
        return n.median / d.median

    def report(self):
        a = self.args
        lines = []
        cpu = platform.processor() or platform.machine()
        try:
            with open("/proc/cpuinfo") as f:
                cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
        except (OSError, StopIteration):
            pass
        lines.append(f"Measured by `benches/run.sh` on {time.strftime('%Y-%m-%d')}: {os.cpu_count()} cores ({cpu}), "
                     f"Linux {platform.release()}, Python {platform.python_version()}; "
                     f"median of {a.runs} runs (the peer: of {max(1, min(a.runs, 3))}), whole processes, output to /dev/null; "
                     f"load average {self.load_before:.2f} before the run and {os.getloadavg()[0]:.2f} after it "
                     f"(the run itself keeps one core busy).")
        lines.append("")
        for size, plan_bytes, ledger_bytes, rows in self.sizes:
            lines.append(f"### {size}: plan {plan_bytes / MB:.1f} MB, ledger {rows:,} rows ({ledger_bytes / MB:.1f} MB)")
            lines.append("")
            lines.append("| command | median | rows/s | MB/s | peak memory | × floor | peer ÷ this |")
            lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
            for s, what, t, rows_, nbytes in self.rows:
                if s != size:
                    continue
                med = t.median
                rps = f"{rows_ / med:,.0f}" if rows_ and not t.timed_out else ""
                mbs = f"{nbytes / MB / med:.1f}" if nbytes and not t.timed_out else ""
                floor_key = "floor-plan" if "plan only" in what else "floor"
                fl = self.results.get((size, floor_key))
                xf = f"{med / fl.median:.2f}" if fl and not t.timed_out and "floor" not in what and "peer" not in what else ""
                pe = self.results.get((size, "peer"))
                xp = f"{pe.median / med:.1f}" if pe and not t.timed_out and "peer" not in what and "plan only" not in what else ""
                mem = f"{t.rss_kb / 1024:.1f} MiB" if t.rss_kb else ""
                lines.append(f"| {what} | {fmt_time(t)} | {rps} | {mbs} | {mem} | {xf} | {xp} |")
            lines.append("")
        lines += self.targets()
        text = "\n".join(lines) + "\n"
        print("\n" + text)
        if a.output:
            self.write(a.output, text)
        return 1 if self.failures else 0

    def targets(self):
        """The targets of issue 26, judged on the largest size run."""
        big = next((s for s in ("100k", "10k") if any(x[0] == s for x in self.sizes)), None)
        out = []
        if not big:
            return out
        plan_bytes, ledger_bytes = next((p, l) for s, p, l, _ in self.sizes if s == big)
        out.append(f"Targets of issue 26, on {big}:")
        out.append("")

        def line(ok, text):
            out.append(f"- {'met' if ok else 'NOT met'}: {text}")

        def faster(key, name, how, target, aim=None):
            r = self.ratio(big, "peer", key)
            if r is None:
                return
            also = f", aim {aim}" if aim else ""
            b = self.ratio(big, "peer", "before-" + key)
            was = f"; before: {b:.1f}" if b is not None else ""
            line(r >= target, f"{name}, {how}, is {r:.1f} times faster than the peer (target: {target}{also}){was}")

        faster("status-cold", "kpi status --format json", "without the plan cache", 12, 20)
        faster("status", "kpi status --format json", "with the plan cache", 15)
        faster("check-json", "kpi check --format json", "with the plan cache", 15)
        faster("check-json-cold", "kpi check --format json", "without the plan cache", 12)
        for suffix, how in (("-cold", "without the plan cache"), ("", "with the plan cache")):
            r = self.ratio(big, "status" + suffix, "floor")
            if r is not None:
                out.append(f"- kpi status --format json, {how}, takes {r:.2f} times the floor (for the record)")
        limit = 3 * (plan_bytes + ledger_bytes)
        for suffix, how in (("", "with the plan cache"), ("-cold", "without the plan cache")):
            for key in ("status", "check-json", "validate", "import"):
                t = self.results.get((big, key + suffix))
                if t:
                    line(t.rss_kb * 1024 <= limit, f"peak memory of {key}, {how}, {t.rss_kb / 1024:.0f} MiB, {t.rss_kb * 1024 / (plan_bytes + ledger_bytes):.2f} times the files (target: at most 3)")
        small = self.results.get(("small", "status"))
        if small:
            line(small.median < 0.01, f"kpi status on the seed plan in {fmt_time(small)} (target: a few milliseconds)")
        return out

    def write(self, path, text):
        start, end = "<!-- bench:start -->", "<!-- bench:end -->"
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else f"# Benchmarks\n\n{start}\n{end}\n"
        if start not in old or end not in old:
            old += f"\n{start}\n{end}\n"
        head, rest = old.split(start, 1)
        _, tail = rest.split(end, 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"{head}{start}\n{text}{end}{tail}")
        print(f"wrote {path}")


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--kpi", required=True)
    p.add_argument("--floor", required=True)
    p.add_argument("--peer", required=True)
    p.add_argument("--small", required=True, help="folder of the seed plan")
    p.add_argument("--data", required=True, help="folder holding the generated sizes")
    p.add_argument("--sizes", default="small,10k,100k")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--before", help="an older kpi binary to time beside this one")
    p.add_argument("--before-timeout", type=float, default=120)
    p.add_argument("--output", help="BENCHMARKS.md to write the results into")
    args = p.parse_args()
    # Commands run in the plan's folder: every path given is made absolute.
    for name in ("kpi", "floor", "peer", "small", "data", "before", "output"):
        if getattr(args, name):
            setattr(args, name, os.path.abspath(getattr(args, name)))
    sys.exit(Bench(args).run())


if __name__ == "__main__":
    main()
