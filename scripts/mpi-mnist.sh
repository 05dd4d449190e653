#!/usr/bin/env bash
# Data-parallel MNIST on this machine: the Keras MNIST convnet trained by 2 MPI ranks (1 kernel thread each), then the
# scaling comparison of docs/DISTRIBUTED.md (1 rank x 2 threads vs 2 ranks x 1 thread). Not part of `dotnet test`: the
# 99% run takes several minutes.
#   scripts/mpi-mnist.sh [epochs=6] [train samples=60000]
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-6}"
samples="${2:-60000}"
dotnet build Tests/Generated.Distributed.Check -c Release -v quiet -nologo
program=Tests/Generated.Distributed.Check/bin/Release/net10.0/Generated.Distributed.Check.dll
root=()
[ "$(id -u)" = 0 ] && root=(--allow-run-as-root)
mpi=(mpirun -np 2 --oversubscribe --bind-to none --mca btl self,tcp --mca btl_tcp_if_include lo "${root[@]}")

echo "== MNIST, 2 ranks x 1 thread, $epochs epochs on $samples samples"
"${mpi[@]}" dotnet "$program" mnist "$epochs" 1 "$samples"

echo "== scaling: one epoch on 12000 samples"
dotnet "$program" mnist 1 1 12000
dotnet "$program" mnist 1 2 12000
"${mpi[@]}" dotnet "$program" mnist 1 1 12000
