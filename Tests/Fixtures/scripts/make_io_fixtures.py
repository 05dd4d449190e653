"""Writes a safetensors file the way third-party tools do, so the C# reader is tested on foreign files.

Run from the repository root: /usr/bin/python3 Tests/Fixtures/scripts/make_io_fixtures.py
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import fixture_io  # noqa: E402

out = os.path.join("Tests", "Fixtures", "io")
os.makedirs(out, exist_ok=True)
fixture_io.write(
    os.path.join(out, "python_written.safetensors"),
    {
        "dense.kernel": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
        "dense.bias": np.array([-1.5, 0.0, 2.25], dtype=np.float32),
    },
    {"note": "written by make_io_fixtures.py", "config": {"units": 3}},
)
