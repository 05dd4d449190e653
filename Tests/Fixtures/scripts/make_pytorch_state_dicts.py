"""PyTorch twins of two networks, their state_dicts and their outputs: the fixtures of LoadWeights(path, WeightLoadOptions.PyTorch()).

Run from the repository root:  /usr/bin/python3 Tests/Fixtures/scripts/make_pytorch_state_dicts.py

Unlike make_model_fixtures.py (which keeps Keras layouts), these are plain torch.nn modules with PyTorch's own
initialization and layouts: Conv2d OIHW, ConvTranspose2d [in, out, kh, kw], Linear [out, in], BatchNorm2d's running
statistics and num_batches_tracked (int64), LayerNorm. The first Linear after nn.Flatten sees NCHW-flattened features,
which is what the C# loader must reorder. Keras' Same padding (odd pixel bottom/right) is an explicit F.pad.

Writes into Tests/Fixtures/pytorch/:
  M.state_dict.safetensors   model.state_dict() in registration order (the safetensors package is not on Debian, so
                             fixture_io writes the format; int64 tensors are written as I64)
  M.expected.safetensors     input (N, H, W, C) and the eval-mode output (N, classes)
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_io  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pytorch")


class MnistConvnet(nn.Module):
    """M1: Keras' MNIST convnet (Tests/Generated.Models.Tests/Models.cs MnistConvnet)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc = nn.Linear(5 * 5 * 64, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)  # NCHW order: what the C# loader reorders to NHWC
        return torch.softmax(self.fc(F.dropout(x, 0.5, self.training)), dim=1)


def same(x, kernel, stride):
    """Keras' Same padding for a square input: total = max((out-1)*stride + k - in, 0), odd pixel bottom/right."""
    size = x.shape[2]
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return F.pad(x, (total // 2, total - total // 2, total // 2, total - total // 2))


class StridedNormalized(nn.Module):
    """An M4-like net: strided Same convolutions, batch and layer normalization, a transposed convolution, a Dense head."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, bias=False)
        self.bn = nn.BatchNorm2d(8, eps=1e-3, momentum=0.01)
        self.down = nn.Conv2d(8, 16, 3, stride=2)
        self.up = nn.ConvTranspose2d(16, 4, 2, stride=2)
        self.fc1 = nn.Linear(6 * 6 * 4, 16)
        self.norm = nn.LayerNorm(16, eps=1e-3)
        self.fc2 = nn.Linear(16, 5)

    def forward(self, x):
        x = F.leaky_relu(self.bn(self.stem(same(x, 3, 2))), 0.1)
        x = F.relu(self.down(same(x, 3, 2)))
        x = F.relu(self.up(x))
        x = self.norm(self.fc1(torch.flatten(x, 1)))
        return torch.softmax(self.fc2(x), dim=1)


def write_state_dict(path, model):
    """Like fixture_io.write, but keeps int64 tensors (num_batches_tracked) as I64, as safetensors.torch.save_file would."""
    header = {}
    blobs = []
    offset = 0
    for name, value in model.state_dict().items():
        array = value.detach().cpu().numpy()
        dtype = "I64" if array.dtype == np.int64 else "F32"
        array = np.ascontiguousarray(array.astype(np.int64 if dtype == "I64" else np.float32))
        data = array.tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def emit(name, model, shape, samples):
    generator = torch.Generator().manual_seed(7)
    x = torch.rand((samples,) + shape, generator=generator)
    model.eval()
    with torch.no_grad():
        y = model(x)
    write_state_dict(os.path.join(OUT, name + ".state_dict.safetensors"), model)
    fixture_io.write(os.path.join(OUT, name + ".expected.safetensors"), {"input": fixture_io.nhwc(x), "output": y.numpy()})
    print(name, "output[0] =", np.round(y[0].numpy(), 4))


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(1234)
    mnist = MnistConvnet()
    with torch.no_grad():
        mnist.fc.weight.mul_(8)  # confident outputs, so a wrong column order shows far above the 1e-4 tolerance
    emit("MnistConvnet", mnist, (1, 28, 28), 4)

    torch.manual_seed(4321)
    strided = StridedNormalized()
    with torch.no_grad():
        # Moving statistics and affine parameters away from their defaults, as after training.
        strided.bn.running_mean.uniform_(-0.5, 0.5)
        strided.bn.running_var.uniform_(0.5, 2.0)
        strided.bn.weight.uniform_(0.5, 1.5)
        strided.bn.bias.uniform_(-0.2, 0.2)
        strided.bn.num_batches_tracked.fill_(100)
        strided.norm.weight.uniform_(0.5, 1.5)
        strided.norm.bias.uniform_(-0.2, 0.2)
    emit("StridedNormalized", strided, (3, 12, 12), 4)


if __name__ == "__main__":
    main()
