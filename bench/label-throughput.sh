#!/usr/bin/env bash
# ssl4j label over all 60,000 Fashion-MNIST training images, three ways: in this process, on
# Spark local[1] and on Spark local[2]; each prints its images/s (model load, reading the IDX
# file, decoding, labelling and writing the Parquet table included; on Spark also the session's
# start). The teacher is a small CNN trained for 100 steps with the Fashion-MNIST supervised
# example (accuracy does not matter for throughput), trained once into runs/bench/cnn.
#
#   bench/label-throughput.sh
#
# Needs the Fashion-MNIST IDX files (apt-get install dataset-fashion-mnist).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
input=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
mkdir -p runs/bench
if [ ! -f runs/bench/cnn/summary.json ]; then
  sed -e 's/steps: 2000/steps: 100/' -e 's/evaluateEvery: 500/evaluateEvery: 100/' \
    examples/fashion-mnist-1k-supervised.yaml > runs/bench/fm-100.yaml
  ./ssl4j train runs/bench/fm-100.yaml --out runs/bench/cnn
fi
rm -rf runs/bench/labels-*
echo "in process, 2 libtorch threads:"
SSL4J_THREADS=2 ./ssl4j label runs/bench/cnn --input "$input" --out runs/bench/labels-inprocess 2>/dev/null
echo "local[1], 2 libtorch threads:"
SSL4J_THREADS=2 ./ssl4j label runs/bench/cnn --input "$input" --out runs/bench/labels-local1 --spark 'local[1]' 2>/dev/null
echo "local[2], 1 libtorch thread (one per task):"
SSL4J_THREADS=1 ./ssl4j label runs/bench/cnn --input "$input" --out runs/bench/labels-local2 --spark 'local[2]' 2>/dev/null
echo "local[2], 2 libtorch threads (shared by both tasks):"
SSL4J_THREADS=2 ./ssl4j label runs/bench/cnn --input "$input" --out runs/bench/labels-local2t2 --spark 'local[2]' 2>/dev/null
