"""PyTorch reference values for Conv2D, Conv2DTranspose and Dense with Keras semantics.

Run from the repository root: /usr/bin/python3 Tests/Fixtures/scripts/make_conv_fixtures.py
Writes Tests/Fixtures/conv/<case>.safetensors with the tensors input, kernel, bias, output,
grad_output, grad_input, grad_kernel, grad_bias (NHWC activations, Keras kernel layouts) and the
metadata kind, batch and geometry (the fields of Generated.Kernels.Conv2DGeometry, or rows/inputs/units).

Keras' Same padding puts the odd pixel bottom/right, which PyTorch's symmetric `padding=` cannot
express, so the input is padded explicitly with F.pad. A Keras Conv2DTranspose output is PyTorch's
full transposed output cropped by PadTop/PadLeft at the top/left (and cropped or zero-extended to
the Keras size at the bottom/right). Everything is computed in float64 from float32 inputs.
"""
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import fixture_io  # noqa: E402

OUT = os.path.join("Tests", "Fixtures", "conv")


def conv_axis(size, kernel, stride, dilation, same):
    span = dilation * (kernel - 1) + 1
    if not same:
        return (size - span) // stride + 1, 0, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + span - size, 0)
    return out, total // 2, total - total // 2


def transpose_axis(size, kernel, stride, dilation, same):
    span = dilation * (kernel - 1) + 1
    if not same:
        return (size - 1) * stride + span, 0
    out = size * stride
    total = max((size - 1) * stride + span - out, 0)
    return out, total // 2


def uniform(*shape):
    return (torch.rand(*shape, dtype=torch.float32) * 2 - 1).to(torch.float64)


def geometry(ih, iw, ic, oh, ow, oc, k, stride, dilation, pad_top, pad_left):
    return {
        "InputHeight": ih, "InputWidth": iw, "InputChannels": ic,
        "OutputHeight": oh, "OutputWidth": ow, "OutputChannels": oc,
        "KernelHeight": k, "KernelWidth": k, "StrideHeight": stride, "StrideWidth": stride,
        "DilationHeight": dilation, "DilationWidth": dilation, "PadTop": pad_top, "PadLeft": pad_left,
    }


def gradients(output, leaves):
    grad_output = uniform(*output.shape)
    (output * grad_output).sum().backward()
    return grad_output, [leaf.grad for leaf in leaves]


def conv2d(name, batch, ih, iw, ic, oc, k, stride=1, dilation=1, same=False):
    oh, pt, pb = conv_axis(ih, k, stride, dilation, same)
    ow, pl, pr = conv_axis(iw, k, stride, dilation, same)
    x = uniform(batch, ic, ih, iw).requires_grad_()
    w = uniform(oc, ic, k, k).requires_grad_()
    b = uniform(oc).requires_grad_()
    y = F.conv2d(F.pad(x, (pl, pr, pt, pb)), w, b, stride=stride, dilation=dilation)
    assert y.shape == (batch, oc, oh, ow), y.shape
    grad_output, (gx, gw, gb) = gradients(y, [x, w, b])
    write(name, "Conv2D", batch, geometry(ih, iw, ic, oh, ow, oc, k, stride, dilation, pt, pl), {
        "input": fixture_io.nhwc(x), "kernel": fixture_io.hwio(w), "bias": b.detach(),
        "output": fixture_io.nhwc(y), "grad_output": fixture_io.nhwc(grad_output),
        "grad_input": fixture_io.nhwc(gx), "grad_kernel": fixture_io.hwio(gw), "grad_bias": gb,
    })


