#!/usr/bin/python3
"""Writes goldens/npy/channels-first.npy with numpy: a float32 array of shape (2, 4, 64, 64), C order, whose
value at [n, k, r, c] is n*1000 + k*100 + r + c/100, so a reader can check its transpose to [n, r, c, k] entry
by entry without a second file. Run: /usr/bin/python3 goldens/make_npy_goldens.py"""
import os

import numpy as np

n, k, r, c = np.meshgrid(np.arange(2), np.arange(4), np.arange(64), np.arange(64), indexing="ij")
array = (n * 1000 + k * 100 + r + c / 100).astype(np.float32)
np.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "npy", "channels-first.npy"), array)
