"""PyTorch twins of the branching networks in Tests/Generated.Models.Tests/BranchingModels.cs, written as fixtures.

Run from the repository root:  /usr/bin/python3 Tests/Fixtures/scripts/make_branching_fixtures.py

Same conventions and files as make_model_fixtures.py (whose layer helpers and writer this reuses): Keras-layout
leaf parameters, float64 computation, float32 storage, M.weights.safetensors and M.expected.safetensors with the
inference output and, for loss = sum(output * g), the input gradient and every parameter's gradient.

Merges follow Keras: more than two inputs fold left to right ((x0 op x1) op x2); Average sums, then divides by the
count; Concatenate joins channels. Max-unpooling is F.max_unpool2d with the indices of F.max_pool2d(return_indices=True).
"""
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_model_fixtures import conv2d, conv_params, dense, dense_params, flatten_nhwc, write_model  # noqa: E402

torch.set_default_dtype(torch.float64)


def projection_residual(x, p, s, training):
    """A ResNet block whose shortcut is a strided 1x1 projection of the stem (the stem's gradient has two readers)."""
    stem = conv2d(x, p, "stem", same=True, activation="relu")
    a = conv2d(stem, p, "branch_a", stride=2, same=True, activation="relu")
    b = conv2d(a, p, "branch_b", same=True)
    shortcut = conv2d(stem, p, "shortcut", stride=2)
    y = F.relu(shortcut + b).mean(dim=(2, 3))
    return dense(y, p, "dense")


def inception_branches(x, p, s, training):
    """Three branches of the input (1x1; 1x1 then 3x3; 3x3 max pooling then 1x1) concatenated on channels."""
    b1 = conv2d(x, p, "b1", activation="relu")
    b2 = conv2d(conv2d(x, p, "b2_reduce", activation="relu"), p, "b2", same=True, activation="relu")
    b3 = conv2d(F.max_pool2d(x, 3, 1, padding=1), p, "b3", activation="relu")  # Keras Same: padding never wins
    y = torch.cat([b1, b2, b3], dim=1)
    return dense(flatten_nhwc(y), p, "dense")


def merges(x, p, s, training):
    """Every merge kind, with two and with three inputs."""
    a = conv2d(x, p, "a")
    b = conv2d(x, p, "b")
    c = conv2d(x, p, "c")
    mul = a * b * c
    sub = a - mul
    mx = torch.maximum(torch.maximum(sub, b), c)
    mn = torch.minimum(mx, a)
    avg = (mn + sub + b) / 3
    total = avg + c
    mul2 = total * mul
    mx2 = torch.maximum(mul2, a)
    mn3 = torch.minimum(torch.minimum(mx2, b), sub)
    diff = b - mn3
    return dense(flatten_nhwc(diff), p, "dense")


def max_unpooling(x, p, s, training):
    """Encoder, 2x2 max pooling, a 1x1 convolution, max-unpooling to the pooled positions, a decoder convolution."""
    encoder = conv2d(x, p, "encoder", same=True, activation="tanh")
    pooled, indices = F.max_pool2d(encoder, 2, return_indices=True)
    y = conv2d(pooled, p, "conv2d", activation="tanh")
    up = F.max_unpool2d(y, indices, 2, output_size=encoder.shape[2:])
    return conv2d(up, p, "conv2d_1", same=True)


def positions_only(x, p, s, training):
    """Average-pooled values unpooled to the max pooling's positions: the max pooling passes on no gradient."""
    encoder = conv2d(x, p, "encoder", same=True, activation="tanh")
    _, indices = F.max_pool2d(encoder, 2, return_indices=True)
    averaged = F.avg_pool2d(encoder, 2)
    up = F.max_unpool2d(averaged, indices, 2, output_size=encoder.shape[2:])
    return dense(flatten_nhwc(up), p, "dense")


def main():
    torch.manual_seed(20261206)
    p = {}
    conv_params(p, "stem", 3, 3, 3, 4)
    conv_params(p, "branch_a", 3, 3, 4, 6)
    conv_params(p, "branch_b", 3, 3, 6, 6)
    conv_params(p, "shortcut", 1, 1, 4, 6)
    dense_params(p, "dense", 6, 3)
    write_model("ProjectionResidual", projection_residual, (8, 8, 3), 3, p, gradients=True)

    p = {}
    conv_params(p, "b1", 1, 1, 3, 4)
    conv_params(p, "b2_reduce", 1, 1, 3, 2)
    conv_params(p, "b2", 3, 3, 2, 3)
    conv_params(p, "b3", 1, 1, 3, 2)
    dense_params(p, "dense", 6 * 6 * 9, 4)
    write_model("InceptionBranches", inception_branches, (6, 6, 3), 2, p, gradients=True)

    p = {}
    for name in ("a", "b", "c"):
        conv_params(p, name, 1, 1, 2, 3)
    dense_params(p, "dense", 4 * 4 * 3, 2)
    write_model("Merges", merges, (4, 4, 2), 3, p, gradients=True)

    p = {}
    conv_params(p, "encoder", 3, 3, 2, 3)
    conv_params(p, "conv2d", 1, 1, 3, 3)
    conv_params(p, "conv2d_1", 3, 3, 3, 2)
    write_model("MaxUnpooling", max_unpooling, (4, 6, 2), 2, p, gradients=True)

    p = {}
    conv_params(p, "encoder", 3, 3, 2, 3)
    dense_params(p, "dense", 4 * 4 * 3, 2)
    write_model("PositionsOnly", positions_only, (4, 4, 2), 3, p, gradients=True)


if __name__ == "__main__":
    main()
