#!/usr/bin/env bash
# The benchmark cases on GPUs: one GPU, then data parallel over every visible GPU, then the CPU
# for the ratio, one JSON line each, into bench/results-gpu-DATE.jsonl.
#
#   SSL4J_LIBTORCH=/opt/libtorch/lib bench/gpu.sh [--steps N] [--warmup N]
#
# Needs a CUDA build of libtorch 2.7.1 (docs/gpu.md); `./ssl4j doctor` must list the GPUs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="bench/results-gpu-$(date +%Y%m%d-%H%M).jsonl"
gpus="$(./ssl4j doctor | sed -n "s/^gpus: *//p")"
if [ -z "$gpus" ] || [ "$gpus" -lt 1 ]; then
  echo "bench/gpu.sh: the engine sees no GPU; ./ssl4j doctor says:" >&2
  ./ssl4j doctor >&2
  exit 2
fi
executors=("gpu:0")
if [ "$gpus" -gt 1 ]; then
  executors+=("multi-gpu:$(seq -s, 0 $((gpus - 1)))")
fi
executors+=("cpu")
for executor in "${executors[@]}"; do
  ./ssl4j bench --executor "$executor" "$@" | tee -a "$out"
done
echo "written: $out" >&2
