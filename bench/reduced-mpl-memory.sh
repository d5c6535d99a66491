#!/usr/bin/env bash
# Peak resident memory of MPL against Reduced MPL with WRN-28-2 networks (docs/benchmarks.md).
# Cuts the installed Fashion-MNIST to its first 3,000 training and 500 test records (so that
# storing the large teacher's predictions takes seconds), then trains each method for 30 steps
# of labeled batch 8, ratio 7, 2 threads, and prints the peak RSS of each process.
#
#   bench/reduced-mpl-memory.sh [FASHION_MNIST_DIR]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="${1:-/usr/share/datasets/fashion-mnist}"
work="$(mktemp -d "${TMPDIR:-/tmp}/ssl4j-reduced.XXXXXX")"
python3 - "$source_dir" "$work/data" <<'PY'
import gzip, os, struct, sys
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
def cut(name, n):
    d = gzip.open(os.path.join(src, name), 'rb').read()
    magic = struct.unpack('>I', d[:4])[0]
    ndim = magic & 0xff
    dims = list(struct.unpack('>' + 'I' * ndim, d[4:4 + 4 * ndim]))
    per = 1
    for x in dims[1:]:
        per *= x
    dims[0] = n
    body = d[4 + 4 * ndim:4 + 4 * ndim + n * per]
    with gzip.open(os.path.join(out, name), 'wb') as f:
        f.write(struct.pack('>I', magic) + struct.pack('>' + 'I' * ndim, *dims) + body)
for name, n in [('train-images-idx3-ubyte.gz', 3000), ('train-labels-idx1-ubyte.gz', 3000),
                ('t10k-images-idx3-ubyte.gz', 500), ('t10k-labels-idx1-ubyte.gz', 500)]:
    cut(name, n)
PY
wrn='{type: wide-resnet, depth: 28, width: 2}'
sgd='{type: sgd, lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 5.0e-4}'
common="data: {type: fashion-mnist, directory: $work/data, labeledPerClass: 10}
train: {steps: 30, batchSize: 8, unlabeledRatio: 7, evaluateEvery: 1000}
executor: {type: cpu, threads: 2}
seed: 1"
cat > "$work/mpl.yaml" <<YAML
name: mem-mpl
$common
method: {type: mpl, teacher: {backbone: $wrn, optimizer: $sgd}}
YAML
cat > "$work/reduced.yaml" <<YAML
name: mem-reduced
$common
method:
  type: reduced-mpl
  largeTeacher: {backbone: $wrn, optimizer: $sgd}
  largeTeacherSteps: 30
  reducedTeacher: {backbone: {type: mlp, hidden: [64]}, optimizer: {type: sgd, lr: 0.05, momentum: 0.9}}
YAML
for method in mpl reduced; do
  /usr/bin/time -f "$method peak RSS %M KiB, %e s" "$home/ssl4j" train "$work/$method.yaml" \
    --out "$work/run-$method" > "$work/$method.log" 2> "$work/$method.time" || { cat "$work/$method.log"; exit 1; }
  tail -1 "$work/$method.time"
done
