#!/usr/bin/env python3
"""Check torch.autograd against symdiff's reference values: the workflow symdiff exists for.

Generates reference values of f = x1^2*sin(x2) at 100 random points with symdiff (first
partials and the Hessian, every value verified two ways with --verify --strict), loads them,
and compares them with torch.autograd.grad in float64: the gradient, and the second partials
of df/dx1 taken as autograd.grad(grad[:, 0], x).

    scripts/pytorch_check.py [--symdiff PATH]

Needs numpy and torch (pip install numpy torch). Without torch it says so and exits 0: the
test suite does not need it.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

FORMULA = "x1^2*sin(x2)"


def reference_values(symdiff, path):
    """Runs symdiff: 100 points, orders 1 and 2, verified, written to `path` (.npz)."""
    command = [symdiff, FORMULA, "--wrt", "x1,x2", "--order", "1:2", "--random", "100", "--seed", "0",
               "--range", "x1=-2:2,x2=-3:3", "--verify", "--strict", "--out", path]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"symdiff failed ({run.returncode}):\n{run.stderr}")
    print(run.stderr.strip())  # the verify summary line


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--symdiff", default=".build/debug/symdiff", help="the symdiff executable")
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        print("torch is not installed: nothing to compare (pip install torch)")
        return 0

    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "ref.npz")
        reference_values(args.symdiff, path)
        z = np.load(path)
        meta = json.loads(str(z["meta"]))

        x = torch.tensor(np.stack([z["x1"], z["x2"]], axis=1), dtype=torch.float64, requires_grad=True)
        u = x[:, 0] ** 2 * torch.sin(x[:, 1])
        (grad,) = torch.autograd.grad(u.sum(), x, create_graph=True)
        (hessian_row,) = torch.autograd.grad(grad[:, 0].sum(), x)  # d2f/dx1dx1, d2f/dx1dx2

        checks = [
            ("gradient (N, 2)", grad.detach().numpy(), z["gradient"]),
            ("d/dx1", grad[:, 0].detach().numpy(), z["f_x1"]),
            ("second partials of df/dx1 (N, 2)", hessian_row.numpy(), z["hessian"][:, 0, :]),
            ("d2/dx1dx2", hessian_row[:, 1].numpy(), z["f_x1_x2"]),
        ]
        failed = False
        for name, torch_values, reference in checks:
            error = np.max(np.abs(torch_values - reference) / np.maximum(np.abs(reference), 1e-300))
            ok = np.allclose(torch_values, reference, rtol=1e-13, atol=1e-300)
            failed |= not ok
            print(f"{name:36s} max relative difference {error:.2e}  {'ok' if ok else 'MISMATCH'}")
        print(f"symdiff {meta['symdiff']}, {meta['points']}; conventions: {meta['conventions']}")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
