"""PyTorch fixtures for the layers of the classic CNNs: DepthwiseConv2D, SeparableConv2D, Conv2D with groups,
Conv2DTranspose with output_padding, Cropping2D, MinPooling2D and UpSampling2D's bed of nails.

Run from the repository root:  /usr/bin/python3 Tests/Fixtures/scripts/make_classic_cnn_fixtures.py
Writes Tests/Fixtures/layers/classic_cnn.safetensors (NHWC float32, kernels in Keras' layouts). Every case stores
its input and weights, the upstream gradient `grad_output`, the output and the gradients of input and weights;
Tests/Generated.Runtime.Tests/Kernels/ClassicCnnFixtureTests.cs compares both C# twins against them.

Keras semantics from PyTorch pieces:
  * Same padding is asymmetric (the odd cell at the bottom/right): explicit F.pad, then a Valid convolution.
  * DepthwiseConv2D is Conv2d(groups=in, out=in*multiplier); output channel c*M + m is PyTorch's filter c*M + m, so
    Keras' depthwise_kernel [kh, kw, in, M] is the HWIO kernel [kh, kw, 1, in*M] reshaped.
  * SeparableConv2D is that depthwise step (no bias) and a 1x1 Conv2d with bias.
  * Conv2D(groups=G) is Conv2d(groups=G); Keras' kernel [kh, kw, in/G, out] is PyTorch's weight in HWIO.
  * Conv2DTranspose(output_padding=p): the full transposed convolution (no padding) cropped to Keras' output,
    out = (in-1)*s + k - 2*pad + p (pad k//2 for Same, 0 for Valid), starting at the cell Keras 3 crops to
    (compute_conv_transpose_padding_args_for_jax: left = min(ceil(t/2), k-1) with t = k + k%2 - 2 + p; start k-1-left).
  * MinPooling2D: -max_pool2d(-x) with +inf padding (padding never wins).
  * Bed of nails: conv_transpose2d with a per-channel kernel that is 1 at the top-left and 0 elsewhere, stride = size.
"""
import math
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_io  # noqa: E402

OUT = os.path.join("Tests", "Fixtures", "layers")


def nchw(t):
    return t.permute(0, 3, 1, 2)


def nhwc(t):
    return t.permute(0, 2, 3, 1)


