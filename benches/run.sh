#!/usr/bin/env bash
# The scale benchmark (benches/README.md): builds `kpi`, the generator and
# the floor in release mode, generates the sizes, checks that the Python
# peer gives `kpi`'s status counts, times everything as whole processes and
# writes the table into BENCHMARKS.md.
#
#   benches/run.sh                      # small, 10k and 100k KPIs, 5 runs each
#   benches/run.sh --sizes small,10k --runs 3
#   benches/run.sh --before /path/to/old/kpi   # time an older build beside this one
#   benches/run.sh --no-write                  # print, leave BENCHMARKS.md alone
#   benches/run.sh --workspace                 # then the 50-member workspace (benches/workspace.sh)
#
# Needs cargo and python3 (3.11 or later, for tomllib). Generated files go
# to target/bench-data (or $KPI_BENCH_DATA); about 60 MB for 100k.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
data=${KPI_BENCH_DATA:-$root/target/bench-data}
sizes=small,10k,100k
runs=5
before=()
output=(--output "$root/BENCHMARKS.md")
workspace=no
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --before) before=(--before "$2"); shift 2 ;;
    --before-timeout) before+=(--before-timeout "$2"); shift 2 ;;
    --no-write) output=(); shift ;;
    --workspace) workspace=yes; shift ;;
    *) echo "error: unknown argument $1 (see the top of benches/run.sh)" >&2; exit 2 ;;
  esac
done

python3 -c 'import sys, tomllib' 2>/dev/null || {
  echo "error: the peer needs python3 3.11 or later (tomllib)" >&2; exit 2; }

echo "== building (release)"
cargo build --release --bin kpi --example gen
floor=$(cargo build --release --bench floor --message-format=json 2>/dev/null |
  python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "floor" and m.get("executable"):
        print(m["executable"])') || true
[ -x "$floor" ] || { echo "error: could not build the floor (cargo build --release --bench floor)" >&2; exit 2; }

mkdir -p "$data"
for size in ${sizes//,/ }; do
  case "$size" in
    small) ;;
    10k) kpis=10000 ;;
    100k) kpis=100000 ;;
    *) echo "error: unknown size $size (small, 10k, 100k)" >&2; exit 2 ;;
  esac
  if [ "$size" != small ]; then
    echo "== generating $size ($kpis KPIs x 10 years)"
    rm -rf "${data:?}/$size"
    target/release/examples/gen --kpis "$kpis" --years 10 --out "$data/$size"
  fi
done
# A fresh plan cache for every run of the benchmark.
rm -rf "${data:?}/cache"

python3 benches/bench.py --kpi target/release/kpi --floor "$floor" \
  --peer benches/peer.py --small data/asaka --data "$data" \
  --sizes "$sizes" --runs "$runs" "${before[@]}" "${output[@]}"
if [ "$workspace" = yes ]; then
  ws_before=()
  [ ${#before[@]} -gt 0 ] && ws_before=(--before "${before[1]}")
  ws_output=()
  [ ${#output[@]} -eq 0 ] && ws_output=(--no-write)
  benches/workspace.sh --runs "$runs" "${ws_before[@]}" "${ws_output[@]}"
fi
