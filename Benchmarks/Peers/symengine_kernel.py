"""The SymEngine peer of the symbolic-kernel benchmarks, timed in process as symdiff's are.

Usage (needs `pip install symengine`; CI does not run it):
  python3 symengine_kernel.py      prints one line per case: name and median seconds

Cases, as the Swift benchmark runs them:
  f1 gradient + Hessian   the gradient and the Hessian's upper triangle of
                          f1 = x1^2*sin(x2)*exp(-x1*x2)+log(1+x1^2), each expanded
                          (SymEngine's simplification), formula parsed once; and
                          the same not expanded
  nested sine 10th        the 10th derivative of sin nested 7 deep
"""
import time

import symengine as se


def median_seconds(runs, body):
    body()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def main():
    x1, x2, x = se.symbols("x1 x2 x")
    f1 = se.sympify("x1^2*sin(x2)*exp(-x1*x2)+log(1+x1^2)")

    def gradient_and_hessian():
        variables = [x1, x2]
        gradient = [se.expand(f1.diff(v)) for v in variables]
        hessian = [se.expand(f1.diff(a).diff(b)) for i, a in enumerate(variables) for b in variables[i:]]
        return gradient, hessian

    nested = x
    for _ in range(7):
        nested = se.sin(nested)

    def gradient_and_hessian_unexpanded():
        variables = [x1, x2]
        return [f1.diff(v) for v in variables], [f1.diff(a).diff(b) for i, a in enumerate(variables) for b in variables[i:]]

    def tenth():
        return nested.diff(x, 10)

    print("f1 gradient + Hessian\t%.9f" % median_seconds(2000, gradient_and_hessian))
    print("f1 gradient + Hessian, not expanded\t%.9f" % median_seconds(2000, gradient_and_hessian_unexpanded))
    print("nested sine 10th\t%.9f" % median_seconds(3, tenth))


if __name__ == "__main__":
    main()
