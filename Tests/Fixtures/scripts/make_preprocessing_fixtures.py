"""PyTorch fixtures for the preprocessing, augmentation, regularization and activation layers of issue 11.

Run from the repository root:  /usr/bin/python3 Tests/Fixtures/scripts/make_preprocessing_fixtures.py
Writes Tests/Fixtures/layers/preprocessing.safetensors (NHWC float32); read by
Tests/Generated.Runtime.Tests/Kernels/PreprocessingFixtureTests.cs. Every case stores its input, the upstream
gradient `grad_output`, the output and the gradients of input and parameters.

Keras semantics from PyTorch pieces:
  * Normalization: (x - mean) / max(sqrt(variance), 1e-7) (Keras 3), statistics constant.
  * GroupNormalization: F.group_norm (the same formula as Keras 3: variance + epsilon under the root).
  * PReLU: torch.where(x > 0, x, alpha * x) with alpha broadcast as Keras' shared_axes make it.
  * Augmentation: Keras 3's affine_transform (output pixel (x, y) reads the input at a0 x + a1 y + a2,
    b0 x + b1 y + b2, bilinear) is F.grid_sample with align_corners=False on the grid (2x' + 1) / W - 1;
    its padding modes "reflection", "zeros" and "border" are Keras' fill modes reflect, constant and nearest.
    The transforms are drawn here from an independent transcription of SeededRandom (xoshiro256**, see
    make_layer_fixtures.py) with RandomTransforms' formulas and Keras 3's matrices, so the C# draws are checked too.
  * SpatialDropout2D: the mask drawn the same way (one NextSingle per sample and channel, kept if >= rate).
"""
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_io  # noqa: E402
from make_layer_fixtures import xoshiro256ss  # noqa: E402

OUT = os.path.join("Tests", "Fixtures", "layers")


def with_gradients(forward, leaves):
    leaves = [leaf.clone().requires_grad_(True) for leaf in leaves]
    output = forward(*leaves)
    upstream = torch.randn_like(output)
    output.backward(upstream)
    return output.detach(), upstream, [leaf.grad.detach() for leaf in leaves]


def nchw(t):
    return t.permute(0, 3, 1, 2)


def nhwc(t):
    return t.permute(0, 2, 3, 1)


class Stream:
    """SeededRandom's NextSingle and top-bit coin over an independent xoshiro256** transcription."""

    def __init__(self, seed, count=4096):
        self.values = xoshiro256ss(seed, count)
        self.index = 0

    def next(self):
        value = self.values[self.index]
        self.index += 1
        return value

    def single(self):
        return np.float32(self.next() >> 40) * np.float32(1.0 / (1 << 24))

    def symmetric(self, factor):
        return (np.float32(2) * self.single() - np.float32(1)) * np.float32(factor)

    def coin(self):
        return (self.next() >> 63) != 0


def draws(kind, batch, height, width, seed):
    """RandomTransforms' transforms (a0, a1, a2, b0, b1, b2) per sample, in float32 as the C# code computes them."""
    stream, rows = Stream(seed), []
    f32 = np.float32
    for _ in range(batch):
        if kind == "flip":
            h, v = stream.coin(), stream.coin()
            rows.append([-1 if h else 1, 0, width - 1 if h else 0, 0, -1 if v else 1, height - 1 if v else 0])
        elif kind == "translation":
            dy = stream.symmetric(0.3) * f32(height)
            dx = stream.symmetric(0.4) * f32(width)
            rows.append([1, 0, -dx, 0, 1, -dy])
        elif kind == "rotation":
            angle = stream.symmetric(0.2) * f32(2) * f32(math.pi)
            c, s = np.cos(angle, dtype=np.float32), np.sin(angle, dtype=np.float32)
            w, h = f32(width - 1), f32(height - 1)
            rows.append([c, -s, (w - (c * w - s * h)) / f32(2), s, c, (h - (s * w + c * h)) / f32(2)])
        else:  # zoom, separate factors
            zy = f32(1) + stream.symmetric(0.3)
            zx = f32(1) + stream.symmetric(0.2)
            rows.append([zx, 0, f32(width - 1) / f32(2) * (f32(1) - zx), 0, zy, f32(height - 1) / f32(2) * (f32(1) - zy)])
    return torch.tensor(np.array(rows, dtype=np.float32))


def affine(x, transforms, padding_mode):
    """x NHWC; Keras 3 affine_transform via grid_sample."""
    batch, height, width, _ = x.shape
    ys, xs = torch.meshgrid(torch.arange(height, dtype=torch.float32), torch.arange(width, dtype=torch.float32), indexing="ij")
    t = transforms[:, :, None, None]
    sx = t[:, 0] * xs + t[:, 1] * ys + t[:, 2]
    sy = t[:, 3] * xs + t[:, 4] * ys + t[:, 5]
    grid = torch.stack(((2 * sx + 1) / width - 1, (2 * sy + 1) / height - 1), dim=-1)
    return nhwc(F.grid_sample(nchw(x), grid, mode="bilinear", padding_mode=padding_mode, align_corners=False))


