"""Optimizer-step fixtures: parameters after each of several steps of every Keras optimizer.

Run from the repository root:  /usr/bin/python3 Tests/Fixtures/scripts/make_optimizer_fixtures.py

Each file Tests/Fixtures/optimizers/<case>.safetensors holds
    params_0            the starting parameters (37 values: vector tails for 4-, 8- and 16-wide vectors)
    grad_<k>            the gradient fed at step k (1-based)
    params_<k>          the parameters after step k
and metadata {"optimizer": <Keras-style description>, "source": "torch" | "keras-formula", "layout": [20, 17]}.
The layout splits the buffer into two tensors, for Keras' per-variable `clipnorm`.

Where PyTorch computes exactly Keras' formula for the chosen hyper-parameters, the expected values come from
torch.optim ("source": "torch"):
  - SGD (plain, momentum, Nesterov) with a constant learning rate: Keras keeps the velocity scaled by lr
    (m = momentum*m - lr*g), PyTorch unscaled (b = momentum*b + g, p -= lr*b); with a constant lr, m = -lr*b.
  - Adadelta: identical formulas; PyTorch's defaults (lr=1, eps=1e-6) are overridden with Keras' (lr=1e-3, eps=1e-7).
  - Clipping cases, after checking numpy's Keras clip (g * c / max(norm, c)) against torch.nn.utils.clip_grad_norm_
    (which adds 1e-6 to the norm) and clip_grad_value_.
Where they differ, the expected values come from Keras' formula written below in float64 numpy ("keras-formula"),
and the script first proves that formula equals torch's in the setting where both must agree:
  - Adam/AdamW: Keras' epsilon is "epsilon hat" (p -= lr*sqrt(1-b2^t)/(1-b1^t) * m/(sqrt(v)+eps)); PyTorch's is added
    to the bias-corrected sqrt(v_hat). They coincide at eps = 0, which is checked.
  - RMSprop: Keras adds eps inside the square root, PyTorch outside; they coincide at eps = 0, checked for plain,
    momentum and centered variants.
  - SGD with momentum under a decaying learning rate: Keras and PyTorch differ (lr-scaled vs unscaled velocity);
    the schedule is Keras' ExponentialDecay(0.1, 2, 0.5, staircase=True), evaluated at optimizer.iterations.
"""
import json
import math
import os

import numpy as np
import torch

from fixture_io import write

OUT = os.path.join("Tests", "Fixtures", "optimizers")
LENGTH = 37
LAYOUT = [20, 17]
STEPS = 5
GRADIENT_SCALES = [0.5, 1.5, 1.0, 2.0, 0.8]


def make_inputs():
    torch.manual_seed(0)
    params = torch.randn(LENGTH, dtype=torch.float32)
    grads = [torch.randn(LENGTH, dtype=torch.float32) * s for s in GRADIENT_SCALES]
    return params, grads


def split(vector):
    return torch.split(vector, LAYOUT)


def run_torch(make_optimizer, params0, grads, clip=None):
    """Runs torch.optim on two parameter tensors (the layout); returns the flat parameters after each step and the gradients fed."""
    tensors = [t.clone().requires_grad_(True) for t in split(params0)]
    optimizer = make_optimizer(tensors)
    history, fed = [], []
    for g in grads:
        for t, gt in zip(tensors, split(g)):
            t.grad = gt.clone()
        if clip is not None:
            clip(tensors)
        fed.append(torch.cat([t.grad for t in tensors]).detach().clone())
        optimizer.step()
        history.append(torch.cat([t.detach() for t in tensors]).clone())
    return history, fed


# ---- Keras' formulas (keras/src/optimizers/*.py, Keras 3), float64 ----

