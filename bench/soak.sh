#!/usr/bin/env bash
# Soak: trains one config (one method, one seed) to the end and reports how the process's
# resident memory (VmRSS, logged by metrics.jsonl at every logged step) moves after warm-up.
# Native memory that leaks per step shows up here as steady growth.
#
#   bench/soak.sh CONFIG [WARMUP_FRACTION] [OUT_DIR]
#
# CONFIG should log often (train.logEvery: 100 samples memory every 100 steps). Warm-up is the
# first WARMUP_FRACTION of the steps (default 0.2); growth is measured from the first sample
# after it to the last sample, and to the largest one. Prints one row per sample every 500 steps
# and a summary line; the verdict compares the growth with 5%.
#
# The Java heap is fixed and touched up front (JAVA_OPTS, unless set), so that the JVM's lazy
# growth of its heap towards -Xmx is not mistaken for a leak: what moves is native memory.
set -euo pipefail
export JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m -XX:+AlwaysPreTouch}"
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
config="${1:?usage: bench/soak.sh CONFIG [WARMUP_FRACTION] [OUT_DIR]}"
warmup="${2:-0.2}"
out="${3:-$(mktemp -d "${TMPDIR:-/tmp}/ssl4j-soak.XXXXXX")}"
python="${PYTHON:-python3}"

start=$(date +%s)
"$home/ssl4j" train "$config" --out "$out" > "$out.log" 2>&1 || { cat "$out.log"; exit 1; }
end=$(date +%s)
tail -n 1 "$out.log"
echo "JAVA_OPTS=$JAVA_OPTS"

"$python" - "$out/metrics.jsonl" "$warmup" "$((end - start))" <<'PY'
import json, sys
metrics, warmup, seconds = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
samples = [(l["globalStep"], l["residentBytes"]) for l in map(json.loads, open(metrics))
           if l.get("kind") == "step" and "residentBytes" in l]
if not samples:
    sys.exit("no residentBytes in " + metrics + " (Linux only)")
steps = samples[-1][0]
after = [s for s in samples if s[0] > warmup * steps]
base_step, base = after[0]
last_step, last = samples[-1]
peak_step, peak = max(after, key=lambda s: s[1])
mib = lambda b: b / 2**20
print("| step | resident MiB |")
print("|---|---|")
for step, rss in samples:
    if step % 500 == 0 or step == samples[0][0]:
        print(f"| {step} | {mib(rss):.1f} |")
growth = (last - base) / base * 100
peak_growth = (peak - base) / base * 100
print(f"samples {len(samples)}, steps {steps}, wall {seconds} s; after warm-up (step {base_step}): "
      f"{mib(base):.1f} MiB -> {mib(last):.1f} MiB at step {last_step} ({growth:+.2f}%), "
      f"peak {mib(peak):.1f} MiB at step {peak_step} ({peak_growth:+.2f}%); "
      f"{'flat (under 5%)' if max(growth, peak_growth) < 5 else 'GROWS (5% or more)'}")
PY
