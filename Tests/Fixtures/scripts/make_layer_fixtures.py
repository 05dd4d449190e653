"""PyTorch fixtures for the layer kernels (pooling, upsampling, zero padding, normalization, activations).

Run from the repository root:  /usr/bin/python3 Tests/Fixtures/scripts/make_layer_fixtures.py
Writes Tests/Fixtures/layers/*.safetensors (NHWC float32). Every case stores its input, the
upstream gradient `grad_output` used for the backward pass, the output and the gradients of
input and parameters; Tests/Generated.Runtime.Tests/Kernels/LayerFixtureTests.cs reads them with
Generated.IO.SafeTensors and compares the C# kernels.

Keras semantics are built from PyTorch pieces where the two differ:
  * Same padding is asymmetric (the odd cell at the bottom/right): explicit F.pad.
  * Max pooling pads with -inf so padding never wins.
  * Average pooling does not count padded cells: sum over the zero-padded window divided by the
    number of real cells (a pooled mask of ones), not count_include_pad.
  * Batch normalization's moving statistics follow Keras: moving = moving*momentum + batch*(1-momentum)
    with the biased batch variance (PyTorch's running_var would use the unbiased one).

`--xoshiro SEED` instead prints the first four outputs of an independent Python transcription of
xoshiro256** (seeded by SplitMix64), which Random/SeededRandomTests.cs compares against.
"""
import math
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_io  # noqa: E402

OUT = os.path.join("Tests", "Fixtures", "layers")
MASK64 = (1 << 64) - 1


def xoshiro256ss(seed, count):
    """xoshiro256** (https://prng.di.unimi.it/xoshiro256starstar.c) with SplitMix64 seeding."""
    state, x = [], seed
    for _ in range(4):
        x = (x + 0x9E3779B97F4A7C15) & MASK64
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        state.append(z ^ (z >> 31))
    rotl = lambda v, k: ((v << k) | (v >> (64 - k))) & MASK64  # noqa: E731
    s, out = state, []
    for _ in range(count):
        out.append((rotl((s[1] * 5) & MASK64, 7) * 9) & MASK64)
        t = (s[1] << 17) & MASK64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
    return out