def keras_adam(params0, grads, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7, weight_decay=0.0):
    p = params0.numpy().astype(np.float64)
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    out = []
    for step, g in enumerate(grads, start=1):
        g = g.numpy().astype(np.float64)
        p = p - p * weight_decay * lr  # BaseOptimizer._apply_weight_decay, before the update
        alpha = lr * math.sqrt(1 - beta2 ** step) / (1 - beta1 ** step)
        m = m + (g - m) * (1 - beta1)
        v = v + (g * g - v) * (1 - beta2)
        p = p - alpha * m / (np.sqrt(v) + eps)
        out.append(p.copy())
    return out


def keras_rmsprop(params0, grads, lr=1e-3, rho=0.9, momentum=0.0, eps=1e-7, centered=False):
    p = params0.numpy().astype(np.float64)
    velocity = np.zeros_like(p)
    average = np.zeros_like(p)
    buffer = np.zeros_like(p)
    out = []
    for g in grads:
        g = g.numpy().astype(np.float64)
        velocity = rho * velocity + (1 - rho) * g * g
        if centered:
            average = rho * average + (1 - rho) * g
            denominator = velocity - average * average + eps
        else:
            denominator = velocity + eps
        increment = lr * g / np.sqrt(denominator)
        if momentum > 0:
            buffer = momentum * buffer + increment
            p = p - buffer
        else:
            p = p - increment
        out.append(p.copy())
    return out


def keras_sgd(params0, grads, learning_rates, momentum=0.0, nesterov=False):
    p = params0.numpy().astype(np.float64)
    m = np.zeros_like(p)
    out = []
    for lr, g in zip(learning_rates, grads):
        g = g.numpy().astype(np.float64)
        if momentum:
            m = -g * lr + m * momentum
            p = p + (-g * lr + m * momentum if nesterov else m)
        else:
            p = p - g * lr
        out.append(p.copy())
    return out


def keras_clip_by_norm(g, clip):
    norm = math.sqrt(float(np.sum(g.astype(np.float64) ** 2)))
    return g * clip / max(norm, clip)


def close(a, b, what, rtol=1e-5, atol=1e-6):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if not np.allclose(a, b, rtol=rtol, atol=atol):
        raise AssertionError(f"{what}: max difference {np.max(np.abs(a - b))}")


def save(name, params0, grads, history, description, source):
    tensors = {"params_0": params0.numpy()}
    for k, (g, p) in enumerate(zip(grads, history), start=1):
        tensors[f"grad_{k}"] = np.asarray(g, dtype=np.float32)
        tensors[f"params_{k}"] = np.asarray(p, dtype=np.float32)
    write(os.path.join(OUT, name + ".safetensors"), tensors,
          {"optimizer": description, "source": source, "layout": LAYOUT, "steps": STEPS})
    print(f"{name}: {source}, {description}")


