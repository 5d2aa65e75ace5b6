#!/usr/bin/env python3
# Reference derivatives for the fixture tests: symdiff's parse, SymPy's calculus, mpmath's digits.
"""Generate Tests/SymDiffTests/Fixtures/derivatives.json from derivative-corpus.txt.

Each corpus formula is parsed by symdiff itself (`symdiff FORMULA --order 0 --no-simplify
--format graph`), so the reference differentiates exactly the expression symdiff read; the
formula text is never handed to SymPy. The graph's nodes become SymPy expressions in one
forward loop, following symdiff's definitions of its functions (Function.swift). SymPy
differentiates; every value is evaluated at 60 and at 90 significant digits, the two must
agree to 52 digits, and 50 significant digits are written. A non-finite or non-real value
stops the run with an error instead of being written.

Rerun after changing the corpus (from the package root):

    swift build --scratch-path .build
    scripts/generate_fixtures.py --symdiff .build/debug/symdiff
    scripts/generate_fixtures.py --corpus Tests/SymDiffTests/Fixtures/far-corpus.txt \
        --output Tests/SymDiffTests/Fixtures/far.json --work-digits 1200,1500

The output is deterministic: the same corpus and symdiff give the same bytes.
"""

import argparse
import itertools
import json
import subprocess
import sys
from pathlib import Path

import mpmath
import sympy

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "SymDiffTests" / "Fixtures"
DIGITS = 50
WORK_DIGITS = [60, 90]


class FixtureError(Exception):
    """A corpus line or a reference value that cannot be used."""


def cbrt(u):
    """symdiff's cbrt: the real cube root, negative for negative arguments."""
    return sympy.sign(u) * sympy.Abs(u) ** sympy.Rational(1, 3)


# symdiff's function name -> SymPy builder over the operands, as Function.swift defines them.
FUNCTIONS = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan,
    "sec": sympy.sec, "csc": sympy.csc, "cot": sympy.cot,
    "asin": sympy.asin, "acos": sympy.acos, "atan": sympy.atan,
    "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
    "asinh": sympy.asinh, "acosh": sympy.acosh, "atanh": sympy.atanh,
    "exp": sympy.exp, "log": sympy.log,
    "log10": lambda u: sympy.log(u, 10), "log2": lambda u: sympy.log(u, 2),
    "sqrt": sympy.sqrt, "cbrt": cbrt,
    "abs": sympy.Abs, "sign": sympy.sign, "erf": sympy.erf, "erfc": sympy.erfc,
    "sigmoid": lambda u: 1 / (1 + sympy.exp(-u)),
    "softplus": lambda u: sympy.log(1 + sympy.exp(u)),
    "relu": lambda u: sympy.Max(u, 0),
    "heaviside": lambda u: sympy.Heaviside(u, 0),
    "atan2": sympy.atan2,
    "hypot": lambda x, y: sympy.sqrt(x**2 + y**2),
    "min": sympy.Min, "max": sympy.Max,
}
CONSTANTS = {"pi": sympy.pi, "e": sympy.E}


def parse_corpus(path):
    """The corpus cases: formula, variables, points (decimal strings), optional `equals`."""
    cases = []
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split(" | ")]
        if len(fields) not in (3, 4):
            raise FixtureError(f"{path.name}:{number}: expected 3 or 4 fields separated by ' | '")
        formula, variables, points = fields[:3]
        names = [v.strip() for v in variables.split(",")]
        rows = [[c.strip() for c in p.split(",")] for p in points.split(";")]
        for row in rows:
            if len(row) != len(names):
                raise FixtureError(f"{path.name}:{number}: point {row} does not match variables {names}")
            for c in row:
                float(c)
        equals = None
        if len(fields) == 4:
            if not fields[3].startswith("equals:"):
                raise FixtureError(f"{path.name}:{number}: the 4th field must be 'equals: FORMULA'")
            equals = fields[3][len("equals:"):].strip()
        cases.append({"line": number, "formula": formula, "variables": names, "points": rows, "equals": equals})
    return cases


