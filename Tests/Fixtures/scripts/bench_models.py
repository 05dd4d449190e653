"""The five reference models of docs/PERFORMANCE.md in PyTorch (NCHW), and their Keras-layout weights.

Every side of the benchmark starts from the weights made here: PyTorch uses the modules directly,
ONNX Runtime gets them inside the exported .onnx file, and our generated networks load the
safetensors file written by `keras_weights` (names `conv2d`, `conv2d_1`, `dense`, ... per kind
counter in declaration order, kernels HWIO, Dense kernels [in, out], Flatten in NHWC order).

Each module's forward() ends with the model's output activation (softmax, sigmoid), as Keras'
predict() does; `logits()` stops before it so training can use PyTorch's fused, stable losses.
"""
import torch
from torch import nn
import torch.nn.functional as F

import fixture_io

# Keras defaults for BatchNormalization: momentum 0.99 (PyTorch's momentum is 1 - Keras'), epsilon 1e-3.
KERAS_BN_EPSILON = 1e-3
KERAS_BN_MOMENTUM = 0.99


class ReferenceModel(nn.Module):
    """A sequential model whose layers carry their Keras names, plus its loss and input/target shapes."""

    name = ""
    description = ""
    input_shape = (1, 28, 28)  # C, H, W
    output_activation = "linear"  # applied after logits() in forward()
    loss = ""

    def __init__(self, layers):
        super().__init__()
        # (name, module) in order: Keras layer names (per-kind counters, as Keras assigns them); an
        # activation that Keras fuses into its Conv2D/Dense is a separate module named '{layer}.relu'.
        self.keras_layers = list(layers)
        self.body = nn.Sequential(*[module for _, module in self.keras_layers])

    def logits(self, x):
        return self.body(x)

    def forward(self, x):
        y = self.logits(x)
        if self.output_activation == "softmax":
            return torch.softmax(y, dim=1)
        if self.output_activation == "sigmoid":
            return torch.sigmoid(y)
        return y

    def loss_value(self, x, target):
        """The declared loss on a batch, in PyTorch's fused form (same value as Keras' loss on forward(x))."""
        y = self.logits(x)
        if self.loss == "categorical_crossentropy":
            return F.cross_entropy(y, target)  # softmax + CCE, target class indices
        if self.loss == "binary_crossentropy":
            return F.binary_cross_entropy_with_logits(y, target)  # sigmoid + BCE
        if self.loss == "mse":
            return F.mse_loss(torch.sigmoid(y) if self.output_activation == "sigmoid" else y, target)
        raise ValueError(f"{self.name}: unknown loss {self.loss!r}")

    def make_batch(self, batch, generator):
        """Random inputs in [0, 1) and targets of the right kind for the loss."""
        x = torch.rand((batch,) + self.input_shape, generator=generator)
        if self.loss == "categorical_crossentropy":
            target = torch.randint(0, 10, (batch,), generator=generator)
        elif self.loss == "binary_crossentropy":
            target = x.clone()  # the autoencoder reconstructs its input
        else:
            target = F.one_hot(torch.randint(0, 10, (batch,), generator=generator), 10).float()
        return x, target


class _Flatten(nn.Module):
    """Flatten marker: the Dense kernel after it is reordered from PyTorch's C,H,W rows to Keras' H,W,C."""

    def forward(self, x):
        return torch.flatten(x, 1)


