#!/usr/bin/env python3
"""A small PINN's autograd derivatives, checked with `symdiff check`.

A tanh network u(x, t) with 2 inputs, 4 hidden units and fixed random weights; torch.autograd
computes u_x, u_t and u_xx at 200 points (create_graph=True for the second derivative), the
way PINN residuals do. The same network, weights and all, is written as a symdiff formula, and
`symdiff check` compares:

1. the gradient (N, 2) and u_xx (N,) in float64: they agree (exit 0);
2. u_xx taken by mistake from the wrong tensor (u instead of u_x): exit 1, and the diagnosis
   names what it is ("their d2/dx^2 equals our d/dx");
3. the gradient of the same network in float32, PyTorch's default dtype: it agrees at float32's
   tolerance, which check takes from the file's dtype.

Needs torch and NumPy (the package and its tests do not). Run from the repository root after
`swift build`:

    python3 scripts/pinn_check_example.py [path/to/symdiff]

Exits 0 when every check gives the status and diagnosis expected.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch


def network(dtype):
    """The network's weights, seeded, in `dtype`."""
    generator = torch.Generator().manual_seed(7)
    w1 = torch.randn(4, 2, generator=generator, dtype=torch.float64).to(dtype)
    b1 = torch.randn(4, generator=generator, dtype=torch.float64).to(dtype)
    w2 = torch.randn(4, generator=generator, dtype=torch.float64).to(dtype)
    return w1, b1, w2


def formula(w1, b1, w2):
    """The network as a symdiff formula, every weight written exactly (repr of its float64)."""
    terms = []
    for k in range(4):
        inner = "%r*x + %r*t + %r" % (float(w1[k, 0]), float(w1[k, 1]), float(b1[k]))
        terms.append("%r*tanh(%s)" % (float(w2[k]), inner))
    return " + ".join(terms)


def derivatives(points, dtype, wrong=False):
    """u_x, u_t and u_xx by torch.autograd at `points`; with `wrong`, u_xx from u itself."""
    w1, b1, w2 = network(dtype)
    x = torch.tensor(points[:, 0], dtype=dtype, requires_grad=True)
    t = torch.tensor(points[:, 1], dtype=dtype, requires_grad=True)
    u = (torch.tanh(x[:, None] * w1[:, 0] + t[:, None] * w1[:, 1] + b1) * w2).sum(dim=1)
    u_x, u_t = torch.autograd.grad(u.sum(), (x, t), create_graph=True)
    source = u if wrong else u_x
    (u_xx,) = torch.autograd.grad(source.sum(), x)
    return u_x.detach().numpy(), u_t.detach().numpy(), u_xx.detach().numpy(), formula(w1, b1, w2)


def check(symdiff, f, order, points_file, against):
    """Runs symdiff check; returns its status and report."""
    arguments = [symdiff, "check", f, "--wrt", "x,t" if order == 1 else "x", "--order", str(order),
                 "--points", points_file, "--columns", "x,t", "--against", against]
    run = subprocess.run(arguments, capture_output=True, text=True)
    return run.returncode, run.stdout + run.stderr


def main():
    symdiff = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/symdiff"
    rng = np.random.default_rng(0)
    points = np.stack([rng.uniform(-1, 1, 200), rng.uniform(0, 1, 200)], axis=1)
    failures = 0
    with tempfile.TemporaryDirectory() as directory:
        points_file = os.path.join(directory, "points.npy")
        np.save(points_file, points)
        u_x, u_t, u_xx, f = derivatives(points, torch.float64)
        _, _, wrong_u_xx, _ = derivatives(points, torch.float64, wrong=True)
        u_x32, u_t32, _, f32 = derivatives(points, torch.float32)
        arrays = {
            "gradient.npy": np.stack([u_x, u_t], axis=1), "u_xx.npy": u_xx, "wrong_u_xx.npy": wrong_u_xx,
            "gradient32.npy": np.stack([u_x32, u_t32], axis=1).astype(np.float32),
        }
        for name, array in arrays.items():
            np.save(os.path.join(directory, name), array)
        cases = [
            ("float64 gradient", f, 1, "gradient.npy", 0, "check: ok"),
            ("float64 u_xx", f, 2, "u_xx.npy", 0, "check: ok"),
            ("u_xx from the wrong tensor", f, 2, "wrong_u_xx.npy", 1, "their d2/dx^2 equals our d/dx"),
            ("float32 gradient", f32, 1, "gradient32.npy", 0, "float32"),
        ]
        for name, text, order, file, status, says in cases:
            code, report = check(symdiff, text, order, points_file, os.path.join(directory, file))
            good = code == status and says in report
            failures += not good
            print("%s: %s (exit %d)" % (name, "as expected" if good else "UNEXPECTED", code))
            if not good or code != 0:
                print("  " + report.replace("\n", "\n  ").rstrip())
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
