"""Exports PyTorch CNNs to ONNX for the importer tests (Tests/Generated.Interop.Tests/Import).

For every model: Tests/Fixtures/onnx/<name>.onnx (torch.onnx.export, opset 17, eval mode, batch axis dynamic) and
<name>.expected.safetensors holding `input` (NCHW, 3 samples) and `output` (PyTorch's result). The models are the
reference models M1-M5 written the PyTorch way (NCHW, nn.Flatten before Linear, padding=1 for 'same'), a ResNet basic
block, one model with the remaining patterns (ConvTranspose, Pad, count_include_pad pooling, bilinear Upsample,
Concat, SiLU, LeakyReLU, GlobalAveragePool), and one with the later layers' patterns (LayerVariants). Weights are random (seeded) with BatchNorm statistics set away from 0/1.

Run: /usr/bin/python3 Tests/Fixtures/scripts/make_onnx_fixtures.py [model names]
"""
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(__file__))
import fixture_io  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "onnx")


class BasicBlock(nn.Module):
    """torchvision's ResNet BasicBlock with an identity shortcut, after a stem convolution."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.conv1 = nn.Conv2d(16, 16, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 16, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(16)
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10))

    def forward(self, x):
        x = self.stem(x)
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return self.head(torch.relu(y + x))


class Patterns(nn.Module):
    """The remaining operator patterns the importer maps."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 6, 3, stride=2, padding=1)  # PyTorch's symmetric pad on an even input: ZeroPadding2D + Valid
        self.bn = nn.BatchNorm2d(6)
        self.act = nn.LeakyReLU(0.1)
        self.pool = nn.AvgPool2d(3, stride=1, padding=1)  # count_include_pad=True: the zeros count
        self.up = nn.ConvTranspose2d(6, 4, 4, stride=2, padding=1)  # Keras' Same
        self.pad = nn.ZeroPad2d((1, 0, 2, 1))  # left, right, top, bottom
        self.conv2 = nn.Conv2d(4, 4, 3)
        self.conv3 = nn.Conv2d(4, 3, 1)
        self.silu = nn.SiLU()
        self.resize = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.conv4 = nn.Conv2d(7, 5, 3, padding=1)
        self.head = nn.Linear(5, 4)

    def forward(self, x):
        x = self.act(self.bn(self.conv(x)))
        x = self.pool(x)
        x = torch.tanh(self.up(x))
        x = self.conv2(self.pad(x))
        y = self.silu(self.conv3(x))
        x = torch.cat([y, x], dim=1)
        x = self.resize(x)
        x = torch.sigmoid(self.conv4(x))
        x = torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1)  # GlobalAveragePool + Flatten
        return torch.softmax(self.head(x), dim=1)


class MeanOf(torch.autograd.Function):
    """(a + b) / 2 exported as ONNX's Mean (PyTorch writes no Mean node of its own)."""

    @staticmethod
    def forward(ctx, a, b):
        return (a + b) / 2

    @staticmethod
    def symbolic(g, a, b):
        return g.op("Mean", a, b)


class LayerVariants(nn.Module):
    """The patterns of the layers added later: grouped and depthwise convolutions, rectangular strides, output padding,
    ReLU6 (Clip), Hardswish, Selu, exact GELU (Div/Erf/Add/Mul/Mul), PReLU per channel and shared, crops (Slice and a
    negative Pad), every merge (Mul, Sub, Max, Min, Add / 2, Mean, Concat) and a branch that reads an earlier layer."""

    def __init__(self):
        super().__init__()
        self.depthwise = nn.Conv2d(3, 6, 3, padding=1, groups=3)  # depthwise, multiplier 2, Same
        self.relu6 = nn.ReLU6()
        self.grouped = nn.Conv2d(6, 8, 3, stride=(2, 1), groups=2)  # grouped, strides 2x1, Valid
        self.hardswish = nn.Hardswish()
        self.prelu = nn.PReLU(8)
        self.up = nn.ConvTranspose2d(8, 4, 3, stride=2, output_padding=1)  # Keras Valid, OutputPadding = 1
        self.gelu = nn.GELU()
        self.conv = nn.Conv2d(4, 4, 1)
        self.selu = nn.SELU()
        self.side = nn.Conv2d(4, 3, 3, padding=1)
        self.crop = nn.ZeroPad2d((-1, 0, 0, -1))  # negative padding: a crop
        self.pool = nn.MaxPool2d(2, stride=(2, 1))
        self.head = nn.Linear(7 * 4 * 14, 5)
        self.prelu2 = nn.PReLU()

    def forward(self, x):
        x = self.relu6(self.depthwise(x))
        x = self.hardswish(self.grouped(x))
        x = self.prelu(x)
        x = self.gelu(self.up(x))
        x = x[:, :, 1:-1, 2:]  # Slice: Cropping2D(1, 1, 2, 0)
        a = self.selu(self.conv(x))
        b = x * a
        c = a - x
        d = torch.maximum(b, c)
        e = torch.minimum(d, x)
        f = (d + e) / 2
        g = MeanOf.apply(f, a)
        h = self.side(x)  # reads the crop, not the layer before
        x = torch.cat([g, h], dim=1)
        x = self.pool(self.crop(x))
        return self.prelu2(self.head(torch.flatten(x, 1)))