def symdiff_graph(binary, formula, variables):
    """symdiff's parse of `formula` as its graph report (a dict)."""
    command = [binary, formula, "--wrt", ",".join(variables), "--order", "0", "--no-simplify", "--format", "graph"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise FixtureError(f"symdiff failed on {formula!r}:\n{done.stderr}")
    return json.loads(done.stdout)


def number(text):
    """An exact SymPy number for a graph number: `p`, `p/q`, or a decimal binary64 value."""
    if all(c.isdigit() or c in "-/" for c in text):
        return sympy.Rational(text)
    return sympy.Rational(float(text))


def to_sympy(graph, symbols):
    """The SymPy expression of the graph's first result, built children first."""
    built = []
    for kind, payload in graph["nodes"]:
        if kind == "variable":
            built.append(symbols[payload])
        elif kind == "number":
            built.append(number(payload))
        elif kind == "constant":
            built.append(CONSTANTS[payload])
        else:
            args = [built[i] for i in payload]
            if kind == "sum":
                built.append(sympy.Add(*args))
            elif kind == "product":
                built.append(sympy.Mul(*args))
            elif kind == "power":
                built.append(sympy.Pow(args[0], args[1]))
            elif kind in FUNCTIONS:
                built.append(FUNCTIONS[kind](*args))
            else:
                raise FixtureError(f"unknown graph node kind {kind!r}")
    return built[graph["results"][0]["function"]]


def value(expr, substitution, where):
    """`expr` at the exact point, to DIGITS significant digits, checked at two precisions."""
    exact = expr.xreplace(substitution)
    results = []
    for digits in WORK_DIGITS:
        v = exact.evalf(digits)
        if not v.is_Number or v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not v.is_finite:
            raise FixtureError(f"{where}: not a finite real number: {v}")
        results.append(v)
    if results[-1] == 0:
        if results[0] != 0:
            raise FixtureError(f"{where}: zero at {WORK_DIGITS[-1]} digits but {results[0]} at {WORK_DIGITS[0]}")
        return "0"
    mpmath.mp.dps = WORK_DIGITS[-1]
    low, high = mpmath.mpf(results[0]), mpmath.mpf(results[-1])
    if abs(low - high) > abs(high) * mpmath.mpf(10) ** -(DIGITS + 2):
        raise FixtureError(f"{where}: {low} at {WORK_DIGITS[0]} digits vs {high} at {WORK_DIGITS[-1]}")
    return mpmath.nstr(high, DIGITS, min_fixed=0, max_fixed=0, strip_zeros=False)


def multisets(count, orders):
    """Every index multiset i1 <= ... <= ik for k in `orders`, in symdiff's order."""
    return [m for k in orders for m in itertools.combinations_with_replacement(range(count), k)]


def reference(case, binary):
    """The fixture entry for one corpus case."""
    names = case["variables"]
    symbols = {n: sympy.Symbol(n, real=True) for n in names}
    f = to_sympy(symdiff_graph(binary, case["formula"], names), symbols)
    points = [{symbols[n]: sympy.Rational(float(c)) for n, c in zip(names, row)} for row in case["points"]]
    where = f"corpus line {case['line']} {case['formula']!r}"
    if case["equals"] is not None:
        g = to_sympy(symdiff_graph(binary, case["equals"], names), symbols)
        for p, row in zip(points, case["points"]):
            if value(f, p, where) != value(g, p, where):
                raise FixtureError(f"{where}: differs from {case['equals']!r} at {row}")
    orders = range(0, 5) if len(names) == 1 else range(0, 3)
    memo = {(): f}
    partials = []
    for m in multisets(len(names), orders):
        if m not in memo:
            memo[m] = sympy.diff(memo[m[:-1]], symbols[names[m[-1]]])
        wrt = [names[i] for i in m]
        values = [value(memo[m], p, f"{where} d/d{wrt} at {row}") for p, row in zip(points, case["points"])]
        partials.append({"wrt": wrt, "values": values})
    return {"formula": case["formula"], "variables": names, "points": case["points"], "partials": partials}


def render(header, cases):
    """The fixture as JSON text: one line per header, per case field and per partial."""
    def dump(item):
        return json.dumps(item, ensure_ascii=False)
    blocks = []
    for case in cases:
        partials = ",\n    ".join(dump(p) for p in case["partials"])
        blocks.append(
            f'  {{"formula": {dump(case["formula"])},\n   "variables": {dump(case["variables"])},\n'
            f'   "points": {dump(case["points"])},\n   "partials": [\n    {partials}]}}')
    return f'{{"header": {dump(header)},\n "cases": [\n' + ",\n".join(blocks) + "]}\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--symdiff", default=str(ROOT / ".build" / "debug" / "symdiff"), help="the symdiff binary")
    parser.add_argument("--corpus", default=str(FIXTURES / "derivative-corpus.txt"))
    parser.add_argument("--output", default=str(FIXTURES / "derivatives.json"))
    parser.add_argument(
        "--work-digits", default="60,90",
        help="the two working precisions that must agree (far arguments need more: far-corpus.txt uses 1200,1500)")
    arguments = parser.parse_args()
    WORK_DIGITS[:] = [int(d) for d in arguments.work_digits.split(",")]
    try:
        cases = [reference(c, arguments.symdiff) for c in parse_corpus(Path(arguments.corpus))]
    except FixtureError as error:
        sys.exit(f"error: {error}")
    header = {
        "generator": "scripts/generate_fixtures.py",
        "sympy": sympy.__version__,
        "mpmath": mpmath.__version__,
        "digits": DIGITS,
        "corpus": Path(arguments.corpus).name,
    }
    Path(arguments.output).write_text(render(header, cases))
    values = sum(len(p["values"]) for c in cases for p in c["partials"])
    points = sum(len(c["points"]) for c in cases)
    print(f"{len(cases)} formulas, {points} points, {values} values -> {arguments.output}")


if __name__ == "__main__":
    main()
