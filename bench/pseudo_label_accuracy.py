#!/usr/bin/env python3
"""How right a Noisy Student run's pseudo labels are, from its pseudo-labels/round-K.csv files
and the true labels of the unlabeled pool (a diagnostic: the method never reads those).

  python3 bench/pseudo_label_accuracy.py RUN_FOLDER [TRAIN_LABELS_IDX]

TRAIN_LABELS_IDX defaults to Fashion-MNIST's train-labels-idx1-ubyte.gz; the pool is the
training set in file order (no validation split), as ssl-data-images loads it.
"""
import glob, gzip, os, sys

run = sys.argv[1]
labels_file = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz"
opener = gzip.open if labels_file.endswith(".gz") else open
with opener(labels_file, "rb") as f:
    truth = f.read()[8:]
for path in sorted(glob.glob(os.path.join(run, "pseudo-labels", "round-*.csv"))):
    rows = [line.split(",", 4) for line in open(path) if line[0].isdigit()]
    right = sum(truth[int(r[0])] == int(r[1]) for r in rows)
    kept = sum(int(r[3]) for r in rows)
    kept_right = sum(int(r[3]) for r in rows if truth[int(r[0])] == int(r[1]))
    print(f"{os.path.basename(path)}: teacher right on {100 * right / len(rows):.2f}% of the pool; "
          f"the student's set: {kept} images (copies counted), {100 * kept_right / max(kept, 1):.2f}% right")
