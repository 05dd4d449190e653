"""Multiply-adds and activation floats per sample of the benchmark models M1-M5, counted by PyTorch.

Run from the repository root:  /usr/bin/python3 Tests/Fixtures/scripts/make_model_facts.py

The models are the declarations of Tests/Generated.Benchmarks/Networks/M1..M5 (Keras semantics) built as torch.nn modules
(NCHW). Multiply-adds come from PyTorch's own FLOP counter: torch.profiler with with_flops=True (the torch here, 1.13,
predates torch.utils.flop_counter.FlopCounterMode, which counts the same ops the same way), which counts 2 FLOPs per
multiply-add of aten::conv2d and aten::addmm/mm and nothing for element-wise ops, pooling, normalization or the bias add;
the fixture stores flops / 2 per layer. Activation floats are each Keras layer's own output (numel per sample, from a
forward hook); an activation fused into a Conv2D/Dense in the declaration is an in-place module here and adds nothing,
and Flatten, a view, adds nothing.

Writes Tests/Fixtures/models/model_facts.json: {model: {"multiply_adds": total, "activation_floats": total,
"layers": [[keras_name, multiply_adds, activation_floats], ...]}}.
"""
import json
import os

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "model_facts.json")


class Fused(nn.Module):
    """A Keras layer with its activation argument: the layer, then the activation in place (no memory of its own)."""

    def __init__(self, layer, activation):
        super().__init__()
        self.layer = layer
        self.activation = activation

    def forward(self, x):
        return self.activation(self.layer(x))


def relu(layer):
    return Fused(layer, nn.ReLU(inplace=True))


def softmax(layer):
    return Fused(layer, nn.Softmax(dim=1))


def sigmoid(layer):
    return Fused(layer, nn.Sigmoid())


class KerasFlatten(nn.Module):
    """Keras flattens NHWC: permute then view (a view of the NCHW tensor's permutation; no multiply-adds either way)."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)


def models():
    # Each entry: (Keras name, module, writes its own output).
    m1 = [
        ("conv2d", relu(nn.Conv2d(1, 32, 3)), True),
        ("max_pooling2d", nn.MaxPool2d(2), True),
        ("conv2d_1", relu(nn.Conv2d(32, 64, 3)), True),
        ("max_pooling2d_1", nn.MaxPool2d(2), True),
        ("flatten", KerasFlatten(), False),
        ("dropout", nn.Dropout(0.5), True),
        ("dense", softmax(nn.Linear(1600, 10)), True),
    ]
    m2 = [
        ("conv2d", relu(nn.Conv2d(3, 32, 3)), True),
        ("max_pooling2d", nn.MaxPool2d(2), True),
        ("conv2d_1", relu(nn.Conv2d(32, 64, 3)), True),
        ("max_pooling2d_1", nn.MaxPool2d(2), True),
        ("conv2d_2", relu(nn.Conv2d(64, 64, 3)), True),
        ("flatten", KerasFlatten(), False),
        ("dense", relu(nn.Linear(1024, 64)), True),
        ("dense_1", softmax(nn.Linear(64, 10)), True),
    ]
    # Keras' Padding.Same for odd kernels at stride 1 is Conv2d(padding=k // 2); Same pooling of an even map is plain pooling.
    m3 = [
        ("conv2d", relu(nn.Conv2d(1, 16, 3, padding=1)), True),
        ("max_pooling2d", nn.MaxPool2d(2, ceil_mode=True), True),
        ("conv2d_1", relu(nn.Conv2d(16, 4, 3, padding=1)), True),
        ("up_sampling2d", nn.Upsample(scale_factor=2, mode="nearest"), True),
        ("conv2d_2", sigmoid(nn.Conv2d(4, 1, 3, padding=1)), True),
    ]
    m4 = [
        ("conv2d", nn.Conv2d(1, 10, 5, stride=2), True),
        ("leaky_re_lu", nn.LeakyReLU(0.02), True),
        ("batch_normalization", nn.BatchNorm2d(10, eps=1e-3, momentum=0.01), True),
        ("conv2d_1", nn.Conv2d(10, 10, 3, stride=2), True),
        ("leaky_re_lu_1", nn.LeakyReLU(0.02), True),
        ("batch_normalization_1", nn.BatchNorm2d(10, eps=1e-3, momentum=0.01), True),
        ("flatten", KerasFlatten(), False),
        ("dense", sigmoid(nn.Linear(250, 10)), True),
    ]
    m5 = [
        ("conv2d", relu(nn.Conv2d(3, 64, 3, padding=1)), True),
        ("conv2d_1", relu(nn.Conv2d(64, 64, 3, padding=1)), True),
        ("max_pooling2d", nn.MaxPool2d(2), True),
        ("conv2d_2", relu(nn.Conv2d(64, 128, 3, padding=1)), True),
        ("conv2d_3", relu(nn.Conv2d(128, 128, 3, padding=1)), True),
        ("max_pooling2d_1", nn.MaxPool2d(2), True),
        ("flatten", KerasFlatten(), False),
        ("dense", nn.Linear(8192, 10), True),
    ]
    return {
        "M1MnistConvnet": (m1, (1, 28, 28)),
        "M2TutorialCnn": (m2, (3, 32, 32)),
        "M3Autoencoder": (m3, (1, 28, 28)),
        "M4StridedNet": (m4, (1, 28, 28)),
        "M5VggBlock": (m5, (3, 32, 32)),
    }


def layer_flops(module, x):
    """FLOPs of one module's forward pass on x, as PyTorch's profiler counts them."""
    with torch.profiler.profile(with_flops=True) as profile:
        y = module(x)
    return sum(event.flops or 0 for event in profile.key_averages()), y


def count(layers, input_shape):
    x = torch.randn(1, *input_shape)
    rows = []
    for name, module, own_output in layers:
        module.eval()
        with torch.no_grad():
            flops, x = layer_flops(module, x)
        assert flops % 2 == 0, (name, flops)
        rows.append([name, flops // 2, x[0].numel() if own_output else 0])
    # The whole model once more under one profiler: the per-layer sum must be the model's count.
    whole = nn.Sequential(*[m for _, m, _ in layers]).eval()
    with torch.no_grad():
        total, _ = layer_flops(whole, torch.randn(1, *input_shape))
    assert total // 2 == sum(r[1] for r in rows), (total, rows)
    return {
        "multiply_adds": total // 2,
        "activation_floats": sum(r[2] for r in rows),
        "layers": rows,
    }


def main():
    torch.manual_seed(0)
    facts = {name: count(layers, shape) for name, (layers, shape) in models().items()}
    # One line per layer, so a changed count shows as a one-line diff.
    lines = ["{"]
    for m, (name, fact) in enumerate(facts.items()):
        lines.append(f' "{name}": {{"multiply_adds": {fact["multiply_adds"]}, "activation_floats": {fact["activation_floats"]}, "layers": [')
        rows = [f"  {json.dumps(row)}" for row in fact["layers"]]
        lines.append(",\n".join(rows))
        lines.append(" ]}" + ("," if m < len(facts) - 1 else ""))
    lines.append("}")
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    json.load(open(OUT))  # still valid JSON
    for name, fact in facts.items():
        print(f"{name}: {fact['multiply_adds']:,} multiply-adds, {fact['activation_floats']:,} activation floats")


if __name__ == "__main__":
    main()
