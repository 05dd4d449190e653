"""PyTorch reference for the random-model campaign (Tests/Generated.Generator.Tests/Reliability).

Reads one JSON file of model descriptions (layers with Keras' arguments, plus, for each model the analyzer accepted,
its weights in Keras layouts, an input batch, an output gradient and a learning rate) and writes one JSON file with,
per model: the verdict of an independent shape check (Keras' rules, written here from Keras' documentation, not from
the C# generator), the shapes and parameter count, and when weights were given the inference output, the gradients
of sum(output * grad_output) for one training forward, the input gradient and every tensor after one SGD step.

Keras semantics, computed in float64: NHWC; Same padding puts the odd pixel at the bottom/right; average pooling
excludes the padding; Flatten is channels-last; Conv2DTranspose follows Keras' deconv_output_length (output_padding
unset vs set); BatchNormalization uses biased batch variance and moving = moving * momentum + batch * (1 - momentum),
and a frozen one runs in inference mode.

Usage: random_models.py IN.json OUT.json   (one process for a whole batch of models)
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


class Invalid(Exception):
    pass


WEIGHTED = {"conv2d", "conv2d_transpose", "depthwise_conv2d", "separable_conv2d", "dense", "batch_normalization",
            "layer_normalization", "group_normalization", "prelu"}
SPATIAL = {"conv2d", "conv2d_transpose", "depthwise_conv2d", "separable_conv2d", "max_pooling2d", "average_pooling2d",
           "min_pooling2d", "global_average_pooling2d", "global_max_pooling2d", "up_sampling2d", "zero_padding2d",
           "cropping2d", "flatten", "spatial_dropout", "group_normalization", "random_flip", "random_translation",
           "random_rotation", "random_zoom"}
MERGES = {"add", "concatenate", "multiply", "subtract", "maximum", "minimum", "average"}


def positive(value, what):
    if value < 1:
        raise Invalid(f"{what} is {value}, must be at least 1")


def window_out(size, kernel, stride, dilation, padding, axis):
    span = dilation * (kernel - 1) + 1
    if padding == "Same":
        return -(-size // stride)
    if size < span:
        raise Invalid(f"the window spans {span} {axis} but the input has {size}")
    return (size - span) // stride + 1


def transpose_out(size, kernel, stride, dilation, padding, output_padding):
    span = dilation * (kernel - 1) + 1
    if output_padding is None:
        return size * stride if padding == "Same" else size * stride + max(span - stride, 0)
    pad = span // 2 if padding == "Same" else 0
    return (size - 1) * stride + span - 2 * pad + output_padding


def prelu_alpha_shape(shape, axes):
    alpha = list(shape)
    for axis in axes:
        if axis < 1 or axis > len(shape):
            raise Invalid(f"shared axis {axis} outside 1..{len(shape)}")
        alpha[axis - 1] = 1
    return alpha


def merge_inputs(layer, previous):
    names = layer["args"]["layers"]
    return [previous] + names if len(names) == 1 else names


def infer(model):
    """Keras' shapes, layer by layer; raises Invalid(reason) with .layer set. Returns (shapes, parameter tensors)."""
    shapes = {"input": list(model["input_shape"])}
    previous = "input"
    out_shapes, tensors = [], {}
    for index, layer in enumerate(model["layers"]):
        try:
            shape = shapes[layer["input"] or previous] if (layer["input"] or previous) in shapes else None
            if shape is None:
                raise Invalid(f"unknown input {layer['input']}")
            out, weights = layer_shape(layer, shape, shapes, previous)
            if any(d < 1 for d in out):
                raise Invalid(f"output shape {out} has an empty dimension")
        except Invalid as error:
            error.layer = index
            raise
        for key, value in weights.items():
            tensors[f"{layer['name']}.{key}"] = value
        shapes[layer["name"]] = out
        out_shapes.append(out)
        previous = layer["name"]
    return out_shapes, tensors


