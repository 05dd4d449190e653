#!/usr/bin/env bash
# Makes TorchSharp-cpu 0.107's native library (libtorch 2.10) load on Debian 12, in place:
#     scripts/torchsharp-native.sh DIR     # DIR: the build output's runtimes/linux-x64/native
# libLibTorchSharp.so was linked against GCC 13's libstdc++ and needs GLIBCXX_3.4.32 for one symbol,
# std::ios_base_library_init(); Debian 12 ships GCC 12's libstdc++ (up to GLIBCXX_3.4.30). So:
#   1. build scripts/torchsharp/ios_base_library_init.cpp (an empty definition) with g++ into DIR,
#   2. mark the GLIBCXX_3.4.32 requirement weak (scripts/torchsharp/weaken_version.py),
#   3. drop that symbol's version and add the shim as a needed library (Debian's patchelf).
# Idempotent: a patched library is left alone. Needs g++ and patchelf (apt-get install g++ patchelf).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: scripts/torchsharp-native.sh DIR (runtimes/linux-x64/native of the TorchSharp build output)}
lib="$dir/libLibTorchSharp.so"
shim=libios_base_library_init.so
[ -f "$lib" ] || { echo "torchsharp-native.sh: $lib not found (build Tests/Generated.Benchmarks.TorchSharp first)" >&2; exit 1; }
for tool in g++ patchelf readelf; do
    command -v "$tool" >/dev/null || { echo "torchsharp-native.sh: $tool is missing: apt-get install g++ patchelf binutils" >&2; exit 1; }
done
if readelf -d "$lib" | grep -q "$shim"; then
    echo "torchsharp-native.sh: $lib is already patched"
    exit 0
fi
g++ -O2 -shared -fPIC -o "$dir/$shim" "$here/torchsharp/ios_base_library_init.cpp"
python3 "$here/torchsharp/weaken_version.py" "$lib" GLIBCXX_3.4.32
patchelf --clear-symbol-version _ZSt21ios_base_library_initv "$lib"
patchelf --add-needed "$shim" "$lib"
echo "torchsharp-native.sh: $lib now loads with this machine's libstdc++ ($shim beside it)"
