#!/usr/bin/env python3
"""The files the README's examples read, for ReadmeExampleTests to run them as written.

Writes Tests/SymDiffTests/Fixtures/readme/:
- samples.csv: points of (x, w1, b1, w2, b2) for the tanh network example;
- samples32.npy: a float32 array, which --points refuses;
- samples-nan.npy: float64 points of (x, y) with a NaN at row index 3;
- ref.npz: arrays x (3 values) and y (2 values), of different lengths;
- pts.npy and u_xx.npy: 100 points of (x, t) and, for `symdiff check`, the array a PINN would
  have written by mistake: u_x of u = x^2 sin(t) where u_xx was meant.

Rerun (deterministic):  python3 scripts/generate_readme_fixtures.py
"""
import os

import numpy as np

OUT = "Tests/SymDiffTests/Fixtures/readme"


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "samples.csv"), "w") as f:
        f.write("x,w1,b1,w2,b2\n0.5,1.2,-0.3,0.8,0.1\n-1.0,0.7,0.2,-1.1,0.4\n")
    np.save(os.path.join(OUT, "samples32.npy"), np.array([[1, 2], [3, 4], [5, 6]], dtype=np.float32))
    nan = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, np.nan]])
    np.save(os.path.join(OUT, "samples-nan.npy"), nan)
    np.savez(os.path.join(OUT, "ref.npz"), x=np.array([1.0, 2.0, 3.0]), y=np.array([1.0, 2.0]))
    rng = np.random.default_rng(0)
    x, t = rng.uniform(-1, 1, 100), rng.uniform(0, 1, 100)
    np.save(os.path.join(OUT, "pts.npy"), np.stack([x, t], axis=1))
    np.save(os.path.join(OUT, "u_xx.npy"), 2 * x * np.sin(t))


if __name__ == "__main__":
    main()