def same_pads(size, span, stride):
    """Keras Same: out = ceil(size/stride); total = max((out-1)*stride + span - size, 0); odd cell after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + span - size, 0)
    return total // 2, total - total // 2


def keras_pad(x, kernel, strides, dilation, padding):
    """x NCHW; the explicit padding of a Keras Same window walk (nothing for Valid)."""
    if padding == "valid":
        return x
    span = dilation * (kernel - 1) + 1
    top, bottom = same_pads(x.shape[2], span, strides[0])
    left, right = same_pads(x.shape[3], span, strides[1])
    return F.pad(x, (left, right, top, bottom))


def with_gradients(forward, leaves):
    leaves = [leaf.clone().requires_grad_(True) for leaf in leaves]
    output = forward(*leaves)
    upstream = torch.randn_like(output)
    output.backward(upstream)
    return output.detach(), upstream, [leaf.grad.detach() for leaf in leaves]


def store(tensors, name, names, leaves, output, upstream, grads):
    for leaf_name, leaf, grad in zip(names, leaves, grads):
        tensors[f"{name}.{leaf_name}"] = leaf
        tensors[f"{name}.grad_{leaf_name}"] = grad
    tensors[f"{name}.output"] = output
    tensors[f"{name}.grad_output"] = upstream


def depthwise_cases(tensors):
    x = torch.randn(2, 7, 6, 5)
    for multiplier, kernel, sh, sw, dilation, padding in ((1, 3, 1, 1, 1, "same"), (2, 3, 2, 2, 1, "same"),
                                                         (1, 2, 2, 1, 1, "valid"), (1, 3, 1, 1, 2, "same")):
        name = f"depthwise_m{multiplier}_k{kernel}_s{sh}x{sw}_d{dilation}_{padding}"
        channels = x.shape[3]
        w = torch.randn(kernel, kernel, channels, multiplier) * 0.5  # Keras layout
        b = torch.randn(channels * multiplier)

        def forward(t, kw, bias):
            weight = kw.reshape(kernel, kernel, 1, channels * multiplier).permute(3, 2, 0, 1)
            y = F.conv2d(keras_pad(nchw(t), kernel, (sh, sw), dilation, padding), weight, bias,
                         stride=(sh, sw), dilation=dilation, groups=channels)
            return nhwc(y)

        out, up, grads = with_gradients(forward, [x, w, b])
        store(tensors, name, ["input", "depthwise_kernel", "bias"], [x, w, b], out, up, grads)


def separable_cases(tensors):
    for channels, multiplier, filters, kernel, stride in ((5, 1, 4, 3, 1), (3, 2, 6, 3, 2)):
        name = f"separable_c{channels}_m{multiplier}_f{filters}_k{kernel}_s{stride}"
        x = torch.randn(2, 7, 6, channels)
        dw = torch.randn(kernel, kernel, channels, multiplier) * 0.5
        pw = torch.randn(1, 1, channels * multiplier, filters) * 0.5
        b = torch.randn(filters)

        def forward(t, depthwise, pointwise, bias):
            weight = depthwise.reshape(kernel, kernel, 1, channels * multiplier).permute(3, 2, 0, 1)
            y = F.conv2d(keras_pad(nchw(t), kernel, (stride, stride), 1, "same"), weight, None, stride=stride, groups=channels)
            y = F.conv2d(y, pointwise.permute(3, 2, 0, 1), bias)
            return nhwc(y)

        out, up, grads = with_gradients(forward, [x, dw, pw, b])
        store(tensors, name, ["input", "depthwise_kernel", "pointwise_kernel", "bias"], [x, dw, pw, b], out, up, grads)


def grouped_cases(tensors):
    x = torch.randn(2, 7, 6, 6)
    for groups, filters, kernel, stride, padding in ((2, 4, 3, 1, "same"), (3, 6, 2, 2, "valid")):
        name = f"grouped_g{groups}_f{filters}_k{kernel}_s{stride}_{padding}"
        w = torch.randn(kernel, kernel, x.shape[3] // groups, filters) * 0.5  # Keras [kh, kw, in/G, out]
        b = torch.randn(filters)

        def forward(t, kernel_hwio, bias):
            y = F.conv2d(keras_pad(nchw(t), kernel, (stride, stride), 1, padding), kernel_hwio.permute(3, 2, 0, 1), bias,
                         stride=stride, groups=groups)
            return nhwc(y)

        out, up, grads = with_gradients(forward, [x, w, b])
        store(tensors, name, ["input", "kernel", "bias"], [x, w, b], out, up, grads)


def transpose_axis(size, kernel, stride, padding, output_padding):
    """Keras' output length and the first cell of the full transposed convolution it keeps."""
    if padding == "valid":
        return (size - 1) * stride + kernel + output_padding, 0
    total = kernel + kernel % 2 - 2 + output_padding
    left = min(total // 2 + total % 2, kernel - 1)
    return (size - 1) * stride + kernel % 2 + output_padding, kernel - 1 - left


def output_padding_cases(tensors):
    x = torch.randn(2, 4, 3, 3)
    for kernel, stride, padding, output_padding in ((3, 2, "same", 1), (3, 2, "same", 0), (4, 2, "same", 1),
                                                    (3, 3, "valid", 2), (1, 2, "same", 1)):
        name = f"transpose_k{kernel}_s{stride}_{padding}_op{output_padding}"
        w = torch.randn(kernel, kernel, 2, x.shape[3]) * 0.5  # Keras [kh, kw, out, in]
        b = torch.randn(2)
        height, top = transpose_axis(x.shape[1], kernel, stride, padding, output_padding)
        width, left = transpose_axis(x.shape[2], kernel, stride, padding, output_padding)

        def forward(t, kernel_hwoi, bias):
            full = F.conv_transpose2d(nchw(t), kernel_hwoi.permute(3, 2, 0, 1), None, stride=stride)
            # Negative pads crop, positive ones add the cells no input reaches.
            kept = F.pad(full, (-left, width - (full.shape[3] - left), -top, height - (full.shape[2] - top)))
            return nhwc(kept + bias.view(1, -1, 1, 1))

        out, up, grads = with_gradients(forward, [x, w, b])
        store(tensors, name, ["input", "kernel", "bias"], [x, w, b], out, up, grads)


def cropping_cases(tensors):
    x = torch.randn(2, 6, 7, 3)
    for top, bottom, left, right in ((1, 2, 0, 3), (1, 1, 2, 2)):
        name = f"cropping_{top}_{bottom}_{left}_{right}"
        out, up, grads = with_gradients(
            lambda t: nhwc(F.pad(nchw(t), (-left, -right, -top, -bottom))), [x])
        store(tensors, name, ["input"], [x], out, up, grads)


def min_pooling_cases(tensors):
    x = torch.randn(2, 5, 7, 3)
    for pool, stride, padding in ((2, 2, "valid"), (3, 2, "same"), (2, 1, "same")):
        name = f"min_p{pool}_s{stride}_{padding}"

        def forward(t):
            n = nchw(t)
            if padding == "same":
                top, bottom = same_pads(n.shape[2], pool, stride)
                left, right = same_pads(n.shape[3], pool, stride)
                return nhwc(-F.max_pool2d(F.pad(-n, (left, right, top, bottom), value=-math.inf), pool, stride))
            return nhwc(-F.max_pool2d(-n, pool, stride))

        out, up, grads = with_gradients(forward, [x])
        store(tensors, name, ["input"], [x], out, up, grads)


def bed_of_nails_cases(tensors):
    x = torch.randn(2, 3, 4, 5)
    for fh, fw in ((2, 2), (3, 2)):
        name = f"bed_of_nails_{fh}x{fw}"
        nail = torch.zeros(x.shape[3], 1, fh, fw)
        nail[:, :, 0, 0] = 1
        out, up, grads = with_gradients(
            lambda t: nhwc(F.conv_transpose2d(nchw(t), nail, stride=(fh, fw), groups=x.shape[3])), [x])
        store(tensors, name, ["input"], [x], out, up, grads)


def main():
    torch.manual_seed(2027)
    tensors = {}
    depthwise_cases(tensors)
    separable_cases(tensors)
    grouped_cases(tensors)
    output_padding_cases(tensors)
    cropping_cases(tensors)
    min_pooling_cases(tensors)
    bed_of_nails_cases(tensors)
    fixture_io.write(os.path.join(OUT, "classic_cnn.safetensors"), {k: v.detach().numpy() for k, v in tensors.items()})


if __name__ == "__main__":
    main()
