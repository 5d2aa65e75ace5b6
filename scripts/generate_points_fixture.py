#!/usr/bin/env python3
"""Writes Tests/SymDiffTests/Fixtures/points-x1-x2.npy: a headerless (N, 2) array of (x1, x2).

The array is what a user saves from NumPy or PyTorch (np.save of np.stack([x1, x2], axis=1)).
HeaderlessArrayTests reads it for "sin(x2)*x1^2", whose first-appearance order (x2, x1)
differs from --wrt x1,x2, and checks symdiff's values against ones computed by hand from
these rows. CI reads the committed file; it does not need NumPy.

usage: python3 scripts/generate_points_fixture.py
"""
import os
import numpy as np

ROWS = [
    (3.0, 0.0),   # x1 = 3, x2 = 0: f = 0, d/dx1 = 0, d/dx2 = 9 (read swapped: d/dx2 = 0)
    (-2.0, 0.0),  # d/dx2 = 4
    (1.0, 0.5),   # f = sin(0.5), d/dx1 = 2 sin(0.5), d/dx2 = cos(0.5)
]

path = os.path.join(os.path.dirname(__file__), "..", "Tests", "SymDiffTests", "Fixtures", "points-x1-x2.npy")
np.save(path, np.array(ROWS, dtype=np.float64))
print(f"wrote {os.path.normpath(path)}: {len(ROWS)} rows of (x1, x2)")
