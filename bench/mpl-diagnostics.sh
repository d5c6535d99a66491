#!/usr/bin/env bash
# The diagnostics picture of docs/methods.md: trains bench/mpl-diagnostics.yaml (MPL on
# Fashion-MNIST-1K, 300 steps, seed 1, train.diagnostics) and puts the run's four diagnostics
# plots side by side in docs/mpl-diagnostics-fashion-mnist.png.
#
#   bench/mpl-diagnostics.sh [RUN_DIR]     (default runs/mpl-diagnostics; 5-30 min on 2 cores)
#
# Needs the Fashion-MNIST IDX files and Pillow for python3 (PYTHON=..., default /usr/bin/python3).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run="${1:-$home/runs/mpl-diagnostics}"
python="${PYTHON:-/usr/bin/python3}"
if [[ ! -f "$run/summary.json" ]]; then
  nice -n 10 "$home/ssl4j" train "$home/bench/mpl-diagnostics.yaml" --out "$run"
fi
"$python" - "$run/plots" "$home/docs/mpl-diagnostics-fashion-mnist.png" <<'PY'
import sys
from PIL import Image
plots, out = sys.argv[1], sys.argv[2]
names = ["accuracy", "feedback", "gradients", "mask-rates"]
images = [Image.open(f"{plots}/diagnostics-{n}.png").convert("RGB") for n in names]
w, h = max(i.width for i in images), max(i.height for i in images)
sheet = Image.new("RGB", (2 * w, 2 * h), "white")
for k, image in enumerate(images):
    sheet.paste(image, ((k % 2) * w, (k // 2) * h))
sheet.save(out, optimize=True)
print("wrote", out)
PY
