"""PyTorch twin of MobileBlock (Tests/Generated.Models.Tests/ClassicCnnModelFixtureTests.cs), written as a model fixture:
Cropping2D, DepthwiseConv2D (multiplier 2, stride 2, Same, ReLU), a grouped 1x1 Conv2D, SeparableConv2D (Same, tanh),
Conv2DTranspose with output_padding 1, MinPooling2D, bed-of-nails UpSampling2D, global average pooling and Dense.

Run from the repository root:  /usr/bin/python3 Tests/Fixtures/scripts/make_classic_cnn_model_fixture.py
Writes Tests/Fixtures/models/MobileBlock.{weights,expected}.safetensors with make_model_fixtures.py's writer (float64
maths, Keras layouts and names, one training forward/backward pass: every gradient of loss = sum(output * g)).
"""
import math
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_model_fixtures as m  # noqa: E402  (float64 default, parameter helpers, writer)


def depthwise(x, kernel, stride, same):
    """x NCHW; kernel Keras [kh, kw, in, M]: Conv2d(groups=in), output channel c*M + m."""
    kh, kw, channels, multiplier = kernel.shape
    if same:
        top, bottom = m.same_padding(x.shape[2], kh, stride)
        left, right = m.same_padding(x.shape[3], kw, stride)
        x = F.pad(x, (left, right, top, bottom))
    weight = kernel.reshape(kh, kw, 1, channels * multiplier).permute(3, 2, 0, 1)
    return F.conv2d(x, weight, None, stride=stride, groups=channels)


def mobile_block(x, p, s, training):
    x = x[:, :, 0:7, 1:8]                                                              # Cropping2D(0, 1, 1, 0): 8x8 -> 7x7
    x = F.relu(depthwise(x, p["depthwise_conv2d.depthwise_kernel"], 2, True)
               + p["depthwise_conv2d.bias"].view(1, -1, 1, 1))                         # 7x7x4 -> 4x4x8
    x = F.relu(F.conv2d(x, p["conv2d.kernel"].permute(3, 2, 0, 1), p["conv2d.bias"], groups=2))
    x = depthwise(x, p["separable_conv2d.depthwise_kernel"], 1, True)
    x = torch.tanh(F.conv2d(x, p["separable_conv2d.pointwise_kernel"].permute(3, 2, 0, 1), p["separable_conv2d.bias"]))
    # Conv2DTranspose(4, 3, strides 2, Same, output_padding 1): Keras keeps 8 cells from cell 0 of the full 9.
    full = F.conv_transpose2d(x, p["conv2d_transpose.kernel"].permute(3, 2, 0, 1), None, stride=2)
    x = full[:, :, 0:8, 0:8] + p["conv2d_transpose.bias"].view(1, -1, 1, 1)
    x = -F.max_pool2d(-x, 2)                                                           # MinPooling2D(2): 8x8 -> 4x4
    nail = torch.zeros(x.shape[1], 1, 2, 2)
    nail[:, :, 0, 0] = 1
    x = F.conv_transpose2d(x, nail, stride=2, groups=x.shape[1])                       # bed of nails: 4x4 -> 8x8
    x = x.mean(dim=(2, 3))
    return m.dense(x, p, "dense")


def main():
    torch.manual_seed(2028)
    p = {}
    p["depthwise_conv2d.depthwise_kernel"] = m.glorot((3, 3, 4, 2), 9 * 4, 9 * 2)
    p["depthwise_conv2d.bias"] = 0.1 * torch.randn(8)
    m.conv_params(p, "conv2d", 1, 1, 4, 8)
    p["separable_conv2d.depthwise_kernel"] = m.glorot((3, 3, 8, 1), 9 * 8, 9)
    p["separable_conv2d.pointwise_kernel"] = m.glorot((1, 1, 8, 6), 8, 6)
    p["separable_conv2d.bias"] = 0.1 * torch.randn(6)
    m.transpose_params(p, "conv2d_transpose", 3, 3, 6, 4)
    m.dense_params(p, "dense", 4, 3)
    m.write_model("MobileBlock", mobile_block, (8, 8, 4), 3, p, gradients=True)


if __name__ == "__main__":
    main()
