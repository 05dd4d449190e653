"""PyTorch twins of the networks in Tests/Generated.Models.Tests/Models.cs, written as test fixtures.

Run from the repository root:  /usr/bin/python3 Tests/Fixtures/scripts/make_model_fixtures.py

Every parameter is a leaf tensor kept in Keras' layout (conv kernels HWIO, Conv2DTranspose kernels
[kh, kw, out, in], Dense kernels [in, out]) and permuted only where PyTorch's ops need it, so the
gradients PyTorch computes are already in the layout the C# network reports. Everything is computed
in float64 and stored as float32: the expected values are the exact function, not PyTorch's rounding.

For each model M this writes into Tests/Fixtures/models/:
  M.weights.safetensors   the parameters under Keras' names: the file the network's LoadWeights reads
                          (omitted for the two large models, whose weights follow formula_weights below)
  M.expected.safetensors  input (N, H, W, C) and the inference output; for the gradient models also
                          output_gradient g, training_output (Forward(training: true)), input_gradient
                          and gradient.{tensor} for loss = sum(output * g), and state.{tensor}: the
                          moving statistics after that one training forward pass.
"""
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_io  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models")
torch.set_default_dtype(torch.float64)


# ----------------------------------------------------------------------------- layers (NCHW inside)

def same_padding(size, kernel, stride):
    """Keras' Same padding of one axis: (before, after), the odd cell after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv2d(x, p, name, stride=1, same=False, activation=None):
    kernel = p[name + ".kernel"]
    if same:
        top, bottom = same_padding(x.shape[2], kernel.shape[0], stride)
        left, right = same_padding(x.shape[3], kernel.shape[1], stride)
        x = F.pad(x, (left, right, top, bottom))
    y = F.conv2d(x, kernel.permute(3, 2, 0, 1), p.get(name + ".bias"), stride=stride)
    return activate(y, activation)


def conv2d_transpose(x, p, name, stride, activation=None):
    """Valid padding: out = in * stride + max(k - stride, 0), as Keras."""
    kernel = p[name + ".kernel"]  # [kh, kw, out, in]
    y = F.conv_transpose2d(x, kernel.permute(3, 2, 0, 1), p.get(name + ".bias"), stride=stride)
    return activate(y, activation)


def dense(x, p, name, activation=None):
    """Maps the last axis; x is (N, features)."""
    y = x @ p[name + ".kernel"]
    if name + ".bias" in p:
        y = y + p[name + ".bias"]
    return activate(y, activation, channel_axis=-1)


def activate(x, activation, channel_axis=1, alpha=0.2):
    if activation is None:
        return x
    if activation == "relu":
        return F.relu(x)
    if activation == "sigmoid":
        return torch.sigmoid(x)
    if activation == "tanh":
        return torch.tanh(x)
    if activation == "swish":
        return x * torch.sigmoid(x)
    if activation == "softmax":
        return torch.softmax(x, dim=channel_axis)
    if activation == "leaky_relu":
        return F.leaky_relu(x, alpha)
    raise ValueError(activation)


def average_pool_same(x, pool, stride):
    """Keras' Same average pooling: padded cells are not counted."""
    top, bottom = same_padding(x.shape[2], pool, stride)
    left, right = same_padding(x.shape[3], pool, stride)
    padded = F.pad(x, (left, right, top, bottom))
    ones = F.pad(torch.ones_like(x[:, :1]), (left, right, top, bottom))
    return F.avg_pool2d(padded, pool, stride) / F.avg_pool2d(ones, pool, stride)


def batch_normalization(x, p, s, name, training, momentum=0.99, epsilon=1e-3):
    """Keras: batch statistics (biased variance) while training, moving statistics at inference."""
    gamma, beta = p[name + ".gamma"], p[name + ".beta"]
    if training:
        mean = x.mean(dim=(0, 2, 3))
        variance = x.var(dim=(0, 2, 3), unbiased=False)
        s[name + ".moving_mean"] = s[name + ".moving_mean"] * momentum + mean.detach() * (1 - momentum)
        s[name + ".moving_variance"] = s[name + ".moving_variance"] * momentum + variance.detach() * (1 - momentum)
    else:
        mean, variance = s[name + ".moving_mean"], s[name + ".moving_variance"]
    shape = (1, -1, 1, 1)
    return (x - mean.view(shape)) / torch.sqrt(variance.view(shape) + epsilon) * gamma.view(shape) + beta.view(shape)


def flatten_nhwc(x):
    """Keras flattens NHWC memory."""
    return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)


# ----------------------------------------------------------------------------- models

