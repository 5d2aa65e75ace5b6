#!/usr/bin/env python3
"""Rewrites the three lists of functions that follow the catalog, from symdiff itself.

`Sources/SymDiff/Expr/FunctionCatalog+Rows.swift` is where a function is described; these follow it:
- README.md's function table (call, meaning, definition, worst ulp), from `symdiff --functions`
  and the worst errors `FunctionAccuracyTests` prints ("function accuracy: NAME worst X ulp");
- the `function-name` rule of grammar/formula.ebnf, every name and alias, then `piecewise`
  and `pow`, which the parser reads itself;
- the function tokens of Fuzz/formula.dict (the other tokens stay).
`FunctionCatalogTests` and `GrammarFileTests` check all three against the catalog, so after
adding a function: build, run this, and the tests say whether anything is left.

Usage (from the package root, after `swift build --build-tests`):
    scripts/update_function_lists.py [--symdiff .build/debug/symdiff]
"""
import argparse
import re
import subprocess


def catalog(symdiff):
    """(call, name, aliases, summary, definition) per function, in catalog order."""
    lines = subprocess.run([symdiff, "--functions"], check=True, capture_output=True, text=True).stdout.splitlines()
    rows = []
    for head, body in zip(lines[0::2], lines[1::2]):
        call, _, summary = head.partition(": ")
        name = call.split("(")[0]
        aliases = re.findall(r"\) \((\w+)\)$", call)
        body = body.strip()
        definition = "primitive" if body.startswith("primitive") else "`" + body.split("; ")[0].removeprefix("defined as ") + "`"
        rows.append((call, name, aliases, summary, definition))
    return rows


def worst_ulps():
    """The worst error per function, by name and number of arguments, from FunctionAccuracyTests
    (the most over its keys, as `polygamma(1, x)` and `polygamma(3, x)`)."""
    output = subprocess.run(["swift", "test", "--skip-build", "--filter", "FunctionAccuracyTests"],
                            capture_output=True, text=True).stdout
    worst = {}
    for key, value in re.findall(r"function accuracy: (.+?) worst (\S+) ulp", output):
        function = (key.split("(")[0], key.count(",") + 1)
        worst[function] = max(worst.get(function, 0.0), float(value))
    return worst


def spelled(ulps):
    """An error as the table shows it: an integer, or two significant digits when large."""
    return "%d" % ulps if ulps < 1e4 else "%.0e" % ulps


def update_readme(rows, worst):
    table = ["| call | meaning | definition | worst ulp |", "| --- | --- | --- | --- |"]
    for call, name, _, summary, definition in rows:
        # A key names its function by name and argument count: log(x), not log(x, base); a
        # parameter with a default may be left out (leaky_relu(x)).
        parameters = call.split("(", 1)[1].split(")")[0].split(", ")
        required = len([p for p in parameters if "=" not in p])
        counts = [(name, k) for k in range(required, len(parameters) + 1) if (name, k) in worst]
        measured = spelled(max(worst[c] for c in counts)) if counts else "-"
        table.append("| `%s` | %s | %s | %s |" % (call, summary.replace("|", "\\|"), definition, measured))
    replace_between("README.md", "| call | meaning | definition | worst ulp |", "\n\n", table)


def spellings(rows):
    """Every name and alias once, in catalog order, then the names the parser expands itself:
    `piecewise`, the orthogonal polynomials and `pow`."""
    names = [n for _, name, aliases, _, _ in rows for n in [name] + aliases]
    return list(dict.fromkeys(names)) + ["piecewise", "legendre", "hermite", "chebyshev_t", "laguerre", "pow"]


def replace_between(path, start_text, end_text, lines):
    """Replaces the text of `path` from `start_text` up to the next `end_text` by `lines`."""
    with open(path) as handle:
        text = handle.read()
    start = text.index(start_text)
    end = text.index(end_text, start)
    with open(path, "w") as handle:
        handle.write(text[:start] + "\n".join(lines) + text[end:])


def update_grammar(rows):
    lines, line = [], "function-name ::="
    for i, name in enumerate(spellings(rows)):
        word = ("" if i == 0 else "| ") + "'%s'" % name
        if len(line) + 1 + len(word) > 92:
            lines.append(line)
            line = "            " + word
        else:
            line += " " + word
    lines.append(line)
    replace_between("grammar/formula.ebnf", "function-name ::=", "\n\nconstant", lines)


# The vector-calculus operators, which the parser reads itself (VectorOperator).
OPERATORS = ["grad", "laplacian", "div", "curl", "hessian", "jacobian", "dot", "norm"]


def update_dictionary(rows):
    with open("Fuzz/formula.dict") as handle:
        lines = handle.read().splitlines()
    header, others = lines[0], [l for l in lines[1:] if not re.fullmatch(r'"\w+\("', l) or l == '"D("']
    functions = ['"%s("' % n for n in spellings(rows) + OPERATORS]
    with open("Fuzz/formula.dict", "w") as handle:
        handle.write("\n".join([header] + functions + others) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--symdiff", default=".build/debug/symdiff")
    arguments = parser.parse_args()
    rows = catalog(arguments.symdiff)
    update_readme(rows, worst_ulps())
    update_grammar(rows)
    update_dictionary(rows)
    print(len(rows), "functions")


if __name__ == "__main__":
    main()