def layer_shape(layer, shape, shapes, previous):
    kind, a = layer["kind"], layer["args"]
    if kind in SPATIAL and len(shape) != 3:
        raise Invalid(f"{kind} needs a feature map, got {shape}")
    if kind in ("conv2d", "depthwise_conv2d", "separable_conv2d", "conv2d_transpose"):
        for key in ("kh", "kw", "sh", "sw", "dilation"):
            positive(a[key], key)
    h, w, c = shape if len(shape) == 3 else (0, 0, shape[-1])
    if kind in ("conv2d", "depthwise_conv2d", "separable_conv2d", "conv2d_transpose") and a["dilation"] > 1 and max(a["sh"], a["sw"]) > 1:
        raise Invalid("Keras' convolutions reject strides > 1 with dilation_rate > 1")
    if kind == "conv2d":
        positive(a["filters"], "filters")
        positive(a["groups"], "groups")
        if c % a["groups"] or a["filters"] % a["groups"]:
            raise Invalid(f"groups {a['groups']} do not divide {c} channels and {a['filters']} filters")
        out = [window_out(h, a["kh"], a["sh"], a["dilation"], a["padding"], "rows"),
               window_out(w, a["kw"], a["sw"], a["dilation"], a["padding"], "columns"), a["filters"]]
        weights = {"kernel": [a["kh"], a["kw"], c // a["groups"], a["filters"]]}
        if a["use_bias"]:
            weights["bias"] = [a["filters"]]
        return out, weights
    if kind == "conv2d_transpose":
        positive(a["filters"], "filters")
        op = a.get("output_padding")
        if op is not None and not (0 <= op < min(a["sh"], a["sw"])):
            raise Invalid(f"output_padding {op} must be below the strides")
        out = [transpose_out(h, a["kh"], a["sh"], a["dilation"], a["padding"], op),
               transpose_out(w, a["kw"], a["sw"], a["dilation"], a["padding"], op), a["filters"]]
        weights = {"kernel": [a["kh"], a["kw"], a["filters"], c]}
        if a["use_bias"]:
            weights["bias"] = [a["filters"]]
        return out, weights
    if kind in ("depthwise_conv2d", "separable_conv2d"):
        positive(a["multiplier"], "depth multiplier")
        hh = window_out(h, a["kh"], a["sh"], a["dilation"], a["padding"], "rows")
        ww = window_out(w, a["kw"], a["sw"], a["dilation"], a["padding"], "columns")
        weights = {"depthwise_kernel": [a["kh"], a["kw"], c, a["multiplier"]]}
        if kind == "depthwise_conv2d":
            if a["use_bias"]:
                weights["bias"] = [c * a["multiplier"]]
            return [hh, ww, c * a["multiplier"]], weights
        positive(a["filters"], "filters")
        weights["pointwise_kernel"] = [1, 1, c * a["multiplier"], a["filters"]]
        if a["use_bias"]:
            weights["bias"] = [a["filters"]]
        return [hh, ww, a["filters"]], weights
    if kind in ("max_pooling2d", "average_pooling2d", "min_pooling2d"):
        for key in ("ph", "pw", "sh", "sw"):
            positive(a[key], key)
        return [window_out(h, a["ph"], a["sh"], 1, a["padding"], "rows"),
                window_out(w, a["pw"], a["sw"], 1, a["padding"], "columns"), c], {}
    if kind in ("global_average_pooling2d", "global_max_pooling2d"):
        return [c], {}
    if kind == "flatten":
        return [h * w * c], {}
    if kind == "up_sampling2d":
        positive(a["sh"], "size")
        positive(a["sw"], "size")
        return [h * a["sh"], w * a["sw"], c], {}
    if kind == "zero_padding2d":
        if min(a["top"], a["bottom"], a["left"], a["right"]) < 0:
            raise Invalid("negative padding")
        return [h + a["top"] + a["bottom"], w + a["left"] + a["right"], c], {}
    if kind == "cropping2d":
        if min(a["top"], a["bottom"], a["left"], a["right"]) < 0:
            raise Invalid("negative cropping")
        if a["top"] + a["bottom"] >= h or a["left"] + a["right"] >= w:
            raise Invalid(f"cropping removes all of {h}x{w}")
        return [h - a["top"] - a["bottom"], w - a["left"] - a["right"], c], {}
    if kind == "dense":
        positive(a["units"], "units")
        weights = {"kernel": [c, a["units"]]}
        if a["use_bias"]:
            weights["bias"] = [a["units"]]
        return list(shape[:-1]) + [a["units"]], weights
    if kind == "reshape":
        target = a["shape"]
        if math.prod(target) != math.prod(shape):
            raise Invalid(f"reshape of {shape} to {target}")
        return list(target), {}
    if kind in ("dropout", "spatial_dropout"):
        if not (0 <= a["rate"] < 1):
            raise Invalid(f"rate {a['rate']}")
        return list(shape), {}
    if kind == "batch_normalization":
        return list(shape), {"gamma": [c], "beta": [c], "moving_mean": [c], "moving_variance": [c]}
    if kind == "layer_normalization":
        return list(shape), {"gamma": [c], "beta": [c]}
    if kind == "group_normalization":
        positive(a["groups"], "groups")
        if c % a["groups"]:
            raise Invalid(f"{a['groups']} groups do not divide {c} channels")
        return list(shape), {"gamma": [c], "beta": [c]}
    if kind == "prelu":
        return list(shape), {"alpha": prelu_alpha_shape(shape, a["shared_axes"])}
    if kind in ("activation", "relu", "leaky_relu", "softmax", "rescaling", "random_flip", "random_translation",
                "random_rotation", "random_zoom"):
        return list(shape), {}
    if kind in MERGES:
        names = merge_inputs(layer, previous)
        if len(names) < 2 or (kind == "subtract" and len(names) != 2):
            raise Invalid(f"{kind} of {len(names)} inputs")
        if any(n not in shapes for n in names):
            raise Invalid(f"unknown merge input in {names}")
        inputs = [shapes[n] for n in names]
        if kind == "concatenate":
            if any(len(s) != len(inputs[0]) or s[:-1] != inputs[0][:-1] for s in inputs):
                raise Invalid(f"concatenate of {inputs}")
            return inputs[0][:-1] + [sum(s[-1] for s in inputs)], {}
        if any(s != inputs[0] for s in inputs):
            raise Invalid(f"{kind} of {inputs}")
        return list(inputs[0]), {}
    raise Invalid(f"unknown kind {kind}")


# ---- forward, NHWC tensors; NCHW only inside the torch calls ----

def nchw(x):
    return x.permute(0, 3, 1, 2)


def nhwc(x):
    return x.permute(0, 2, 3, 1)


def same_pads(size, span, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + span - size, 0)
    return total // 2, total - total // 2


def pads(x, a, kh, kw, dilation):
    """(left, right, top, bottom) for F.pad of an NCHW tensor: Keras Same, odd pixel at the bottom/right."""
    if a["padding"] == "Valid":
        return (0, 0, 0, 0)
    top, bottom = same_pads(x.shape[2], dilation * (kh - 1) + 1, a["sh"])
    left, right = same_pads(x.shape[3], dilation * (kw - 1) + 1, a["sw"])
    return (left, right, top, bottom)


def activate(x, name):
    return {
        "Linear": lambda t: t,
        "Relu": F.relu,
        "LeakyRelu": lambda t: F.leaky_relu(t, 0.2),
        "Sigmoid": torch.sigmoid,
        "Tanh": torch.tanh,
        "Softmax": lambda t: torch.softmax(t, dim=-1),
        "Elu": F.elu,
        "Swish": lambda t: t * torch.sigmoid(t),
        "Softplus": lambda t: torch.log1p(torch.exp(-t.abs())) + t.clamp(min=0),
        "Relu6": lambda t: t.clamp(0, 6),
        "Gelu": lambda t: 0.5 * t * (1 + torch.erf(t / math.sqrt(2))),
        "Selu": F.selu,
        "HardSwish": lambda t: t * (t + 3).clamp(0, 6) / 6,
    }[name](x)


def conv_transpose_axis(full, size, kernel, stride, dilation, padding, output_padding, axis):
    """Keeps Keras' cells of a full transposed convolution along `axis` (2 rows, 3 columns): TF's Same padding of
    the forward convolution whose gradient this is (its first total//2 cells dropped), zeros past the full result."""
    span = dilation * (kernel - 1) + 1
    length = transpose_out(size, kernel, stride, dilation, padding, output_padding)
    total = max((size - 1) * stride + span - length, 0) if padding == "Same" else 0
    start = total // 2
    kept = full.narrow(axis, start, min(length, full.shape[axis] - start))
    missing = length - kept.shape[axis]
    if missing > 0:
        shape = list(kept.shape)
        shape[axis] = missing
        kept = torch.cat([kept, torch.zeros(shape)], dim=axis)
    return kept


def pool(x, a, kind):
    n = nchw(x)
    kernel, stride = (a["ph"], a["pw"]), (a["sh"], a["sw"])
    p = pads(n, a, a["ph"], a["pw"], 1)
    if kind == "max_pooling2d":
        return nhwc(F.max_pool2d(F.pad(n, p, value=-math.inf), kernel, stride))
    if kind == "min_pooling2d":
        return nhwc(-F.max_pool2d(F.pad(-n, p, value=-math.inf), kernel, stride))
    sums = F.avg_pool2d(F.pad(n, p), kernel, stride) * (kernel[0] * kernel[1])
    counts = F.avg_pool2d(F.pad(torch.ones_like(n[:1, :1]), p), kernel, stride) * (kernel[0] * kernel[1])
    return nhwc(sums / counts)


def run(model, weights, x, training, moving):
    """Forward of the model in float64; `weights` maps tensor name -> tensor in Keras layout. Permuted kernels are made
    contiguous: torch's slow_conv2d backward rejects a non-contiguous weight ("grad_weight must be contiguous")."""
    values = {"input": x}
    previous = "input"
    for layer in model["layers"]:
        kind, a, name = layer["kind"], layer["args"], layer["name"]
        t = values[layer["input"] or previous]
        W = lambda key: weights.get(f"{name}.{key}")
        if kind == "conv2d":
            n = nchw(t)
            y = F.conv2d(F.pad(n, pads(n, a, a["kh"], a["kw"], a["dilation"])), W("kernel").permute(3, 2, 0, 1).contiguous(), W("bias"),
                         stride=(a["sh"], a["sw"]), dilation=a["dilation"], groups=a["groups"])
            y = activate(nhwc(y), a["activation"])
        elif kind == "conv2d_transpose":
            n = nchw(t)
            full = F.conv_transpose2d(n, W("kernel").permute(3, 2, 0, 1).contiguous(), None, stride=(a["sh"], a["sw"]), dilation=a["dilation"])
            op = a.get("output_padding")
            full = conv_transpose_axis(full, n.shape[2], a["kh"], a["sh"], a["dilation"], a["padding"], op, 2)
            full = conv_transpose_axis(full, n.shape[3], a["kw"], a["sw"], a["dilation"], a["padding"], op, 3)
            y = nhwc(full)
            if W("bias") is not None:
                y = y + W("bias")
            y = activate(y, a["activation"])
        elif kind in ("depthwise_conv2d", "separable_conv2d"):
            n = nchw(t)
            c, m = n.shape[1], a["multiplier"]
            dw = W("depthwise_kernel").reshape(a["kh"], a["kw"], 1, c * m).permute(3, 2, 0, 1).contiguous()
            y = F.conv2d(F.pad(n, pads(n, a, a["kh"], a["kw"], a["dilation"])), dw, W("bias") if kind == "depthwise_conv2d" else None,
                         stride=(a["sh"], a["sw"]), dilation=a["dilation"], groups=c)
            if kind == "separable_conv2d":
                y = F.conv2d(y, W("pointwise_kernel").permute(3, 2, 0, 1).contiguous(), W("bias"))
            y = activate(nhwc(y), a["activation"])
        elif kind in ("max_pooling2d", "average_pooling2d", "min_pooling2d"):
            y = pool(t, a, kind)
        elif kind == "global_average_pooling2d":
            y = t.mean(dim=(1, 2))
        elif kind == "global_max_pooling2d":
            y = t.amax(dim=(1, 2))
        elif kind == "flatten":
            y = t.reshape(t.shape[0], -1)
        elif kind == "up_sampling2d":
            sh, sw = a["sh"], a["sw"]
            if a["interpolation"] == "Nearest":
                y = t.repeat_interleave(sh, dim=1).repeat_interleave(sw, dim=2)
            elif a["interpolation"] == "Bilinear":
                y = nhwc(F.interpolate(nchw(t), size=(t.shape[1] * sh, t.shape[2] * sw), mode="bilinear", align_corners=False))
            else:
                y = torch.zeros(t.shape[0], t.shape[1] * sh, t.shape[2] * sw, t.shape[3])
                rows = torch.arange(t.shape[1]) * sh
                cols = torch.arange(t.shape[2]) * sw
                y = y.index_put((torch.arange(t.shape[0])[:, None, None], rows[None, :, None], cols[None, None, :]), t)
        elif kind == "zero_padding2d":
            y = nhwc(F.pad(nchw(t), (a["left"], a["right"], a["top"], a["bottom"])))
        elif kind == "cropping2d":
            y = t[:, a["top"]:t.shape[1] - a["bottom"], a["left"]:t.shape[2] - a["right"], :]
        elif kind == "dense":
            y = t @ W("kernel")
            if W("bias") is not None:
                y = y + W("bias")
            y = activate(y, a["activation"])
        elif kind == "reshape":
            y = t.reshape(t.shape[0], *a["shape"])
        elif kind == "batch_normalization":
            mean_key, var_key = f"{name}.moving_mean", f"{name}.moving_variance"
            if training and layer["trainable"]:
                axes = tuple(range(t.dim() - 1))
                mean = t.mean(dim=axes)
                var = ((t - mean) ** 2).mean(dim=axes)
                mom = a["momentum"]
                moving[mean_key] = moving[mean_key] * mom + mean.detach() * (1 - mom)
                moving[var_key] = moving[var_key] * mom + var.detach() * (1 - mom)
            else:
                mean, var = weights[mean_key], weights[var_key]
            y = (t - mean) / torch.sqrt(var + a["epsilon"]) * W("gamma") + W("beta")
        elif kind == "layer_normalization":
            mean = t.mean(dim=-1, keepdim=True)
            var = ((t - mean) ** 2).mean(dim=-1, keepdim=True)
            y = (t - mean) / torch.sqrt(var + a["epsilon"]) * W("gamma") + W("beta")
        elif kind == "group_normalization":
            y = nhwc(F.group_norm(nchw(t), a["groups"], W("gamma"), W("beta"), eps=a["epsilon"]))
        elif kind == "prelu":
            y = t.clamp(min=0) + W("alpha") * t.clamp(max=0)
        elif kind == "activation":
            y = activate(t, a["activation"])
        elif kind == "relu":
            y = F.relu(t)
        elif kind == "leaky_relu":
            y = F.leaky_relu(t, a["alpha"])
        elif kind == "softmax":
            y = torch.softmax(t, dim=-1)
        elif kind == "rescaling":
            y = t * a["scale"] + a["offset"]
        elif kind in ("dropout", "spatial_dropout", "random_flip", "random_translation", "random_rotation", "random_zoom"):
            if training and layer_is_random(layer):
                raise RuntimeError("a stochastic layer has no deterministic training reference")
            y = t
        elif kind in MERGES:
            inputs = [values[n] for n in merge_inputs(layer, previous)]
            if kind == "add":
                y = sum(inputs[1:], inputs[0])
            elif kind == "concatenate":
                y = torch.cat(inputs, dim=-1)
            elif kind == "multiply":
                y = inputs[0]
                for other in inputs[1:]:
                    y = y * other
            elif kind == "subtract":
                y = inputs[0] - inputs[1]
            elif kind == "maximum":
                y = torch.stack(inputs).amax(dim=0)
            elif kind == "minimum":
                y = torch.stack(inputs).amin(dim=0)
            else:
                y = torch.stack(inputs).mean(dim=0)
        else:
            raise RuntimeError(f"unknown kind {kind}")
        values[name] = y
        previous = name
    return values[previous]


def live_layers(model):
    """The layers the output depends on: a Keras functional model holds only these (others are not run or updated)."""
    layers = model["layers"]
    inputs, previous = {}, "input"
    for layer in layers:
        inputs[layer["name"]] = merge_inputs(layer, previous) if layer["kind"] in MERGES else [layer["input"] or previous]
        previous = layer["name"]
    live, stack = set(), [previous]
    while stack:
        name = stack.pop()
        if name in live or name == "input":
            continue
        live.add(name)
        stack.extend(inputs[name])
    return live


def layer_is_random(layer):
    return layer["kind"] in ("random_flip", "random_translation", "random_rotation", "random_zoom") or \
        (layer["kind"] in ("dropout", "spatial_dropout") and layer["args"]["rate"] > 0)


def as_list(t):
    return t.detach().reshape(-1).tolist()


def evaluate(model):
    result = {"index": model["index"]}
    try:
        shapes, tensors = infer(model)
    except Invalid as error:
        result.update(valid=False, error_layer=error.layer, reason=str(error))
        return result
    result.update(valid=True, shapes=shapes, param_count=sum(math.prod(s) for s in tensors.values()))
    given = model.get("weights")
    if given is None:
        return result
    problems = []
    if set(given) != set(tensors):
        problems.append(f"tensor names {sorted(given)} but Keras has {sorted(tensors)}")
    for key, shape in tensors.items():
        if key in given and given[key]["shape"] != shape:
            problems.append(f"{key} has shape {given[key]['shape']} but Keras' is {shape}")
    if problems:
        result["weight_problems"] = problems
        return result
    weights = {k: torch.tensor(v["values"]).reshape(v["shape"]) for k, v in given.items()}
    batch = model["batch"]
    x = torch.tensor(model["input"]).reshape([batch] + list(model["input_shape"]))
    with torch.no_grad():
        result["predict"] = as_list(run(model, weights, x, False, {}))
    if model.get("train"):
        trainable = {f"{l['name']}.{k}" for l in model["layers"] if l["trainable"]
                     for k in ("kernel", "bias", "depthwise_kernel", "pointwise_kernel", "gamma", "beta", "alpha")}
        leaves = {k: v.clone().requires_grad_(k in trainable) for k, v in weights.items()}
        xin = x.clone().requires_grad_(True)
        moving = {k: v.clone() for k, v in weights.items() if k.endswith((".moving_mean", ".moving_variance"))}
        original = dict(moving)
        out = run(model, leaves, xin, True, moving)
        live = live_layers(model)
        moving = {k: (v if k.rsplit(".", 1)[0] in live else original[k]) for k, v in moving.items()}
        upstream = torch.tensor(model["grad_output"]).reshape(out.shape)
        (out * upstream).sum().backward()
        grads = {k: (v.grad if v.grad is not None else torch.zeros_like(v)) for k, v in leaves.items() if k in trainable}
        after = {}
        for k, v in weights.items():
            if k in grads:
                after[k] = as_list(v - model["learning_rate"] * grads[k])
            elif k in moving:
                after[k] = as_list(moving[k])
            else:
                after[k] = as_list(v)
        result.update(train_output=as_list(out), grads={k: as_list(g) for k, g in grads.items()},
                      input_grad=as_list(xin.grad), after=after)
    return result


def main():
    with open(sys.argv[1]) as f:
        models = json.load(f)["models"]
    results = []
    for model in models:
        try:
            results.append(evaluate(model))
        except Exception as error:  # a reference failure is reported, not hidden
            results.append({"index": model["index"], "reference_error": f"{type(error).__name__}: {error}"})
    with open(sys.argv[2], "w") as f:
        json.dump({"results": results, "torch": torch.__version__}, f)


if __name__ == "__main__":
    main()
