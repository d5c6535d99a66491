#!/usr/bin/env bash
# Noisy Student's pseudo-labelling loop (ssl-noisy-student's PseudoLabeler: batches of the clean
# Fashion-MNIST pool gathered from the data set, teacher forward in evaluation mode, softmax,
# argmax, max and soft targets copied to Java) beside the PyTorch reference's predict mode
# (forward, softmax, max on one fixed random batch) at the same model (small CNN: noisy-cnn with
# width 1 and no blocks is small-cnn plus a dropout that is off when labelling), batch and threads.
#
#   bench/pseudo-label-throughput.sh [THREADS] [BATCH]
#
# Needs the Fashion-MNIST IDX files (apt-get install dataset-fashion-mnist) and python3 with
# torch (apt-get install python3-torch). The SSL4J figure is the loop's own images/s over the
# whole 60,000-image pool, first batch included; the reference's is over 235 batches after 3
# warm-up ones (60,000 / 256 = 235).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reference="${REFERENCE:-$home/../shared/bench/torch_reference.py}"
threads="${1:-2}"
batch="${2:-256}"
python="${PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat > "$work/label.yaml" <<YAML
name: pseudo-label-throughput
seed: 1
data: {type: fashion-mnist, labeledPerClass: 100}
method:
  type: noisy-student
  teacher: {type: noisy-cnn}
  rounds: 1
  optimizer: {type: sgd, lr: 0.05}
  threshold: 0.0
  labelBatchSize: $batch
train: {steps: 1, batchSize: 64, unlabeledRatio: 1}
executor: {type: cpu, threads: $threads}
YAML

SSL4J_THREADS="$threads" "$home/ssl4j" train "$work/label.yaml" --out "$work/run" > "$work/log" 2>&1
ours=$(grep -a -o 'round-1: pseudo-labelled 60000/60000 .*' "$work/log" | grep -o '[0-9]* images/s' | grep -o '[0-9]*')
theirs=$("$python" "$reference" --mode predict --model small-cnn --batch "$batch" --channels 1 --size 28 \
  --threads "$threads" --steps 235 --warmup 3)
echo "{\"impl\": \"ssl4j-djl\", \"case\": \"noisy-student-label-small-cnn-b$batch\", \"threads\": $threads, \"images_per_s\": $ours}"
echo "$theirs"
"$python" - "$ours" "$theirs" <<'PY'
import json, sys
ours, theirs = float(sys.argv[1]), json.loads(sys.argv[2])
print(f"# pseudo-labelling throughput ssl4j/pytorch = {ours / theirs['images_per_s']:.2f}x")
PY
