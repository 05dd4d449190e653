"""Writes wwwroot/test-digits.bin: the first COUNT MNIST test digits as records of
one label byte + 784 pixel bytes. Run once from the repository root:
    python3 Samples/DigitPad/scripts/make_test_digits.py [mnist-folder]
The MNIST folder defaults to ~/.cache/generated/mnist (filled by `dotnet run --project Samples/Mnist`)."""
import os
import struct
import sys

COUNT = 200
folder = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/generated/mnist")
with open(os.path.join(folder, "t10k-images-idx3-ubyte"), "rb") as f:
    magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
    assert magic == 2051 and rows == 28 and cols == 28, "not an MNIST image file"
    images = f.read(COUNT * 784)
with open(os.path.join(folder, "t10k-labels-idx1-ubyte"), "rb") as f:
    magic, n = struct.unpack(">II", f.read(8))
    assert magic == 2049, "not an MNIST label file"
    labels = f.read(COUNT)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wwwroot", "test-digits.bin")
with open(out, "wb") as f:
    for i in range(COUNT):
        f.write(bytes([labels[i]]) + images[i * 784:(i + 1) * 784])
print(f"wrote {COUNT} digits to {os.path.normpath(out)}")
