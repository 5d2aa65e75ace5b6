#!/usr/bin/env python3
"""Manufactured-solution source terms from symdiff, checked against torch.autograd.

For the README's three examples (the heat equation, Burgers' equation, 2-D Navier-Stokes with
the Taylor-Green vortex) this script applies the PDE operator to the solution with
torch.autograd at 300 points, the way a PINN residual does, saves the result, and runs
`symdiff check` on symdiff's source term (the PDE formula with the solution's bindings, order
0). Every check must pass; the Taylor-Green source terms are 0 to rounding.

Needs torch and NumPy (the package and its tests do not). Run from the repository root after
`swift build`:

    python3 scripts/mms_example.py [path/to/symdiff]
"""
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

EXAMPLES = [
    ("heat", "u = sin(pi*x)*sin(pi*y)*exp(-t)", "D(u, t) - laplacian(u, x, y)"),
    ("Burgers", "u = sin(pi*x)*exp(-t)", "D(u, t) + u*D(u, x) - nu*D(u, x, 2)"),
    ("Navier-Stokes (Taylor-Green)",
     "u = -cos(x)*sin(y)*exp(-2*nu*t); v = sin(x)*cos(y)*exp(-2*nu*t); p = -(cos(2*x) + cos(2*y))*exp(-4*nu*t)/4",
     "[D(u,t) + u*D(u,x) + v*D(u,y) + D(p,x) - nu*laplacian(u,x,y), "
     "D(v,t) + u*D(v,x) + v*D(v,y) + D(p,y) - nu*laplacian(v,x,y), D(u,x) + D(v,y)]"),
]


def grad(f, x):
    """df/dx for every point, keeping the graph for higher derivatives."""
    return torch.autograd.grad(f.sum(), x, create_graph=True)[0]


def residuals(name, x, y, t, nu):
    """The PDE operator applied to the solution, by torch.autograd (columns: one per equation)."""
    if name == "heat":
        u = torch.sin(math.pi * x) * torch.sin(math.pi * y) * torch.exp(-t)
        return [grad(u, t) - grad(grad(u, x), x) - grad(grad(u, y), y)]
    if name == "Burgers":
        u = torch.sin(math.pi * x) * torch.exp(-t)
        u_x = grad(u, x)
        return [grad(u, t) + u * u_x - nu * grad(u_x, x)]
    u = -torch.cos(x) * torch.sin(y) * torch.exp(-2 * nu * t)
    v = torch.sin(x) * torch.cos(y) * torch.exp(-2 * nu * t)
    p = -(torch.cos(2 * x) + torch.cos(2 * y)) * torch.exp(-4 * nu * t) / 4
    lap = lambda w: grad(grad(w, x), x) + grad(grad(w, y), y)
    return [
        grad(u, t) + u * grad(u, x) + v * grad(u, y) + grad(p, x) - nu * lap(u),
        grad(v, t) + u * grad(v, x) + v * grad(v, y) + grad(p, y) - nu * lap(v),
        grad(u, x) + grad(v, y),
    ]


def main():
    symdiff = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/symdiff"
    rng = np.random.default_rng(1)
    points = np.stack([rng.uniform(0, 1, 300), rng.uniform(0, 1, 300), rng.uniform(0, 1, 300), rng.uniform(0.01, 0.1, 300)], axis=1)
    x, y, t, nu = (torch.tensor(points[:, k], dtype=torch.float64, requires_grad=True) for k in range(4))
    failures = 0
    with tempfile.TemporaryDirectory() as directory:
        points_file = os.path.join(directory, "points.npy")
        np.save(points_file, points)
        for name, solution, pde in EXAMPLES:
            columns = residuals(name, x, y, t, nu)
            theirs = np.stack([c.detach().numpy() for c in columns], axis=1)
            against = os.path.join(directory, "source.npy")
            np.save(against, theirs[:, 0] if theirs.shape[1] == 1 else theirs)
            run = subprocess.run(
                [symdiff, "check", solution + "; " + pde, "--order", "0", "--wrt", "x,y,t,nu",
                 "--points", points_file, "--columns", "x,y,t,nu", "--against", against],
                capture_output=True, text=True)
            good = run.returncode == 0
            failures += not good
            print("%s: %s (exit %d)" % (name, "agrees with torch.autograd" if good else "DISAGREES", run.returncode))
            if not good:
                print("  " + (run.stdout + run.stderr).replace("\n", "\n  ").rstrip())
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