def conv2d_transpose(name, batch, ih, iw, ic, oc, k, stride=1, dilation=1, same=False):
    oh, pt = transpose_axis(ih, k, stride, dilation, same)
    ow, pl = transpose_axis(iw, k, stride, dilation, same)
    x = uniform(batch, ic, ih, iw).requires_grad_()
    w = uniform(ic, oc, k, k).requires_grad_()  # PyTorch ConvTranspose2d weight [in, out, kh, kw]
    b = uniform(oc).requires_grad_()
    full = F.conv_transpose2d(x, w, None, stride=stride, dilation=dilation)
    fh, fw = full.shape[2], full.shape[3]
    # Negative padding crops: keep rows pt .. pt+oh-1 (zero rows appear if the Keras output is larger).
    y = F.pad(full, (-pl, ow - (fw - pl), -pt, oh - (fh - pt))) + b.view(1, -1, 1, 1)
    assert y.shape == (batch, oc, oh, ow), y.shape
    grad_output, (gx, gw, gb) = gradients(y, [x, w, b])
    write(name, "Conv2DTranspose", batch, geometry(ih, iw, ic, oh, ow, oc, k, stride, dilation, pt, pl), {
        "input": fixture_io.nhwc(x), "kernel": fixture_io.transpose_kernel(w), "bias": b.detach(),
        "output": fixture_io.nhwc(y), "grad_output": fixture_io.nhwc(grad_output),
        "grad_input": fixture_io.nhwc(gx), "grad_kernel": fixture_io.transpose_kernel(gw), "grad_bias": gb,
    })


def dense(name, rows, inputs, units):
    x = uniform(rows, inputs).requires_grad_()
    w = uniform(inputs, units).requires_grad_()  # Keras layout [in, out]
    b = uniform(units).requires_grad_()
    y = x @ w + b
    grad_output, (gx, gw, gb) = gradients(y, [x, w, b])
    write(name, "Dense", rows, {"rows": rows, "inputs": inputs, "units": units}, {
        "input": x.detach(), "kernel": w.detach(), "bias": b.detach(), "output": y.detach(),
        "grad_output": grad_output, "grad_input": gx, "grad_kernel": gw, "grad_bias": gb,
    })


def write(name, kind, batch, shape, tensors):
    arrays = {key: (value.detach().numpy() if torch.is_tensor(value) else value) for key, value in tensors.items()}
    fixture_io.write(os.path.join(OUT, name + ".safetensors"), arrays, {"kind": kind, "batch": batch, "geometry": shape})


def main():
    torch.manual_seed(20240607)
    os.makedirs(OUT, exist_ok=True)
    conv2d("conv2d_valid_k3", batch=2, ih=7, iw=6, ic=3, oc=4, k=3)
    conv2d("conv2d_same_k4_odd_pad_bottom_right", batch=1, ih=6, iw=5, ic=2, oc=3, k=4, same=True)
    conv2d("conv2d_same_k3_stride2", batch=2, ih=8, iw=7, ic=3, oc=5, k=3, stride=2, same=True)
    conv2d("conv2d_valid_k3_stride3", batch=1, ih=10, iw=9, ic=2, oc=3, k=3, stride=3)
    conv2d("conv2d_valid_k3_dilation2", batch=1, ih=9, iw=8, ic=3, oc=2, k=3, dilation=2)
    conv2d("conv2d_same_k2_dilation3", batch=2, ih=6, iw=7, ic=2, oc=3, k=2, dilation=3, same=True)
    conv2d_transpose("conv2d_transpose_valid_k3_stride2", batch=2, ih=3, iw=4, ic=3, oc=2, k=3, stride=2)
    conv2d_transpose("conv2d_transpose_same_k3_stride2", batch=2, ih=4, iw=3, ic=2, oc=3, k=3, stride=2, same=True)
    conv2d_transpose("conv2d_transpose_valid_k4_stride2", batch=1, ih=3, iw=3, ic=4, oc=2, k=4, stride=2)
    conv2d_transpose("conv2d_transpose_same_k4_stride2", batch=2, ih=3, iw=4, ic=2, oc=3, k=4, stride=2, same=True)
    conv2d_transpose("conv2d_transpose_same_k3_stride1", batch=1, ih=5, iw=4, ic=3, oc=2, k=3, same=True)
    conv2d_transpose("conv2d_transpose_same_k1_stride2", batch=1, ih=3, iw=3, ic=2, oc=2, k=1, stride=2, same=True)
    dense("dense_3x7x5", rows=3, inputs=7, units=5)
    dense("dense_2x33x10", rows=2, inputs=33, units=10)


if __name__ == "__main__":
    main()