def tutorial_cnn(x, p, s, training):
    x = conv2d(x, p, "conv2d", activation="relu")
    x = F.max_pool2d(x, 2)
    x = conv2d(x, p, "conv2d_1", activation="relu")
    x = F.max_pool2d(x, 2)
    x = conv2d(x, p, "conv2d_2", activation="relu")
    x = flatten_nhwc(x)
    x = dense(x, p, "dense", "relu")
    return dense(x, p, "dense_1", "softmax")


def mnist_convnet(x, p, s, training):
    x = conv2d(x, p, "conv2d", activation="relu")
    x = F.max_pool2d(x, 2)
    x = conv2d(x, p, "conv2d_1", activation="relu")
    x = F.max_pool2d(x, 2)
    x = flatten_nhwc(x)  # Dropout(0.5) is the identity at inference
    return dense(x, p, "dense", "softmax")


def residual_block(x, p, s, training):
    stem = conv2d(x, p, "stem", same=True, activation="relu")
    x = conv2d(stem, p, "conv2d", same=True, activation="relu")
    x = conv2d(x, p, "conv2d_1", same=True)
    x = F.relu(x + stem)
    x = x.mean(dim=(2, 3))
    return dense(x, p, "dense")


def unet(x, p, s, training):
    down = conv2d(x, p, "down", same=True, activation="relu")
    x = F.max_pool2d(down, 2)
    x = conv2d(x, p, "conv2d", same=True, activation="relu")
    x = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
    x = torch.cat([x, down], dim=1)
    x = conv2d_transpose(x, p, "conv2d_transpose", 2, "relu")
    return conv2d(x, p, "conv2d_1", activation="sigmoid")


def normalized(x, p, s, training):
    x = conv2d(x, p, "conv2d")
    x = batch_normalization(x, p, s, "batch_normalization", training)
    x = F.leaky_relu(x, 0.2)
    x = flatten_nhwc(x)
    x = dense(x, p, "dense")
    x = F.layer_norm(x, (x.shape[-1],), p["layer_normalization.gamma"], p["layer_normalization.beta"], 1e-3)
    x = F.leaky_relu(x, 0.3)  # Keras' LeakyReLU default slope
    return dense(x, p, "dense_1", "softmax")


def same_strided(x, p, s, training):
    x = conv2d(x, p, "conv2d", stride=2, same=True, activation="swish")  # 8x8 -> 4x4, padding 0/1
    x = conv2d(x, p, "conv2d_1", same=True, activation="tanh")           # 2x2 kernel, padding 0/1
    x = average_pool_same(x, 3, 2)                                         # 4x4 -> 2x2, padding 0/1
    x = flatten_nhwc(x)                                                    # Reshape(24)
    return dense(x, p, "dense")


# ----------------------------------------------------------------------------- parameters

def glorot(shape, fan_in, fan_out):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return (torch.rand(shape) * 2 - 1) * limit


def conv_params(p, name, kh, kw, cin, cout, bias=True):
    p[name + ".kernel"] = glorot((kh, kw, cin, cout), kh * kw * cin, kh * kw * cout)
    if bias:
        p[name + ".bias"] = 0.1 * torch.randn(cout)


def transpose_params(p, name, kh, kw, cin, cout):
    p[name + ".kernel"] = glorot((kh, kw, cout, cin), kh * kw * cout, kh * kw * cin)
    p[name + ".bias"] = 0.1 * torch.randn(cout)


def dense_params(p, name, cin, cout):
    p[name + ".kernel"] = glorot((cin, cout), cin, cout)
    p[name + ".bias"] = 0.1 * torch.randn(cout)


def formula_weights(specs):
    """Weights both sides compute instead of storing 100+ KB: tensor t (declaration order), flat index k
    in Keras layout: 0.1 * sin(0.7 * k + 1.3 * t), rounded to float32. Models.cs has the C# twin."""
    p = {}
    for t, (name, shape) in enumerate(specs):
        k = np.arange(int(np.prod(shape)), dtype=np.float64)
        values = (0.1 * np.sin(0.7 * k + 1.3 * t)).astype(np.float32).astype(np.float64)
        p[name] = torch.tensor(values.reshape(shape))
    return p


def tutorial_specs():
    return [("conv2d.kernel", (3, 3, 3, 32)), ("conv2d.bias", (32,)),
            ("conv2d_1.kernel", (3, 3, 32, 64)), ("conv2d_1.bias", (64,)),
            ("conv2d_2.kernel", (3, 3, 64, 64)), ("conv2d_2.bias", (64,)),
            ("dense.kernel", (1024, 64)), ("dense.bias", (64,)),
            ("dense_1.kernel", (64, 10)), ("dense_1.bias", (10,))]


