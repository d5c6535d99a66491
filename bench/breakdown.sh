#!/usr/bin/env bash
# Where a training step's time goes: forward + loss, backward, optimizer update, in SSL4J and,
# right after, in PyTorch; one JSON line each per model.
#
#   bench/breakdown.sh [THREADS] [REFERENCE_DIR]     (REFERENCE_DIR holds torch_reference.py)
#   MODELS=efficientnet-b0 bench/breakdown.sh 1     (only some of the models)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${1:-2}"
reference="${2:-$home/../shared/bench}"
python="${PYTHON:-/usr/bin/python3}"
"$home/ssl4j" plugins > /dev/null   # builds the application if needed
app="$home/ssl-app/target"
cp="$app/ssl-app-0.1.0-SNAPSHOT.jar:$app/lib/*"
# OpenMP's wait policy: the library default on both sides unless OMP_WAIT_POLICY is set (then on both)
for model in ${MODELS:-small-cnn wrn-28-2 efficientnet-b0}; do
  OMP_NUM_THREADS="$threads" java -Dai.djl.offline=true -cp "$cp" "$home/bench/StepBreakdown.java" "$model" "$threads"
  "$python" "$home/bench/step_breakdown.py" "$reference" "$model" "$threads"
done