def main():
    os.makedirs(OUT, exist_ok=True)
    params0, grads = make_inputs()
    numpy_grads = [g.numpy() for g in grads]

    # SGD: torch matches Keras with a constant learning rate.
    for name, momentum, nesterov in [("sgd", 0.0, False), ("sgd_momentum", 0.9, False), ("sgd_nesterov", 0.9, True)]:
        history, _ = run_torch(lambda t: torch.optim.SGD(t, lr=0.01, momentum=momentum, nesterov=nesterov), params0, grads)
        close(torch.stack(history), keras_sgd(params0, grads, [0.01] * STEPS, momentum, nesterov), name + " torch vs Keras formula")
        save(name, params0, numpy_grads, [h.numpy() for h in history],
             f"SGD(learning_rate=0.01, momentum={momentum}, nesterov={nesterov})", "torch")

    # Adadelta: same formula; Keras' defaults.
    for name, lr in [("adadelta", 1e-3), ("adadelta_lr1", 1.0)]:
        history, _ = run_torch(lambda t: torch.optim.Adadelta(t, lr=lr, rho=0.95, eps=1e-7), params0, grads)
        save(name, params0, numpy_grads, [h.numpy() for h in history], f"Adadelta(learning_rate={lr}, rho=0.95, epsilon=1e-7)", "torch")

    # Adam / AdamW: prove the Keras formula equals torch at eps = 0, then use it with Keras' eps.
    torch_adam, _ = run_torch(lambda t: torch.optim.Adam(t, lr=1e-3, betas=(0.9, 0.999), eps=0.0), params0, grads)
    close(torch.stack(torch_adam), keras_adam(params0, grads, eps=0.0), "Adam at eps=0")
    torch_adamw, _ = run_torch(lambda t: torch.optim.AdamW(t, lr=1e-2, betas=(0.9, 0.999), eps=0.0, weight_decay=0.004), params0, grads)
    close(torch.stack(torch_adamw), keras_adam(params0, grads, lr=1e-2, eps=0.0, weight_decay=0.004), "AdamW at eps=0")
    save("adam", params0, numpy_grads, keras_adam(params0, grads),
         "Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)", "keras-formula")
    save("adamw", params0, numpy_grads, keras_adam(params0, grads, lr=1e-2, weight_decay=0.004),
         "AdamW(learning_rate=0.01, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-7)", "keras-formula")

    # RMSprop: the same check at eps = 0 for each variant.
    for name, momentum, centered in [("rmsprop", 0.0, False), ("rmsprop_momentum", 0.9, False), ("rmsprop_centered", 0.0, True)]:
        reference, _ = run_torch(lambda t: torch.optim.RMSprop(t, lr=1e-3, alpha=0.9, eps=0.0, momentum=momentum, centered=centered), params0, grads)
        close(torch.stack(reference), keras_rmsprop(params0, grads, momentum=momentum, centered=centered, eps=0.0), name + " at eps=0")
        save(name, params0, numpy_grads, keras_rmsprop(params0, grads, momentum=momentum, centered=centered),
             f"RMSprop(learning_rate=0.001, rho=0.9, momentum={momentum}, epsilon=1e-7, centered={centered})", "keras-formula")

    # Clipping with SGD(0.1): numpy Keras clip checked against torch's utilities, then torch's SGD on the clipped gradient.
    def per_tensor_clip(tensors):
        for t in tensors:
            expected = keras_clip_by_norm(t.grad.numpy(), 4.0)
            torch.nn.utils.clip_grad_norm_([t], 4.0)
            close(t.grad.numpy(), expected, "clipnorm torch vs Keras")

    def global_clip(tensors):
        flat = torch.cat([t.grad for t in tensors]).numpy()
        expected = keras_clip_by_norm(flat, 6.0)
        torch.nn.utils.clip_grad_norm_(tensors, 6.0)
        close(torch.cat([t.grad for t in tensors]).numpy(), expected, "global_clipnorm torch vs Keras")

    def value_clip(tensors):
        torch.nn.utils.clip_grad_value_(tensors, 0.5)

    for name, clip, description in [("sgd_clipnorm", per_tensor_clip, "SGD(learning_rate=0.1, clipnorm=4.0)"),
                                    ("sgd_global_clipnorm", global_clip, "SGD(learning_rate=0.1, global_clipnorm=6.0)"),
                                    ("sgd_clipvalue", value_clip, "SGD(learning_rate=0.1, clipvalue=0.5)")]:
        history, _ = run_torch(lambda t: torch.optim.SGD(t, lr=0.1), params0, grads, clip=clip)
        save(name, params0, numpy_grads, [h.numpy() for h in history], description, "torch")

    # SGD with momentum under Keras' ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5, staircase=True).
    rates = [0.1 * 0.5 ** math.floor(step / 2) for step in range(STEPS)]
    save("sgd_momentum_exponential_decay", params0, numpy_grads, keras_sgd(params0, grads, rates, momentum=0.9),
         "SGD(learning_rate=ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5, staircase=True), momentum=0.9)", "keras-formula")


if __name__ == "__main__":
    main()
