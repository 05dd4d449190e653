"""check_predictions.py - the Python counterpart of check_predictions.c, run by Tests/Generated.Embedding.Tests.

    python3 check_predictions.py <libgenerated_mnist.so> <weights.safetensors> <fixture folder> <scratch folder>

Checks the library's predictions against the managed model's (raw float32 files digits.f32, labels.f32,
scores.f32 in the fixture folder) and that bad input raises GeneratedMnistError with a message.
Prints "ok: <check>" or "FAIL: <check>: <why>" per check; exits 0 only when every check passed.
"""
import ctypes
import math
import os
import sys
import threading
import time
from array import array

from generated_mnist import GeneratedMnistError, Library

results = []


def report(name, passed, detail):
    results.append(passed)
    print(f"{'ok' if passed else 'FAIL'}: {name}: {detail}", flush=True)


def expect_error(name, action, status, needle):
    try:
        action()
    except GeneratedMnistError as error:
        report(name, error.status == status and needle in error.message, f"status {error.status} (expected {status}), message \"{error.message}\"")
        return
    report(name, False, "no error")


def read_floats(folder, name):
    values = array("f")
    with open(os.path.join(folder, name), "rb") as file:
        values.frombytes(file.read())
    return values


def max_difference(a, b):
    return max(abs(x - y) for x, y in zip(a, b))


def argmax(scores):
    return max(range(len(scores)), key=scores.__getitem__)