def main():
    torch.manual_seed(2611)
    os.makedirs(OUT, exist_ok=True)
    tensors = {}

    # Activations: 4 rows of 10, away from the kinks at 0 (and HardSwish's at ±3, Relu6's at 6).
    x = torch.randn(4, 10) * 3
    x = x + torch.sign(x) * 0.05
    x = torch.where((x.abs() - 3).abs() < 0.05, x + 0.1, x)
    tensors["activations.input"] = x
    for name, function in {"relu6": F.relu6, "gelu": lambda t: F.gelu(t, approximate="none"), "selu": F.selu, "hard_swish": F.hardswish}.items():
        out, up, (grad,) = with_gradients(function, [x])
        tensors[f"{name}.output"], tensors[f"{name}.grad_output"], tensors[f"{name}.grad_input"] = out, up, grad

    # Rescaling and Normalization (3 channels).
    x = torch.rand(2, 4, 5, 3) * 255
    mean, variance = torch.tensor([120.0, 110.0, 100.0]), torch.tensor([3000.0, 0.0, 1500.0])
    tensors["rescaling.input"] = x
    out, up, (grad,) = with_gradients(lambda t: t * (1 / 255) - 0.5, [x])
    tensors["rescaling.output"], tensors["rescaling.grad_output"], tensors["rescaling.grad_input"] = out, up, grad
    tensors["normalization.mean"], tensors["normalization.variance"] = mean, variance
    out, up, (grad,) = with_gradients(lambda t: (t - mean) / torch.clamp(torch.sqrt(variance), min=1e-7), [x])
    tensors["normalization.output"], tensors["normalization.grad_output"], tensors["normalization.grad_input"] = out, up, grad

    # GroupNormalization: 2 samples of 3x4x6, 3 groups, epsilon 1e-3.
    x = torch.randn(2, 3, 4, 6) * 2 + 0.5
    gamma, beta = torch.randn(6), torch.randn(6)
    tensors["group_norm.input"], tensors["group_norm.gamma"], tensors["group_norm.beta"] = x, gamma, beta
    out, up, (gx, gg, gb) = with_gradients(lambda t, g, b: nhwc(F.group_norm(nchw(t), 3, g, b, eps=1e-3)), [x, gamma, beta])
    for key, value in {"output": out, "grad_output": up, "grad_input": gx, "grad_gamma": gg, "grad_beta": gb}.items():
        tensors[f"group_norm.{key}"] = value

    # PReLU: per channel (shared_axes=[1, 2]) and per element (Keras' default).
    x = torch.randn(2, 3, 4, 5)
    x = x + torch.sign(x) * 0.05
    tensors["prelu.input"] = x
    for name, shape in (("channel", (1, 1, 5)), ("element", (3, 4, 5))):
        alpha = torch.rand(shape) * 0.5
        out, up, (gx, ga) = with_gradients(lambda t, a: torch.where(t > 0, t, a * t), [x, alpha])
        for key, value in {"alpha": alpha, "output": out, "grad_output": up, "grad_input": gx, "grad_alpha": ga}.items():
            tensors[f"prelu_{name}.{key}"] = value

    # Augmentation: 3 samples of 5x6x2, transforms drawn from seed 5 per kind.
    x = torch.randn(3, 5, 6, 2)
    tensors["augment.input"] = x
    for kind in ("flip", "translation", "rotation", "zoom"):
        transforms = draws(kind, 3, 5, 6, seed=5)
        tensors[f"{kind}.transforms"] = transforms
        for fill, mode in (("reflect", "reflection"), ("constant", "zeros"), ("nearest", "border")):
            out, up, (grad,) = with_gradients(lambda t: affine(t, transforms, mode), [x])
            tensors[f"{kind}_{fill}.output"], tensors[f"{kind}_{fill}.grad_output"], tensors[f"{kind}_{fill}.grad_input"] = out, up, grad

    # SpatialDropout2D, rate 0.4, seed 9: 2 samples of 3x3x4.
    x = torch.randn(2, 3, 3, 4)
    stream = Stream(9)
    mask = torch.tensor([[1 / (1 - np.float32(0.4)) if stream.single() >= np.float32(0.4) else 0.0 for _ in range(4)] for _ in range(2)], dtype=torch.float32)
    tensors["spatial_dropout.input"], tensors["spatial_dropout.mask"] = x, mask
    tensors["spatial_dropout.output"] = x * mask[:, None, None, :]

    fixture_io.write(os.path.join(OUT, "preprocessing.safetensors"), tensors)


if __name__ == "__main__":
    main()
