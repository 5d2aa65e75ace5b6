#!/usr/bin/env python3
"""Checks symdiff's point readers and output writers against NumPy (not run by CI).

Writes the same points with np.savez, np.savez_compressed, np.save (C and Fortran order,
and float32 for the error) and np.savetxt; runs the Swift test IOSampleFilesTests with
SYMDIFF_IO_DIR set, which reads them and writes out.{csv,npy,npz,json} and random.npy;
then checks those with NumPy, bit for bit.

usage: python3 scripts/check_io.py [--scratch-path .build] [--keep]
"""
import argparse, json, os, subprocess, sys, tempfile
import numpy as np


def splitmix64(seed, count):
    mask = (1 << 64) - 1
    state, out = seed, []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        out.append(z ^ (z >> 31))
    return out


def write_inputs(d):
    rng = np.random.default_rng(1)
    x = np.round(rng.uniform(-3, 3, 2000), 3)  # repetitive digits: dynamic Huffman blocks
    t = rng.standard_normal(2000) * 1e-3
    t[0], t[1] = 5e-324, -0.0
    np.savez(f"{d}/in_savez.npz", x=x, t=t)
    np.savez_compressed(f"{d}/in_compressed.npz", t=t, x=x, extra=np.arange(3))
    np.save(f"{d}/in_c.npy", np.stack([x, t], axis=1))
    np.save(f"{d}/in_f.npy", np.asfortranarray(np.stack([x, t], axis=1)))
    np.save(f"{d}/in_f4.npy", np.stack([x, t], axis=1).astype(np.float32))
    np.savetxt(f"{d}/in.csv", np.stack([t, x], axis=1), fmt="%.17g", delimiter=",",
               header="made by numpy\nt,x", comments="")
    # savetxt writes the header lines as-is; make the first one a comment.
    text = open(f"{d}/in.csv").read().replace("made by numpy", "# made by numpy", 1)
    open(f"{d}/in.csv", "w").write(text.replace("\n", "\r\n"))


# The .npz names of the value columns: Python identifiers.
PYTHON_NAMES = {"f": "f", "d/dx": "f_x", "d/dt": "f_t", "d2/dx^2": "f_xx"}


def check_outputs(d):
    x = np.repeat(np.linspace(-2, 2, 5), 3)
    t = np.tile(np.array([0, 0.5, 1.0]), 5)
    f, dx, dt, dxx = x * x * t, 2 * x * t, x * x, 2 * t
    columns = {"x": x, "t": t, "f": f, "d/dx": dx, "d/dt": dt, "d2/dx^2": dxx}

    table = np.load(f"{d}/out.npy", allow_pickle=False)
    assert table.shape == (15, 6) and table.dtype == np.float64, table.shape
    assert np.array_equal(table, np.stack(list(columns.values()), axis=1))

    with np.load(f"{d}/out.npz", allow_pickle=False) as z:
        assert z.files == [PYTHON_NAMES.get(n, n) for n in columns] + ["gradient", "hessian", "meta"], z.files
        for name, values in columns.items():
            key = PYTHON_NAMES.get(name, name)
            assert z[key].shape == (15,) and np.array_equal(z[key], values), name
        assert np.array_equal(z["gradient"], np.stack([dx, dt], axis=1))
        hessian = z["hessian"]
        assert hessian.shape == (15, 2, 2)
        assert np.array_equal(hessian[:, 0, 1], 2 * x) and np.array_equal(hessian[:, 0, 0], 2 * t)
        meta = json.loads(str(z["meta"]))
        assert meta["formula"] == "x^2*t" and meta["grid"] == "x=-2:2:5,t=0:1:3", meta

    assert json.load(open(f"{d}/out.csv.meta.json"))["variables"] == "x,t"
    csv = np.genfromtxt(f"{d}/out.csv", delimiter=",", names=True, deletechars="", dtype=np.float64)
    assert csv.dtype.names == tuple(columns), csv.dtype.names
    for name, values in columns.items():
        assert np.array_equal(csv[name], values), name

    doc = json.load(open(f"{d}/out.json"))
    assert np.array_equal(np.array(doc["points"]["x"]), x)
    result = doc["results"][0]
    assert result["function"] == "x^2*t" and np.array_equal(np.array(result["values"]), f)
    assert [d["wrt"] for d in result["derivatives"]] == [["x"], ["t"], ["x", "x"]]
    assert np.array_equal(np.array(result["derivatives"][0]["values"]), dx)

    check_traced(d, columns)

    raw = np.array([v >> 11 for v in splitmix64(2026, 200)], dtype=np.float64) * 2.0 ** -53
    expected = np.stack([-1 + 2 * raw[0::2], raw[1::2]], axis=1)
    assert np.array_equal(np.load(f"{d}/random.npy"), expected)


def check_traced(d, columns):
    """The files with a verification trace: per value a status and a bound, in every format."""
    values = ["f", "d/dx", "d/dt", "d2/dx^2"]
    status = {name: np.where((columns["x"] == 0) & (name == "d/dx"), 1, 0) for name in values}
    bound = {name: np.abs(columns[name]) * 2.0 ** -53 for name in values}

    with np.load(f"{d}/traced.npz", allow_pickle=False) as z:
        for name in values:
            key = PYTHON_NAMES[name]
            assert z[f"{key}_status"].dtype == np.uint8 and np.array_equal(z[f"{key}_status"], status[name]), name
            assert z[f"{key}_bound"].dtype == np.float64 and np.array_equal(z[f"{key}_bound"], bound[name]), name
        assert json.loads(str(z["meta"]))["formula"] == "x^2*t"

    table = np.load(f"{d}/traced.npy", allow_pickle=False)
    trace = np.stack([a for name in values for a in (status[name], bound[name])], axis=1)
    assert table.shape == (15, 6 + 8) and np.array_equal(table[:, 6:], trace), table.shape

    csv = np.genfromtxt(f"{d}/traced.csv", delimiter=",", names=True, deletechars="", dtype=None, encoding="utf-8")
    codes = ["ok", "nondifferentiable"]
    for name in values:
        assert list(csv[f"{name}:status"]) == [codes[k] for k in status[name]], name
        assert np.array_equal(csv[f"{name}:bound"], bound[name]), name

    doc = json.load(open(f"{d}/traced.json"))
    derivative = doc["results"][0]["derivatives"][0]
    assert derivative["status"] == [codes[k] for k in status["d/dx"]]
    assert np.array_equal(np.array(derivative["bound"]), bound["d/dx"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch-path", default=".build")
    parser.add_argument("--keep", action="store_true", help="keep the directory of files")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    d = tempfile.mkdtemp(prefix="symdiff-check-io-")
    write_inputs(d)
    env = dict(os.environ, SYMDIFF_IO_DIR=d)
    run = subprocess.run(["swift", "test", "--scratch-path", args.scratch_path, "--filter", "IOSampleFilesTests"],
                         cwd=root, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(run.stdout[-4000:] + run.stderr[-4000:])
    check_outputs(d)
    print(f"ok: numpy {np.__version__} reads symdiff's files and symdiff reads numpy's ({d})")
    if not args.keep:
        for name in os.listdir(d):
            os.remove(os.path.join(d, name))
        os.rmdir(d)


if __name__ == "__main__":
    main()