def main(library_path, weights_path, fixtures, scratch):
    lib = Library(library_path)
    digits = read_floats(fixtures, "digits.f32")
    labels = read_floats(fixtures, "labels.f32")
    expected = read_floats(fixtures, "scores.f32")
    n, size, classes = len(labels), lib.input_size, lib.output_size
    one_image = digits[:size]

    report("shapes", lib.shape("input") == (28, 28, 1) and lib.shape("output") == (10,) and size == 784 and classes == 10,
           f"input {size} floats {lib.shape('input')}, output {lib.shape('output')}")
    expect_error("shape capacity too small",
                 lambda: lib.check(lib.lib.gm_input_shape((ctypes.c_int32 * 2)(), 2, None)), 2, "capacity is 2")

    load_start = time.perf_counter()
    network = lib.network_from_file(weights_path)
    load_end = time.perf_counter()
    report("create from file", network.handle.value is not None, "network created")
    scores = network.predict(digits)
    correct = sum(argmax(scores[i * classes:(i + 1) * classes]) == int(labels[i]) for i in range(n))
    difference = max_difference(scores, expected)
    report("predictions match", difference <= 1e-4 and correct == n,
           f"{n} digits, {correct} labels right, max |score - managed| {difference:.1e}")

    # Latency of one digit through ctypes (the wrapper's array conversions included).
    single = array("f", one_image)
    single_scores = array("f", bytes(4 * classes))
    network.predict_into(single, single_scores)
    timed_start = time.perf_counter()
    for _ in range(200):
        network.predict_into(single, single_scores)
    print(f"timing: create from file {(load_end - load_start) * 1e6:.0f} us, "
          f"then {(time.perf_counter() - timed_start) / 200 * 1e6:.0f} us per digit (mean of 200)")

    with open(weights_path, "rb") as file:
        weights = file.read()
    with lib.network_from_memory(weights) as from_memory:
        difference = max_difference(from_memory.predict(digits), expected)
    report("create from memory", difference <= 1e-4, f"max |score - managed| {difference:.1e}")

    # Bad paths and corrupt weights.
    expect_error("bad path", lambda: lib.network_from_file("/nonexistent/folder/weights.safetensors"), 3, "nonexistent")
    handle = ctypes.c_void_p(0x1234)
    status = lib.lib.gm_network_create_from_file(b"/nonexistent/folder/weights.safetensors", ctypes.byref(handle))
    report("bad path leaves network NULL", status == 3 and handle.value is None, "network set to NULL on failure")
    expect_error("directory path", lambda: lib.network_from_file(scratch), 3, "weight")
    corrupt = os.path.join(scratch, "corrupt-py.safetensors")
    garbage = b"this is not a safetensors file, just some text of more than eight bytes"
    with open(corrupt, "wb") as file:
        file.write(garbage)
    expect_error("corrupt file", lambda: lib.network_from_file(corrupt), 4, "corrupt-py.safetensors")
    truncated = os.path.join(scratch, "truncated-py.safetensors")
    with open(truncated, "wb") as file:
        file.write(weights[: len(weights) // 2])
    expect_error("truncated file", lambda: lib.network_from_file(truncated), 4, "truncated")
    expect_error("corrupt memory", lambda: lib.network_from_memory(garbage), 4, "safetensors")
    expect_error("truncated memory", lambda: lib.network_from_memory(weights[:-100]), 4, "truncated")
    expect_error("empty memory", lambda: lib.network_from_memory(b""), 4, "8-byte header")

    # Wrong buffer lengths.
    expect_error("input length", lambda: network.predict(digits[: size - 1], output_length=classes), 2, "multiple of 784")
    expect_error("output length", lambda: network.predict(one_image, output_length=classes - 1), 2, "exactly 10")
    expect_error("output length of another batch", lambda: network.predict(digits[: 2 * size], output_length=classes), 2, "exactly 20")

    # Null pointers (ctypes passes None as NULL).
    float_p = ctypes.POINTER(ctypes.c_float)
    image_pointer = ctypes.cast((ctypes.c_float * size).from_buffer(one_image), float_p)
    out = (ctypes.c_float * classes)()
    expect_error("empty input", lambda: lib.check(lib.lib.gm_network_predict(network.handle, image_pointer, 0, out, classes)), 2, "input_length is 0")
    expect_error("null path", lambda: lib.network_from_file(None), 1, "path is NULL")
    expect_error("null out network", lambda: lib.check(lib.lib.gm_network_create_from_file(weights_path.encode(), None)), 1, "network is NULL")
    expect_error("null data", lambda: lib.check(lib.lib.gm_network_create_from_memory(None, 10, ctypes.byref(ctypes.c_void_p()))), 1, "data is NULL")
    expect_error("null network", lambda: lib.check(lib.lib.gm_network_predict(None, image_pointer, size, out, classes)), 1, "network is NULL")
    expect_error("null input", lambda: lib.check(lib.lib.gm_network_predict(network.handle, None, size, out, classes)), 1, "input is NULL")
    expect_error("null output", lambda: lib.check(lib.lib.gm_network_predict(network.handle, image_pointer, size, None, classes)), 1, "output is NULL")
    expect_error("null shape", lambda: lib.check(lib.lib.gm_output_shape(None, 4, None)), 1, "shape is NULL")

    # Non-finite input: rejected with a message, output untouched.
    poisoned = array("f", one_image)
    sentinel = array("f", [-1.0] * classes)
    poisoned[300] = math.nan
    expect_error("NaN input", lambda: network.predict_into(poisoned, sentinel), 5, "input[300] (sample 0, pixel 300) is NaN")
    poisoned[300], poisoned[5] = 0.5, math.inf
    expect_error("infinite input", lambda: network.predict_into(poisoned, sentinel), 5, "is Infinity")
    poisoned[5] = -math.inf
    expect_error("negative infinite input", lambda: network.predict_into(poisoned, sentinel), 5, "is -Infinity")
    report("output unchanged on failure", list(sentinel) == [-1.0] * classes, "the caller's output buffer still holds its sentinel")

    # Threads: concurrent predictions on one network (ctypes releases the GIL); errors are per thread.
    expect_error("threads below 1", lambda: lib.set_max_threads(0), 7, "at least 1")
    mismatches = []

    def predict_repeatedly():
        for _ in range(20):
            mismatches.append(max_difference(network.predict(digits), expected) > 1e-4)

    workers = [threading.Thread(target=predict_repeatedly) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    report("concurrent predictions", len(mismatches) == 80 and not any(mismatches),
           f"4 threads x 20 batches on one network, {sum(mismatches)} mismatches")

    before = lib.lib.gm_last_error()
    other = []
    thread = threading.Thread(target=lambda: other.append(lib.lib.gm_network_create_from_file(b"/nonexistent/other-thread.safetensors", ctypes.byref(ctypes.c_void_p()))))
    thread.start()
    thread.join()
    report("errors are per thread", other == [3] and lib.lib.gm_last_error() == before,
           f"other thread got {other}; this thread's message still \"{lib.lib.gm_last_error().decode()}\"")

    network.close()
    report("free", True, "live network freed")
    expect_error("freed network", lambda: network.predict(one_image), 6, "not a live network")
    expect_error("double free", network.close, 6, "not a live network")
    report("free NULL", lib.lib.gm_network_free(None) == 0, "freeing NULL does nothing")

    print(f"{sum(results)} of {len(results)} checks passed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
