#!/usr/bin/env bash
# Data-parallel MNIST on this machine (docs/DISTRIBUTED.md). Not part of `dotnet test`.
#   scripts/mpi-mnist.sh [mnist|scaling|all] [max epochs=15] [train samples=60000] [target accuracy=0.99] [scaling rounds=3]
# mnist:   the Keras MNIST convnet trained by 2 MPI ranks x 1 kernel thread until the test accuracy reaches the target (checked
#          after every epoch) or the epochs run out; prints per epoch its time, samples/s, accuracy and all-reduce time, and per
#          rank its CPU use and the cost of one all-reduce alone.
# scaling: one epoch on 12,000 samples as 1 rank x 2 threads and as 2 ranks x 1 thread, interleaved for the given number of
#          rounds so both see the same machine load; prints samples/s of each and the load average.
# The ranks talk through shared memory (Open MPI's vader transport) and yield while they wait: on one machine that is the
# loopback path, and a rank that busy-polls in MPI_Allreduce would take the core the other rank needs.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-all}"
epochs="${2:-15}"
samples="${3:-60000}"
target="${4:-0.99}"
rounds="${5:-3}"
dotnet build Tests/Generated.Distributed.Check -c Release -v quiet -nologo
program=Tests/Generated.Distributed.Check/bin/Release/net10.0/Generated.Distributed.Check.dll
root=()
[ "$(id -u)" = 0 ] && root=(--allow-run-as-root)
mpi=(mpirun -np 2 --oversubscribe --bind-to none --mca btl self,vader --mca mpi_yield_when_idle 1 "${root[@]}")

if [ "$mode" = mnist ] || [ "$mode" = all ]; then
    echo "== MNIST, 2 ranks x 1 thread, up to $epochs epochs on $samples samples, until $target test accuracy (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    start=$(date +%s)
    "${mpi[@]}" dotnet "$program" mnist "$epochs" 1 "$samples" "$target"
    echo "wall time $(( $(date +%s) - start )) s with start-up (load: $(cut -d' ' -f1-3 /proc/loadavg))"
fi

if [ "$mode" = scaling ] || [ "$mode" = all ]; then
    for round in $(seq 1 "$rounds"); do
        echo "== scaling round $round: one epoch on 12000 samples (load: $(cut -d' ' -f1-3 /proc/loadavg))"
        dotnet "$program" mnist 1 2 12000 | grep '^ranks'
        "${mpi[@]}" dotnet "$program" mnist 1 1 12000 | grep '^ranks'
    done
fi