def mnist_specs():
    return [("conv2d.kernel", (3, 3, 1, 32)), ("conv2d.bias", (32,)),
            ("conv2d_1.kernel", (3, 3, 32, 64)), ("conv2d_1.bias", (64,)),
            ("dense.kernel", (1600, 10)), ("dense.bias", (10,))]


# ----------------------------------------------------------------------------- writing

def rounded(tensors):
    """Parameters rounded to float32 first, so C# (which loads float32) computes the same function."""
    return {k: torch.tensor(v.detach().numpy().astype(np.float32).astype(np.float64)) for k, v in tensors.items()}


def nchw(x_nhwc):
    return x_nhwc.permute(0, 3, 1, 2)


def to_nhwc(y):
    return fixture_io.nhwc(y) if y.dim() == 4 else y.detach().numpy()


def write_model(name, model, input_shape, batch, params, state=None, gradients=False, store_weights=True):
    params = rounded(params)
    state = rounded(state or {})
    x = torch.tensor((torch.rand((batch,) + input_shape) * 2 - 1).numpy().astype(np.float32).astype(np.float64))
    expected = {"input": x.numpy()}
    with torch.no_grad():
        expected["output"] = to_nhwc(model(nchw(x), params, dict(state), False))

    if gradients:
        leaves = {k: v.clone().requires_grad_(True) for k, v in params.items()}
        x_leaf = x.clone().requires_grad_(True)
        after = dict(state)
        y = model(nchw(x_leaf), leaves, after, True)
        y_nhwc = y.permute(0, 2, 3, 1) if y.dim() == 4 else y
        g = torch.tensor((torch.rand(y_nhwc.shape) * 2 - 1).numpy().astype(np.float32).astype(np.float64))
        (y_nhwc * g).sum().backward()
        expected["output_gradient"] = g.numpy()
        expected["training_output"] = y_nhwc.detach().numpy()
        expected["input_gradient"] = x_leaf.grad.numpy()
        for key, leaf in leaves.items():
            expected["gradient." + key] = leaf.grad.numpy()
        for key, value in after.items():
            expected["state." + key] = value.numpy()

    os.makedirs(OUT, exist_ok=True)
    if store_weights:
        weights = dict(params)
        weights.update(state)
        fixture_io.write(os.path.join(OUT, name + ".weights.safetensors"), {k: v.numpy() for k, v in weights.items()},
                         {"format": "tf", "layout": "keras"})
    fixture_io.write(os.path.join(OUT, name + ".expected.safetensors"), expected,
                     {"script": "Tests/Fixtures/scripts/make_model_fixtures.py", "model": name})


def main():
    torch.manual_seed(20240607)

    write_model("TutorialCnn", tutorial_cnn, (32, 32, 3), 2, formula_weights(tutorial_specs()), store_weights=False)
    write_model("MnistConvnet", mnist_convnet, (28, 28, 1), 3, formula_weights(mnist_specs()), store_weights=False)

    p = {}
    conv_params(p, "stem", 3, 3, 3, 8)
    conv_params(p, "conv2d", 3, 3, 8, 8)
    conv_params(p, "conv2d_1", 3, 3, 8, 8)
    dense_params(p, "dense", 8, 4)
    write_model("ResidualBlock", residual_block, (8, 8, 3), 3, p, gradients=True)

    p = {}
    conv_params(p, "down", 3, 3, 2, 4)
    conv_params(p, "conv2d", 3, 3, 4, 8)
    transpose_params(p, "conv2d_transpose", 2, 2, 12, 4)
    conv_params(p, "conv2d_1", 1, 1, 4, 1)
    write_model("UNet", unet, (8, 8, 2), 2, p, gradients=True)

    p = {}
    conv_params(p, "conv2d", 3, 3, 3, 4, bias=False)
    p["batch_normalization.gamma"] = 1 + 0.1 * torch.randn(4)
    p["batch_normalization.beta"] = 0.1 * torch.randn(4)
    state = {"batch_normalization.moving_mean": 0.1 * torch.randn(4),
             "batch_normalization.moving_variance": 1 + 0.2 * torch.rand(4)}
    dense_params(p, "dense", 64, 8)
    p["layer_normalization.gamma"] = 1 + 0.1 * torch.randn(8)
    p["layer_normalization.beta"] = 0.1 * torch.randn(8)
    dense_params(p, "dense_1", 8, 3)
    write_model("Normalized", normalized, (6, 6, 3), 4, p, state, gradients=True)

    p = {}
    conv_params(p, "conv2d", 3, 3, 2, 4)
    conv_params(p, "conv2d_1", 2, 2, 4, 6)
    dense_params(p, "dense", 24, 5)
    write_model("SameStrided", same_strided, (8, 8, 2), 3, p, gradients=True)


if __name__ == "__main__":
    main()
