#!/usr/bin/env bash
# Times one supervised step (bench/StepBreakdown.java, fused update) under libtorch engine
# settings that are chosen outside the code: OpenMP's wait policy (omp-spin: GNU OpenMP's default,
# spinning before it sleeps; omp-passive: the ssl4j launcher's), glibc malloc's thresholds, jemalloc. One JSON line per setting and model, each in a fresh JVM, with the minor page faults
# per step (fresh memory the allocator asked the kernel for).
#
#   bench/engine-settings.sh [THREADS]          MODELS="wrn-28-2" bench/engine-settings.sh 2
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="${1:-2}"
"$home/ssl4j" plugins > /dev/null   # builds the application if needed
app="$home/ssl-app/target"
cp="$app/ssl-app-0.1.0-SNAPSHOT.jar:$app/lib/*"
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2   # Debian: apt-get install libjemalloc2
settings=(
  "omp-spin|"
  "omp-passive|OMP_WAIT_POLICY=PASSIVE"
  "omp-passive+malloc-no-mmap|OMP_WAIT_POLICY=PASSIVE GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456"
)
[ -f "$jemalloc" ] && settings+=("omp-passive+jemalloc|OMP_WAIT_POLICY=PASSIVE LD_PRELOAD=$jemalloc")
for model in ${MODELS:-small-cnn wrn-28-2 efficientnet-b0}; do
  for setting in "${settings[@]}"; do
    name="${setting%%|*}"
    # shellcheck disable=SC2086
    line=$(env -u OMP_WAIT_POLICY OMP_NUM_THREADS="$threads" ${setting#*|} java -Dai.djl.offline=true -cp "$cp" \
        "$home/bench/StepBreakdown.java" "$model" "$threads" fused)
    echo "{\"setting\": \"$name\", ${line#\{}"
  done
done
