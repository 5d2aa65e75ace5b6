#!/usr/bin/env python3
"""Reference sin and cos at x87 extended-precision arguments, from mpmath at 40 digits.

Writes Tests/SymDiffTests/Fixtures/extended-sincos.json: points x = hi + lo (two binary64
numbers, written with repr, whose sum is exact in the 64-bit significand of x87 extended
precision), with sin(x) and cos(x) to 30 significant digits. `ExtendedSineCosineTests` checks
symdiff's extended sin and cos within 1 ulp of extended precision.

The points: uniform at several scales up to 2^26 (where the fast reduction ends and glibc's
takes over), binary64 numbers nearest to multiples of pi/2 (r tiny), arguments near odd
multiples of pi/4 (the polynomials' edge), and ones with bits below binary64's (lo != 0).

Rerun (deterministic):  python3 scripts/generate_extended_sincos_fixture.py
"""
import json
import math
import random

import mpmath

mpmath.mp.dps = 40
random.seed(20261207)


def extended_point(x):
    """x rounded to 64 significant bits, as (hi, lo): hi binary64, lo the exact rest."""
    x = mpmath.mpf(x)
    if x == 0:
        return 0.0, 0.0
    exponent = int(mpmath.floor(mpmath.log(abs(x), 2)))
    step = mpmath.mpf(2) ** (exponent - 63)
    rounded = mpmath.nint(x / step) * step
    hi = float(rounded)
    lo = float(rounded - mpmath.mpf(hi))
    assert mpmath.mpf(hi) + mpmath.mpf(lo) == rounded
    return hi, lo


points = []
for scale in [1e-12, 1e-3, 0.8, 2, 20, 2000, 3e5, 3e7, 2 ** 26]:
    for _ in range(60):
        points.append(extended_point(random.uniform(-scale, scale) + random.uniform(0, 1) * scale * 2 ** -55))
for k in list(range(1, 40)) + [10 ** 3 + 1, 10 ** 5 + 3, 10 ** 7 + 1, 2 ** 25 - 1]:
    points.append((float(k * mpmath.pi / 2), 0.0))
    points.append(extended_point(k * mpmath.pi / 4 + mpmath.mpf(random.uniform(-1, 1)) * 2 ** -30))
points += [(0.0, 0.0), (-0.0, 0.0), (5e-324, 0.0), (1e-300, 0.0), (math.pi / 4, 0.0)]

cases = []
for hi, lo in points:
    x = mpmath.mpf(hi) + mpmath.mpf(lo)
    cases.append({
        "hi": repr(hi), "lo": repr(lo),
        "sin": mpmath.nstr(mpmath.sin(x), 30, min_fixed=-1, max_fixed=-1),
        "cos": mpmath.nstr(mpmath.cos(x), 30, min_fixed=-1, max_fixed=-1),
    })

with open("Tests/SymDiffTests/Fixtures/extended-sincos.json", "w") as out:
    json.dump({"generator": "scripts/generate_extended_sincos_fixture.py", "cases": cases}, out, indent=1)
    out.write("\n")
print(len(cases), "points")