def _conv(cin, cout, k, stride=1, same=False):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=(k // 2 if same else 0))


def m1():
    m = ReferenceModel([
        ("conv2d", _conv(1, 32, 3)), ("conv2d.relu", nn.ReLU()),
        ("max_pooling2d", nn.MaxPool2d(2)),
        ("conv2d_1", _conv(32, 64, 3)), ("conv2d_1.relu", nn.ReLU()),
        ("max_pooling2d_1", nn.MaxPool2d(2)),
        ("flatten", _Flatten()),
        ("dropout", nn.Dropout(0.5)),
        ("dense", nn.Linear(5 * 5 * 64, 10)),
    ])
    m.name, m.input_shape, m.output_activation, m.loss = "M1", (1, 28, 28), "softmax", "categorical_crossentropy"
    m.description = "Keras MNIST convnet"
    m.flatten_chw = (64, 5, 5)
    return m


def m2():
    m = ReferenceModel([
        ("conv2d", _conv(3, 32, 3)), ("conv2d.relu", nn.ReLU()),
        ("max_pooling2d", nn.MaxPool2d(2)),
        ("conv2d_1", _conv(32, 64, 3)), ("conv2d_1.relu", nn.ReLU()),
        ("max_pooling2d_1", nn.MaxPool2d(2)),
        ("conv2d_2", _conv(64, 64, 3)), ("conv2d_2.relu", nn.ReLU()),
        ("flatten", _Flatten()),
        ("dense", nn.Linear(4 * 4 * 64, 64)), ("dense.relu", nn.ReLU()),
        ("dense_1", nn.Linear(64, 10)),
    ])
    m.name, m.input_shape, m.output_activation, m.loss = "M2", (3, 32, 32), "softmax", "categorical_crossentropy"
    m.description = "TF tutorial CNN"
    m.flatten_chw = (64, 4, 4)
    return m


def m3():
    m = ReferenceModel([
        ("conv2d", _conv(1, 16, 3, same=True)), ("conv2d.relu", nn.ReLU()),
        ("max_pooling2d", nn.MaxPool2d(2)),  # 'same' equals 'valid' on 28x28
        ("conv2d_1", _conv(16, 4, 3, same=True)), ("conv2d_1.relu", nn.ReLU()),
        ("up_sampling2d", nn.Upsample(scale_factor=2, mode="nearest")),
        ("conv2d_2", _conv(4, 1, 3, same=True)),
    ])
    m.name, m.input_shape, m.output_activation, m.loss = "M3", (1, 28, 28), "sigmoid", "binary_crossentropy"
    m.description = "convolutional autoencoder"
    m.flatten_chw = None
    return m


def m4():
    m = ReferenceModel([
        ("conv2d", _conv(1, 10, 5, stride=2)),
        ("leaky_re_lu", nn.LeakyReLU(0.02)),
        ("batch_normalization", nn.BatchNorm2d(10, eps=KERAS_BN_EPSILON, momentum=1 - KERAS_BN_MOMENTUM)),
        ("conv2d_1", _conv(10, 10, 3, stride=2)),
        ("leaky_re_lu_1", nn.LeakyReLU(0.02)),
        ("batch_normalization_1", nn.BatchNorm2d(10, eps=KERAS_BN_EPSILON, momentum=1 - KERAS_BN_MOMENTUM)),
        ("flatten", _Flatten()),
        ("dense", nn.Linear(5 * 5 * 10, 10)),
    ])
    m.name, m.input_shape, m.output_activation, m.loss = "M4", (1, 28, 28), "sigmoid", "mse"
    m.description = "small strided net"
    m.flatten_chw = (10, 5, 5)
    return m


def m5():
    m = ReferenceModel([
        ("conv2d", _conv(3, 64, 3, same=True)), ("conv2d.relu", nn.ReLU()),
        ("conv2d_1", _conv(64, 64, 3, same=True)), ("conv2d_1.relu", nn.ReLU()),
        ("max_pooling2d", nn.MaxPool2d(2)),
        ("conv2d_2", _conv(64, 128, 3, same=True)), ("conv2d_2.relu", nn.ReLU()),
        ("conv2d_3", _conv(128, 128, 3, same=True)), ("conv2d_3.relu", nn.ReLU()),
        ("max_pooling2d_1", nn.MaxPool2d(2)),
        ("flatten", _Flatten()),
        ("dense", nn.Linear(8 * 8 * 128, 10)),
    ])
    # The brief gives M5 a linear Dense 10; it is trained as a classifier on logits (softmax CCE).
    m.name, m.input_shape, m.output_activation, m.loss = "M5", (3, 32, 32), "linear", "categorical_crossentropy"
    m.description = "VGG-style block"
    m.flatten_chw = (128, 8, 8)
    return m


FACTORIES = {"M1": m1, "M2": m2, "M3": m3, "M4": m4, "M5": m5}
SEEDS = {"M1": 1, "M2": 2, "M3": 3, "M4": 4, "M5": 5}


def build(name):
    """The model with its deterministic initial weights (PyTorch's default init under a fixed seed)."""
    torch.manual_seed(SEEDS[name])
    return FACTORIES[name]()


def parameter_count(model):
    """Keras' count_params(): trainable parameters plus batch-norm moving statistics."""
    count = sum(p.numel() for p in model.parameters())
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            count += module.running_mean.numel() + module.running_var.numel()
    return count


def forward_flops(model):
    """Multiply-add FLOPs (2 per MAC) of one sample's forward pass through the convolutions and Dense layers."""
    flops = []

    def count(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            per_output = module.in_channels // module.groups * module.kernel_size[0] * module.kernel_size[1]
            flops.append(2 * output.numel() * per_output)
        elif isinstance(module, nn.Linear):
            flops.append(2 * module.in_features * module.out_features * output.shape[0])

    hooks = [m.register_forward_hook(count) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    try:
        with torch.no_grad():
            model.eval()(torch.zeros((1,) + model.input_shape))
    finally:
        for hook in hooks:
            hook.remove()
    return sum(flops)


def keras_weights(model):
    """The model's weights as Keras would store them: {layer}.kernel|bias|gamma|beta|moving_mean|moving_variance."""
    tensors = {}
    previous_was_flatten = False
    for name, module in model.keras_layers:
        if isinstance(module, nn.Conv2d):
            tensors[f"{name}.kernel"] = fixture_io.hwio(module.weight)
            tensors[f"{name}.bias"] = module.bias.detach().numpy()
        elif isinstance(module, nn.Linear):
            weight = module.weight.detach()  # [out, in]
            if previous_was_flatten:
                # PyTorch flattens C,H,W; Keras flattens H,W,C. Reorder the kernel's input rows.
                c, h, w = model.flatten_chw
                weight = weight.reshape(weight.shape[0], c, h, w).permute(0, 2, 3, 1).reshape(weight.shape[0], -1)
            tensors[f"{name}.kernel"] = weight.t().contiguous().numpy()
            tensors[f"{name}.bias"] = module.bias.detach().numpy()
        elif isinstance(module, nn.BatchNorm2d):
            tensors[f"{name}.gamma"] = module.weight.detach().numpy()
            tensors[f"{name}.beta"] = module.bias.detach().numpy()
            tensors[f"{name}.moving_mean"] = module.running_mean.detach().numpy()
            tensors[f"{name}.moving_variance"] = module.running_var.detach().numpy()
        if not isinstance(module, nn.Dropout):
            previous_was_flatten = isinstance(module, _Flatten)
    return tensors
