#!/usr/bin/env bash
# SSL4J's MPL step against a PyTorch reference written from the paper (bench/mpl_reference.py):
# exports SSL4J's initial teacher and student (small CNN) and STEPS real Fashion-MNIST batches
# (labeled, weak and strong views, augmented by SSL4J) to npz, replays the steps in SSL4J and in
# PyTorch from those, and prints each loss's difference per step and, per parameter, the largest
# difference relative to its norm. Exit code 1 when a parameter is off by more than 1e-4.
#
#   bench/mpl-equivalence.sh [CONFIG] [STEPS]     (default bench/mpl-equivalence.yaml, 5 steps)
#
# Needs the Fashion-MNIST IDX files (apt-get install dataset-fashion-mnist) and PyTorch for
# python3 (PYTHON=..., default /usr/bin/python3). About 30 s on 2 cores.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="${1:-$home/bench/mpl-equivalence.yaml}"
steps="${2:-5}"
python="${PYTHON:-/usr/bin/python3}"
"$home/ssl4j" plugins > /dev/null   # builds the application if needed
app="$home/ssl-app/target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -Dai.djl.offline=true -cp "$app/ssl-app-0.1.0-SNAPSHOT.jar:$app/lib/*" "$home/bench/MplEquivalence.java" \
  "$config" "$steps" "$work/inputs.npz" "$work/ssl4j.npz" 2>&1 | grep -v "Warning: AutoNonVariableTypeMode" >&2
THREADS=2 "$python" "$home/bench/mpl_reference.py" "$config" "$work/inputs.npz" "$work/ssl4j.npz"