def same_pads(size, pool, stride):
    """Keras Same: out = ceil(size/stride); total = max((out-1)*stride + pool - size, 0); odd cell after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + pool - size, 0)
    return total // 2, total - total // 2


def keras_pool(x, kind, pool, stride, padding):
    """x NCHW; Keras MaxPooling2D / AveragePooling2D."""
    if padding == "valid":
        if kind == "max":
            return F.max_pool2d(x, pool, stride)
        return F.avg_pool2d(x, pool, stride)
    top, bottom = same_pads(x.shape[2], pool, stride)
    left, right = same_pads(x.shape[3], pool, stride)
    pads = (left, right, top, bottom)
    if kind == "max":
        return F.max_pool2d(F.pad(x, pads, value=-math.inf), pool, stride)
    sums = F.avg_pool2d(F.pad(x, pads), pool, stride) * (pool * pool)
    counts = F.avg_pool2d(F.pad(torch.ones_like(x[:1, :1]), pads), pool, stride) * (pool * pool)
    return sums / counts


def nchw(array_nhwc):
    return array_nhwc.permute(0, 3, 1, 2)


def with_gradients(forward, leaves):
    """Runs forward(*leaves) (leaves NHWC or parameters), backpropagates a random upstream gradient."""
    leaves = [leaf.clone().requires_grad_(True) for leaf in leaves]
    output = forward(*leaves)
    upstream = torch.randn_like(output)
    output.backward(upstream)
    return output.detach(), upstream, [leaf.grad.detach() for leaf in leaves]


def pooling():
    tensors = {}
    x = torch.randn(2, 5, 7, 3)  # NHWC, odd sizes
    tensors["input"] = x
    cases = [("max", 2, 2, "valid"), ("max", 3, 2, "same"), ("max", 2, 1, "same"), ("max", 3, 1, "valid"),
             ("avg", 3, 2, "valid"), ("avg", 3, 2, "same"), ("avg", 2, 1, "same"), ("avg", 2, 3, "same")]
    for kind, pool, stride, padding in cases:
        name = f"{kind}_p{pool}_s{stride}_{padding}"
        out, up, (grad,) = with_gradients(lambda t: keras_pool(nchw(t), kind, pool, stride, padding).permute(0, 2, 3, 1), [x])
        tensors[f"{name}.output"] = out
        tensors[f"{name}.grad_output"] = up
        tensors[f"{name}.grad_input"] = grad
    for kind, reduce in (("global_avg", lambda t: t.mean(dim=(1, 2))), ("global_max", lambda t: t.amax(dim=(1, 2)))):
        out, up, (grad,) = with_gradients(reduce, [x])
        tensors[f"{kind}.output"] = out
        tensors[f"{kind}.grad_output"] = up
        tensors[f"{kind}.grad_input"] = grad
    fixture_io.write(os.path.join(OUT, "pooling.safetensors"), tensors)


def upsampling():
    tensors = {}
    x = torch.randn(2, 3, 4, 5)  # NHWC
    tensors["input"] = x
    for mode in ("nearest", "bilinear"):
        for fh, fw in ((2, 2), (3, 2)):
            name = f"{mode}_{fh}x{fw}"
            kwargs = {"align_corners": False} if mode == "bilinear" else {}
            out, up, (grad,) = with_gradients(
                lambda t: F.interpolate(nchw(t), scale_factor=(fh, fw), mode=mode, **kwargs).permute(0, 2, 3, 1), [x])
            tensors[f"{name}.output"] = out
            tensors[f"{name}.grad_output"] = up
            tensors[f"{name}.grad_input"] = grad
    fixture_io.write(os.path.join(OUT, "upsampling.safetensors"), tensors)


def zero_padding():
    """Keras ZeroPadding2D(((top, bottom), (left, right))) is F.pad(x, (left, right, top, bottom)) on NCHW."""
    torch.manual_seed(2026)  # its own stream: adding this fixture leaves the others as they were
    tensors = {}
    x = torch.randn(2, 3, 4, 5)  # NHWC
    tensors["input"] = x
    for top, bottom, left, right in ((1, 1, 1, 1), (2, 0, 1, 3)):
        name = f"pad_{top}_{bottom}_{left}_{right}"
        out, up, (grad,) = with_gradients(
            lambda t: F.pad(nchw(t), (left, right, top, bottom)).permute(0, 2, 3, 1), [x])
        tensors[f"{name}.output"] = out
        tensors[f"{name}.grad_output"] = up
        tensors[f"{name}.grad_input"] = grad
    fixture_io.write(os.path.join(OUT, "zero_padding.safetensors"), tensors)


def batch_norm():
    momentum, epsilon = 0.9, 1e-3
    x = torch.randn(3, 4, 5, 6) * 2 + 0.5  # NHWC, 6 channels
    gamma, beta = torch.randn(6), torch.randn(6)
    moving_mean, moving_variance = torch.randn(6), torch.rand(6) + 0.5
    out, up, (gx, gg, gb) = with_gradients(
        lambda t, g, b: F.batch_norm(nchw(t), None, None, g, b, training=True, eps=epsilon).permute(0, 2, 3, 1), [x, gamma, beta])
    rows = x.reshape(-1, 6)
    batch_mean, batch_variance = rows.mean(0), rows.var(0, unbiased=False)
    inference = F.batch_norm(nchw(x), moving_mean, moving_variance, gamma, beta, training=False, eps=epsilon).permute(0, 2, 3, 1)
    fixture_io.write(os.path.join(OUT, "batch_normalization.safetensors"), {
        "input": x, "gamma": gamma, "beta": beta, "moving_mean": moving_mean, "moving_variance": moving_variance,
        "output": out, "grad_output": up, "grad_input": gx, "grad_gamma": gg, "grad_beta": gb,
        "saved_mean": batch_mean, "saved_inverse_std": 1 / torch.sqrt(batch_variance + epsilon),
        "moving_mean_updated": moving_mean * momentum + batch_mean * (1 - momentum),
        "moving_variance_updated": moving_variance * momentum + batch_variance * (1 - momentum),
        "inference_output": inference,
    }, {"momentum": momentum, "epsilon": epsilon})


def layer_norm():
    epsilon = 1e-3
    x = torch.randn(2, 3, 4, 7) - 0.5  # NHWC, normalized over the 7 channels
    gamma, beta = torch.randn(7), torch.randn(7)
    out, up, (gx, gg, gb) = with_gradients(lambda t, g, b: F.layer_norm(t, (7,), g, b, eps=epsilon), [x, gamma, beta])
    fixture_io.write(os.path.join(OUT, "layer_normalization.safetensors"), {
        "input": x, "gamma": gamma, "beta": beta, "output": out, "grad_output": up,
        "grad_input": gx, "grad_gamma": gg, "grad_beta": gb,
    }, {"epsilon": epsilon})


def activations():
    functions = {
        "linear": lambda t: t * 1,
        "relu": F.relu,
        "leaky_relu": lambda t: F.leaky_relu(t, 0.2),
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "softmax": lambda t: F.softmax(t, dim=-1),
        "elu": F.elu,
        "swish": F.silu,
        "softplus": F.softplus,
    }
    x = torch.randn(4, 10) * 3  # 4 rows of 10 channels; softmax over the channels
    x = x + torch.sign(x) * 0.05  # away from the kinks at zero
    tensors = {"input": x}
    for name, function in functions.items():
        out, up, (grad,) = with_gradients(function, [x])
        tensors[f"{name}.output"] = out
        tensors[f"{name}.grad_output"] = up
        tensors[f"{name}.grad_input"] = grad
    fixture_io.write(os.path.join(OUT, "activations.safetensors"), tensors)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--xoshiro":
        print(xoshiro256ss(int(sys.argv[2]), 4))
        return
    torch.manual_seed(2024)
    os.makedirs(OUT, exist_ok=True)
    pooling()
    upsampling()
    batch_norm()
    layer_norm()
    activations()
    zero_padding()


if __name__ == "__main__":
    main()