def models():
    m1 = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10), nn.Softmax(dim=1))
    m2 = nn.Sequential(
        nn.Conv2d(3, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(1024, 64), nn.ReLU(), nn.Linear(64, 10), nn.Softmax(dim=1))
    m3 = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 4, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2, mode="nearest"),
        nn.Conv2d(4, 1, 3, padding=1), nn.Sigmoid())
    m4 = nn.Sequential(
        nn.Conv2d(1, 10, 5, stride=2), nn.LeakyReLU(0.02), nn.BatchNorm2d(10),
        nn.Conv2d(10, 10, 3, stride=2), nn.LeakyReLU(0.02), nn.BatchNorm2d(10),
        nn.Flatten(), nn.Linear(250, 10), nn.Sigmoid())
    m5 = nn.Sequential(
        nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.Conv2d(128, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(8192, 10))
    return {
        "M1MnistConvnet": (m1, (1, 28, 28)),
        "M2TutorialCnn": (m2, (3, 32, 32)),
        "M3Autoencoder": (m3, (1, 28, 28)),
        "M4StridedNet": (m4, (1, 28, 28)),
        "M5VggBlock": (m5, (3, 32, 32)),
        "ResNetBasicBlock": (BasicBlock(), (3, 16, 16)),
        "Patterns": (Patterns(), (2, 12, 10)),
        "LayerVariants": (LayerVariants(), (3, 12, 10)),
    }


def randomize(model, generator):
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.PReLU):
                module.weight.uniform_(-0.5, 0.5, generator=generator)
            if isinstance(module, nn.BatchNorm2d):
                module.weight.uniform_(0.5, 1.5, generator=generator)
                module.bias.uniform_(-0.5, 0.5, generator=generator)
                module.running_mean.uniform_(-0.5, 0.5, generator=generator)
                module.running_var.uniform_(0.5, 1.5, generator=generator)


def export(name, model, shape, directory=OUT, seed=0):
    generator = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    randomize(model, generator)
    model.eval()
    x = torch.rand((3,) + shape, generator=generator) * 2 - 1
    with torch.no_grad():
        y = model(x)
    path = os.path.join(directory, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=17, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
    fixture_io.write(os.path.join(directory, name + ".expected.safetensors"), {"input": x.numpy(), "output": y.numpy()},
                     {"torch": torch.__version__})
    return path


class ViewFlatten(nn.Module):
    """x.view(x.size(0), -1) and Hardswish: Shape/Gather/Unsqueeze/Concat and HardSwish, which the importer refuses."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.act = nn.Hardswish()
        self.fc = nn.Linear(2 * 6 * 6, 3)

    def forward(self, x):
        x = self.act(self.conv(x))
        return self.fc(x.view(x.size(0), -1))


def bad_models():
    """Models the importer must refuse, with the reason: unsupported operators; a dynamic image size."""
    torch.manual_seed(0)
    x = torch.rand(1, 1, 8, 8)
    torch.onnx.export(ViewFlatten().eval(), x, os.path.join(OUT, "Unsupported.onnx"), opset_version=17,
                      input_names=["input"], output_names=["output"], dynamic_axes={"input": {0: "N"}})
    conv = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU()).eval()
    torch.onnx.export(conv, x, os.path.join(OUT, "DynamicSize.onnx"), opset_version=17, input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "N", 2: "height", 3: "width"}})


if __name__ == "__main__":
    # Optional arguments: the names of the models to export (default: all, and the models the importer refuses).
    os.makedirs(OUT, exist_ok=True)
    for index, (name, (model, shape)) in enumerate(models().items()):
        if len(sys.argv) == 1 or name in sys.argv[1:]:
            print(name, os.path.getsize(export(name, model, shape, seed=index)), "bytes")
    if len(sys.argv) == 1:
        bad_models()
