#!/usr/bin/env python3
"""Writes the committed seed corpus of the fuzz targets (Fuzz/corpus/), from the repository.

formulas/: the grammar's examples, the fixture formulas, the CLI's bad-input table and a few
hostile shapes, one file each. points/: small CSV, .npy and .npz files (stored and deflated)
and broken variants of each. arguments/: argv vectors (NUL between arguments) of realistic
and wrong command lines. Standard library only; scripts/fuzz.sh generates the large
seeds (10^5-deep nesting, 10^6-term chains) at run time instead of committing megabytes.
"""
import hashlib, io, os, re, struct, zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")


def write(kind, data, name=None):
    data = data.encode() if isinstance(data, str) else data
    directory = os.path.join(CORPUS, kind)
    os.makedirs(directory, exist_ok=True)
    name = name or hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def formulas():
    seen = set()
    grammar = open(os.path.join(ROOT, "grammar", "formula.ebnf"), encoding="utf-8").read()
    for line in grammar.splitlines():
        m = re.match(r"\(\* (?:ok|ok-pattern|error):\s+(.*?)\s+=>", line)
        if m:
            seen.add(m.group(1).replace("\\n", "\n"))
    for corpus in ["derivative-corpus.txt", "saturation-corpus.txt"]:
        for line in open(os.path.join(ROOT, "Tests", "SymDiffTests", "Fixtures", corpus), encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                seen.add(line.split(" | ")[0].strip())
                m = re.search(r"equals: (.*)$", line)
                if m:
                    seen.add(m.group(1).strip())
    commands = open(os.path.join(ROOT, "Tests", "SymDiffTests", "CLI", "CommandTests.swift"), encoding="utf-8").read()
    for m in re.finditer(r'^\s*\(\["((?:[^"\\]|\\.)*)"', commands, re.M):
        seen.add(m.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8"))
    seen |= {
        "x \u2212 y", "\uff12*x", "x\u00b7y", "sin x", "x y", "(x)(y)", "D(x, x, 1001)", "D(x^2, 2, x)",
        "u = u; u", "u = x; u = y; u", "x = 1; x", "1e999*x", "1e-400*x", "0^0 + 0^-1 + x", "log(0*x)",
        "atan2(0, 0*x)", "abs(x)^0.5", "hypot(x, y)/min(x, y)", "relu(x)*heaviside(x)*sign(x)",
        "(" * 40 + "x" + ")" * 40, "-" * 40 + "x", "x^" * 40 + "x", "sin(" * 40 + "x" + ")" * 40,
        "+".join(["x"] * 200), "*".join(["x"] * 200), "-".join(["x"] * 200), "/".join(["x"] * 200),
        "sin(sin(sin(sin(sin(sin(sin(x)))))))", "D(sin(sin(sin(x))), x, 6)", "x;", "x\r\n+\ty",
        "\xff", "x\x00", "_" * 257, "a" * 300 + "+1",
    }
    for text in sorted(seen):
        write("formulas", text)


def npy(array_bytes, descr="<f8", shape=(3, 2), fortran=False, version=(1, 0)):
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (
        descr, "True" if fortran else "False", "(%s,)" % shape[0] if len(shape) == 1 else str(tuple(shape)))
    size_bytes = 2 if version[0] == 1 else 4
    pad = (-(10 + (size_bytes - 2) + len(header) + 1)) % 64
    header = header + " " * pad + "\n"
    length = struct.pack("<H" if size_bytes == 2 else "<I", len(header))
    return b"\x93NUMPY" + bytes(version) + length + header.encode("latin-1") + array_bytes


def doubles(values):
    return struct.pack("<%dd" % len(values), *values)


def npz(arrays, compression):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, data in arrays.items():
            z.writestr(name + ".npy", data)
    return buffer.getvalue()


def points():
    xs, ts = [0.5, -1.25, 3.0], [0.0, 1.0, 2.5]
    write("points", "x,t\n0.5,0\n-1.25,1\n3,2.5\n", "two-columns.csv")
    write("points", "# comment\nt, x ,extra\n1,2,3\n\n4,5,6\r\n", "comment-crlf.csv")
    write("points", "x\n1e308\n-0\ninf\nnan\n0x1p3\n", "specials.csv")
    write("points", "x,t\n1,2,3\n", "ragged.csv")
    write("points", '"x","t"\n1,2\n', "quoted.csv")
    interleaved = doubles([v for pair in zip(xs, ts) for v in pair])
    write("points", npy(interleaved), "c-order.npy")
    write("points", npy(doubles(xs + ts), fortran=True), "fortran-order.npy")
    write("points", npy(doubles(xs), shape=(3,)), "one-dimensional.npy")
    write("points", npy(interleaved, version=(2, 0)), "version2.npy")
    write("points", npy(interleaved, descr="<f4"), "float32.npy")
    write("points", npy(interleaved[:20]), "truncated.npy")
    write("points", npy(b"", shape=(0, 2)), "empty.npy")
    write("points", npy(b"", shape=(1 << 40, 2)), "huge-shape.npy")
    arrays = {"x": npy(doubles(xs), shape=(3,)), "t": npy(doubles(ts), shape=(3,))}
    write("points", npz(arrays, zipfile.ZIP_STORED), "stored.npz")
    write("points", npz(arrays, zipfile.ZIP_DEFLATED), "deflated.npz")
    write("points", npz({"x": arrays["x"]}, zipfile.ZIP_DEFLATED), "missing-array.npz")
    write("points", npz({"x": arrays["x"], "t": npy(doubles(ts[:2]), shape=(2,))}, zipfile.ZIP_STORED), "lengths.npz")
    write("points", npz(arrays, zipfile.ZIP_DEFLATED)[:-30], "truncated.npz")


def arguments():
    vectors = {
        "gradient": ["x1^2*sin(x2)", "--wrt", "x1,x2"],
        "hessian": ["x1^2*sin(x2)", "--wrt", "x1,x2", "--order", "2"],
        "orders-json": ["x1^2*sin(x2)*exp(-x1*x2)", "--order", "1:2", "--format", "json"],
        "graph": ["u = tanh(w*x + b); u*(1 - u)", "--wrt", "x", "--format=graph", "--no-simplify"],
        "two-formulas": ["sin(x)*y", "D(exp(-x^2), x) + 2*x*exp(-x^2)", "--wrt", "y,x", "--stats", "--trace"],
        "at": ["x^2*y", "--at", "x=1.5,y=-0.25", "--precision", "extended"],
        "grid-csv": ["sin(x)*t", "--grid", "x=-2:2:5,t=0:1:3", "--format", "csv", "--threads", "1"],
        "random-json": ["exp(-x^2)", "--random", "10", "--seed", "7", "--range", "x=-1:1", "--format", "json"],
        "verify-strict": ["abs(x)*sin(x)", "--order", "1:2", "--grid", "x=-1:1:5", "--verify", "--strict"],
        "verify-limited": ["1/(exp(x) - 1)", "--random", "20", "--verify", "--max-verify-points", "3"],
        "files": ["--file", "-", "--file", "f.txt", "--wrt", "x,x1"],
        "bad-file": ["--file=bad.txt", "--file", "binary.txt", "--file", "missing.txt"],
        "limits": ["sin(sin(sin(x)))", "--max-depth", "2", "--max-nodes=50", "--max-identifier-length", "1"],
        "order-limit": ["x^5", "--max-order", "3", "--order", "4", "--max-partials", "2", "--max-output-bytes", "10"],
        "end-of-options": ["--max-seconds", "5", "--", "--wrt", "-x^2"],
        "help": ["-h", "x", "--version"],
        "unknown-option": ["x", "--orderr", "1", "--columns", "x,t"],
        "twice": ["x*y", "--wrt", "x,x", "--order", "1", "--order=2", "--at", "x=1", "--random", "3"],
        "not-utf8": [b"x\xff+1", "--wrt", b"\xc3(", "--max-formula-bytes", "4"],
        "binary-format": ["x", "--at", "x=1", "--format", "npz", "--out"],
    }
    for name, vector in vectors.items():
        write("arguments", b"\0".join(a.encode() if isinstance(a, str) else a for a in vector), name)


if __name__ == "__main__":
    formulas()
    points()
    arguments()
