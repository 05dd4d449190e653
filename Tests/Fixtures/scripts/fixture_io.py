"""Writes test fixtures as safetensors files without the `safetensors` package (not on Debian).

Format (https://huggingface.co/docs/safetensors): 8-byte little-endian header length, a JSON
header {name: {dtype, shape, data_offsets}, "__metadata__": {str: str}}, then the raw data.
The C# tests read them with Generated.IO.SafeTensors, the same reader users' weights go through.
"""
import json
import struct

import numpy as np


def write(path, tensors, metadata=None):
    """tensors: dict name -> array-like (stored float32, C order); metadata: dict str -> JSON-able."""
    header = {}
    blobs = []
    offset = 0
    for name, value in tensors.items():
        array = np.ascontiguousarray(np.asarray(value, dtype=np.float32))
        data = array.tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = {k: v if isinstance(v, str) else json.dumps(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # align the data to 8 bytes, as the reference writer does
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def nhwc(tensor):
    """PyTorch NCHW activations -> NHWC numpy."""
    return tensor.detach().permute(0, 2, 3, 1).contiguous().numpy()


def hwio(weight):
    """PyTorch Conv2d weight [out, in, kh, kw] -> Keras HWIO [kh, kw, in, out]."""
    return weight.detach().permute(2, 3, 1, 0).contiguous().numpy()


def transpose_kernel(weight):
    """PyTorch ConvTranspose2d weight [in, out, kh, kw] -> Keras [kh, kw, out, in]."""
    return weight.detach().permute(2, 3, 1, 0).contiguous().numpy()
