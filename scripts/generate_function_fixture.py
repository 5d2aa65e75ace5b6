#!/usr/bin/env python3
"""Reference values of symdiff's functions at binary64 points, from mpmath at 40 digits.

Writes Tests/SymDiffTests/Fixtures/functions.json: for each function, points (exact binary64,
written with repr) spread log-uniformly over its domain and both signs, with the true value to
25 significant digits. The Swift test rounds each reference to binary64 once and checks that
the compiled evaluator is within 1 ulp of it.

Rerun (deterministic):  python3 scripts/generate_function_fixture.py
"""
import json
import math
import random

import mpmath

mpmath.mp.dps = 40

def sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))

def softplus(x):
    return mpmath.log1p(mpmath.exp(x))

# name: (mpmath function, list of (low magnitude exponent, high exponent, signs)) for
# x = sign * 10**u, u uniform in [low, high].
FUNCTIONS = {
    "exp": (mpmath.exp, [(-12, 2.85, (1, -1))]),
    "log": (mpmath.log, [(-300, 300, (1,))]),
    "log2": (lambda x: mpmath.log(x, 2), [(-300, 300, (1,))]),
    "log10": (mpmath.log10, [(-300, 300, (1,))]),
    "sin": (mpmath.sin, [(-8, 5, (1, -1))]),
    "cos": (mpmath.cos, [(-8, 5, (1, -1))]),
    "tan": (mpmath.tan, [(-8, 5, (1, -1))]),
    "asin": (mpmath.asin, [(-12, -1e-9, (1, -1))]),
    "acos": (mpmath.acos, [(-12, -1e-9, (1, -1))]),
    "atan": (mpmath.atan, [(-12, 12, (1, -1))]),
    "sinh": (mpmath.sinh, [(-12, 2.85, (1, -1))]),
    "cosh": (mpmath.cosh, [(-12, 2.85, (1, -1))]),
    "tanh": (mpmath.tanh, [(-12, 1.3, (1, -1))]),
    "asinh": (mpmath.asinh, [(-12, 300, (1, -1))]),
    "acosh": (mpmath.acosh, [(1e-9, 300, (1,))]),
    "atanh": (mpmath.atanh, [(-12, -1e-9, (1, -1))]),
    "erf": (mpmath.erf, [(-12, 0.75, (1, -1))]),
    "erfc": (mpmath.erfc, [(-12, 1.42, (1, -1))]),
    "cbrt": (lambda x: mpmath.sign(x) * mpmath.cbrt(abs(x)), [(-300, 300, (1, -1))]),
    "sqrt": (mpmath.sqrt, [(-300, 300, (1,))]),
    "sigmoid": (sigmoid, [(-12, 2.85, (1, -1))]),
    "softplus": (softplus, [(-12, 2.85, (1, -1))]),
}

def main():
    rng = random.Random(2026)
    out = {"generator": "scripts/generate_function_fixture.py", "mpmath": mpmath.__version__, "digits": 25,
           "functions": {}}
    for name, (f, ranges) in FUNCTIONS.items():
        rows = []
        for low, high, signs in ranges:
            for _ in range(400):
                u = rng.uniform(low, high)
                x = rng.choice(signs) * 10.0 ** u
                if name in ("asin", "acos", "atanh") and abs(x) >= 1:
                    continue
                if name == "acosh":
                    x = 1 + 10.0 ** rng.uniform(-9, 2) if rng.random() < 0.5 else 10.0 ** u
                if not math.isfinite(x) or x == 0:
                    continue
                y = f(mpmath.mpf(x))
                if not mpmath.isfinite(y) or y == 0 or abs(y) > 1.7e308 or abs(y) < 2.3e-308:
                    continue
                rows.append([repr(x), mpmath.nstr(y, 25, min_fixed=1, max_fixed=0)])
        out["functions"][name] = rows
    with open("Tests/SymDiffTests/Fixtures/functions.json", "w") as handle:
        json.dump(out, handle, separators=(",", ":"))
        handle.write("\n")
    print(sum(len(r) for r in out["functions"].values()), "values for", len(FUNCTIONS), "functions")

if __name__ == "__main__":
    main()
