#!/usr/bin/env bash
# Times whole runs end to end, SSL4J then PyTorch right after, and prints both JSON lines and the
# ratios: `ssl4j bench --run CONFIG --method NAME` beside bench/whole_run.py, for the Fashion-MNIST
# FixMatch and MPL examples (data, sampling, both augmented views, the step, logging).
#
#   bench/whole-run-side-by-side.sh [STEPS] [WARMUP] [WORKERS]     (defaults 200, 20, 2)
#
# The thread count is the configs' executor's (2); WORKERS is the DataLoader's worker processes on
# the PyTorch side. Needs python3 with torch and torchvision (Debian: python3-torch,
# python3-torchvision) and the Fashion-MNIST files of Debian's dataset-fashion-mnist.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-200}"
warmup="${2:-20}"
workers="${3:-2}"
python="${PYTHON:-/usr/bin/python3}"
for pair in "fashion-mnist-1k-uda-fixmatch.yaml fixmatch" "fashion-mnist-1k-mpl.yaml mpl"; do
  set -- $pair
  ours=$("$home/ssl4j" bench --run "$home/examples/$1" --method "$2" --steps "$steps" --warmup "$warmup")
  theirs=$("$python" "$home/bench/whole_run.py" --method "$2" --steps "$steps" --warmup "$warmup" \
      --threads 2 --workers "$workers")
  echo "$ours"
  echo "$theirs"
  "$python" - "$ours" "$theirs" <<'PY'
import json, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"# {a['method']}: steps/s ssl4j/pytorch = {a['steps_per_s'] / b['steps_per_s']:.2f}x, "
      f"peak memory ssl4j/pytorch = {a['peak_rss_mib'] / b['peak_rss_mib']:.2f}x")
PY
done
