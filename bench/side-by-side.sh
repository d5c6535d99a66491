#!/usr/bin/env bash
# Runs each ssl4j bench case and, right after it, the PyTorch reference script with the same
# model, batch, input and threads; prints both JSON lines and the ratios.
#
#   bench/side-by-side.sh [REFERENCE_SCRIPT] [THREADS]
#
# REFERENCE_SCRIPT defaults to ../shared/bench/torch_reference.py; it needs python3 with torch
# (Debian: apt-get install python3-torch). Results go to stdout; paste them into docs/benchmarks.md.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reference="${1:-$home/../shared/bench/torch_reference.py}"
threads="${2:-2}"
python="${PYTHON:-/usr/bin/python3}"

"$home/ssl4j" bench --list --threads "$threads" | while IFS=$'\t' read -r name args; do
  ours=$("$home/ssl4j" bench --case "$name" --threads "$threads")
  # shellcheck disable=SC2086
  theirs=$("$python" "$reference" $args --steps 20 --warmup 10)
  echo "$ours"
  echo "$theirs"
  "$python" - "$ours" "$theirs" <<'PY'
import json, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
# Throughput from step times: both sides do the same work per step, but count examples
# differently where a step has several views (MPL: the reference counts weak and strong views).
print(f"# {a['case']}: throughput ssl4j/pytorch = {b['step_ms_median'] / a['step_ms_median']:.2f}x, "
      f"peak memory ssl4j/pytorch = {a['peak_rss_mib'] / b['peak_rss_mib']:.2f}x")
PY
done
