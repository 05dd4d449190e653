"""generated_mnist.py - Python ctypes binding of libgenerated_mnist (see ../include/generated_mnist.h).

Standard library only (ctypes, array). Usage:

    from generated_mnist import Library
    lib = Library("/path/to/libgenerated_mnist.so")
    with lib.network_from_file("mnist_convnet.safetensors") as network:
        scores = network.predict(pixels)   # pixels: n * 784 floats in 0..1; scores: n * 10 floats

Every failing call raises GeneratedMnistError with the library's status code and message.
ctypes releases the GIL during each call, so networks may be used from several Python threads.
"""
import ctypes
from array import array

GM_OK = 0
STATUS_NAMES = {
    0: "GM_OK",
    1: "GM_ERROR_NULL_ARGUMENT",
    2: "GM_ERROR_BAD_LENGTH",
    3: "GM_ERROR_FILE_NOT_FOUND",
    4: "GM_ERROR_INVALID_WEIGHTS",
    5: "GM_ERROR_NON_FINITE_INPUT",
    6: "GM_ERROR_INVALID_HANDLE",
    7: "GM_ERROR_INVALID_ARGUMENT",
    99: "GM_ERROR_INTERNAL",
}


class GeneratedMnistError(Exception):
    """A gm_status other than GM_OK, with the message gm_last_error() gave on the same thread."""

    def __init__(self, status, message):
        super().__init__(f"{STATUS_NAMES.get(status, status)}: {message}")
        self.status = status
        self.message = message


class Library:
    """The loaded shared library with its function signatures declared."""

    def __init__(self, path):
        self.lib = lib = ctypes.CDLL(path)
        network_p = ctypes.c_void_p
        float_p = ctypes.POINTER(ctypes.c_float)
        size_p = ctypes.POINTER(ctypes.c_size_t)
        signatures = {
            "gm_network_create_from_file": ([ctypes.c_char_p, ctypes.POINTER(network_p)], ctypes.c_int),
            "gm_network_create_from_memory": ([ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(network_p)], ctypes.c_int),
            "gm_network_predict": ([network_p, float_p, ctypes.c_size_t, float_p, ctypes.c_size_t], ctypes.c_int),
            "gm_network_free": ([network_p], ctypes.c_int),
            "gm_input_size": ([], ctypes.c_size_t),
            "gm_output_size": ([], ctypes.c_size_t),
            "gm_input_shape": ([ctypes.POINTER(ctypes.c_int32), ctypes.c_size_t, size_p], ctypes.c_int),
            "gm_output_shape": ([ctypes.POINTER(ctypes.c_int32), ctypes.c_size_t, size_p], ctypes.c_int),
            "gm_set_max_threads": ([ctypes.c_int32], ctypes.c_int),
            "gm_last_error": ([], ctypes.c_char_p),
        }
        for name, (arguments, result) in signatures.items():
            function = getattr(lib, name)
            function.argtypes = arguments
            function.restype = result
        self.input_size = lib.gm_input_size()
        self.output_size = lib.gm_output_size()

    def check(self, status):
        """Raises GeneratedMnistError unless status is GM_OK."""
        if status != GM_OK:
            raise GeneratedMnistError(status, self.lib.gm_last_error().decode("utf-8"))

    def shape(self, which):
        """The input or output shape as a tuple, e.g. (28, 28, 1)."""
        dimensions = (ctypes.c_int32 * 8)()
        rank = ctypes.c_size_t()
        function = self.lib.gm_input_shape if which == "input" else self.lib.gm_output_shape
        self.check(function(dimensions, len(dimensions), ctypes.byref(rank)))
        return tuple(dimensions[: rank.value])

    def set_max_threads(self, threads):
        """Most threads one prediction uses, process-wide."""
        self.check(self.lib.gm_set_max_threads(threads))

    def network_from_file(self, path):
        """A network with the weights of a safetensors file."""
        handle = ctypes.c_void_p()
        encoded = None if path is None else str(path).encode("utf-8")
        self.check(self.lib.gm_network_create_from_file(encoded, ctypes.byref(handle)))
        return Network(self, handle)

    def network_from_memory(self, data):
        """A network with the weights in bytes (the library reads them during the call only)."""
        buffer = ctypes.create_string_buffer(bytes(data), len(data))
        handle = ctypes.c_void_p()
        self.check(self.lib.gm_network_create_from_memory(buffer, len(data), ctypes.byref(handle)))
        return Network(self, handle)


class Network:
    """One network; free it with close() or a with-block."""

    def __init__(self, library, handle):
        self.library = library
        self.handle = handle

    def predict(self, pixels, output_length=None):
        """Scores (array of float32) for n images given as n * 784 floats in 0..1."""
        inputs = array("f", pixels)
        count = len(inputs) // self.library.input_size
        output = array("f", bytes(4 * (output_length if output_length is not None else count * self.library.output_size)))
        self.predict_into(inputs, output)
        return output

    def predict_into(self, inputs, output):
        """Predicts from one float32 array into another the caller owns (no copies)."""
        float_p = ctypes.POINTER(ctypes.c_float)
        input_pointer = ctypes.cast((ctypes.c_float * len(inputs)).from_buffer(inputs), float_p) if len(inputs) else float_p()
        output_pointer = ctypes.cast((ctypes.c_float * len(output)).from_buffer(output), float_p) if len(output) else float_p()
        self.library.check(self.library.lib.gm_network_predict(self.handle, input_pointer, len(inputs), output_pointer, len(output)))

    def close(self):
        """Frees the network (a second close raises GM_ERROR_INVALID_HANDLE)."""
        self.library.check(self.library.lib.gm_network_free(self.handle))

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()
