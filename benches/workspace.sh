#!/usr/bin/env bash
# The workspace benchmark (benches/README.md, "Workspaces"): builds `kpi` and
# the generator in release mode, writes a workspace of 50 members x 200 KPIs
# over one 10-year ledger and one plan of the same 10,000 KPIs
# (`gen --members`), and times `kpi status --all --format json` and
# `kpi check --all` against `kpi status --format json` and `kpi check` on
# the plan, into BENCHMARKS.md.
#
#   benches/workspace.sh                       # 50 x 200 x 10 years, 7 runs
#   benches/workspace.sh --members 10 --kpis 2000 --runs 3 --no-write
#   benches/workspace.sh --before /path/to/old/kpi   # its workspace commands too
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
data=${KPI_BENCH_DATA:-$root/target/bench-data}
members=50
kpis=10000
years=10
runs=7
output=(--output "$root/BENCHMARKS.md")
before=()
while [ $# -gt 0 ]; do
  case "$1" in
    --members) members=$2; shift 2 ;;
    --kpis) kpis=$2; shift 2 ;;
    --years) years=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --no-write) output=(); shift ;;
    --before) before=(--before "$2"); shift 2 ;;
    *) echo "error: unknown argument $1 (see the top of benches/workspace.sh)" >&2; exit 2 ;;
  esac
done

echo "== building (release)"
cargo build --release --bin kpi --example gen
out="$data/workspace-${members}x$((kpis / members))"
echo "== generating $members members x $((kpis / members)) KPIs x $years years into $out"
rm -rf "${out:?}"
target/release/examples/gen --kpis "$kpis" --years "$years" --members "$members" --out "$out"
exec python3 benches/workspace.py --kpi "$root/target/release/kpi" --data "$out" --runs "$runs" "${before[@]}" "${output[@]}"
