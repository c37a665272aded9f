#!/usr/bin/env bash
# Breakdowns at prefectural scale (issue 28; BENCHMARKS.md): a prefecture
# of 63 municipalities x 100 KPIs x 10 years, every KPI by municipality and
# half of them by municipality and five-year age band too (512,000
# figures), against a plan of 51,200 KPIs without breakdowns with the same
# 512,000 figures. Times `status --format json`, `compare`, `export sdmx`
# and `validate` on both, interleaved, wall and CPU time.
#
#   benches/breakdowns.sh            # 5 runs each
#   benches/breakdowns.sh --runs 3
#
# Generated files go to target/bench-data/breakdowns (or
# $KPI_BENCH_DATA/breakdowns); about 25 MB.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
data=${KPI_BENCH_DATA:-$root/target/bench-data}/breakdowns
runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    *) echo "error: unknown argument $1 (see the top of benches/breakdowns.sh)" >&2; exit 2 ;;
  esac
done

echo "== building (release)"
cargo build --release --bin kpi --example gen_breakdowns
echo "== generating"
target/release/examples/gen_breakdowns --out "$data"
rm -rf "${data:?}/cache"
target/release/kpi validate --plan "$data/breakdowns"
target/release/kpi validate --plan "$data/flat"
python3 benches/breakdowns.py --kpi target/release/kpi --data "$data" --runs "$runs"
