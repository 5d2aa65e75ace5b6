#!/usr/bin/env python3
"""Source terms of manufactured solutions, by SymPy, for `symdiff mms` to be checked against.

Writes Tests/SymDiffTests/Fixtures/mms.json: for each case, the solution and the PDE in
symdiff's syntax, the variables, 12 points, and the value of each equation's source term
pde(u) at each point: the solution differentiated by SymPy's diff (independently of symdiff),
evaluated at 50 digits and written to 30. None of the solutions solves its PDE, so every
source term is a nonzero function.

Rerun (deterministic):  python3 scripts/generate_mms_fixture.py
"""
import json
import random

import sympy as sp

x, y, z, t, nu = sp.symbols("x y z t nu")


def laplacian(u, *variables):
    return sum(sp.diff(u, v, 2) for v in variables)


def cases():
    u = x**2 * sp.exp(-t) * sp.sin(y)
    yield ("heat", "u = x^2*exp(-t)*sin(y)", "D(u, t) - laplacian(u, x, y)", [x, y, t],
           [sp.diff(u, t) - laplacian(u, x, y)])
    u = x * sp.exp(-t) / (1 + x**2)
    yield ("Burgers", "u = x*exp(-t)/(1 + x^2)", "D(u, t) + u*D(u, x) - nu*D(u, x, 2)", [x, t, nu],
           [sp.diff(u, t) + u * sp.diff(u, x) - nu * sp.diff(u, x, 2)])
    u, v, p = sp.sin(x) * sp.cos(y) * t, -sp.cos(x) * sp.sin(y) * t**2, x * y * sp.exp(-t)
    momentum = lambda w, q: sp.diff(w, t) + u * sp.diff(w, x) + v * sp.diff(w, y) + sp.diff(p, q) - nu * laplacian(w, x, y)
    yield ("Navier-Stokes", "u = sin(x)*cos(y)*t; v = -cos(x)*sin(y)*t^2; p = x*y*exp(-t)",
           "[D(u,t) + u*D(u,x) + v*D(u,y) + D(p,x) - nu*laplacian(u,x,y), "
           "D(v,t) + u*D(v,x) + v*D(v,y) + D(p,y) - nu*laplacian(v,x,y), D(u,x) + D(v,y)]",
           [x, y, t, nu], [momentum(u, x), momentum(v, y), sp.diff(u, x) + sp.diff(v, y)])
    u = sp.exp(x * y * z)
    yield ("Poisson 3-D", "u = exp(x*y*z)", "-laplacian(u, x, y, z)", [x, y, z], [-laplacian(u, x, y, z)])
    u = x * sp.sin(x - 2 * t)
    yield ("wave", "u = x*sin(x - 2*t)", "D(u, t, 2) - 4*D(u, x, 2)", [x, t], [sp.diff(u, t, 2) - 4 * sp.diff(u, x, 2)])


def main():
    rng = random.Random(2026)
    out = {"generator": "scripts/generate_mms_fixture.py", "sympy": sp.__version__, "cases": []}
    for name, solution, pde, variables, equations in cases():
        points = [[round(rng.uniform(0.1, 1.5), 6) for _ in variables] for _ in range(12)]
        values = [[sp.N(e.subs(dict(zip(variables, map(sp.Rational, map(str, p))))), 50) for e in equations] for p in points]
        out["cases"].append({
            "name": name, "solution": solution, "pde": pde, "variables": [str(v) for v in variables],
            "points": points, "values": [[sp.sstr(sp.Float(v, 30)) for v in row] for row in values],
        })
    with open("Tests/SymDiffTests/Fixtures/mms.json", "w") as handle:
        json.dump(out, handle, indent=1)
        handle.write("\n")
    print(len(out["cases"]), "cases")


if __name__ == "__main__":
    main()
