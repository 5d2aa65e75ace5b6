"""The JAX peer of the benchmarks: f1 by autodiff (no check), in float64, jit-compiled, at N
random points, saved; the whole process is timed.

Usage (needs `pip install "jax[cpu]"`; CI does not run it):
  python3 jax_f1.py N OUT.npz         value, gradient and Hessian (the --verify benchmark)
  python3 jax_f1.py N OUT.npy table   one (N, 5) array x1, x2, f, df/dx1, df/dx2, as symdiff
                                      writes it (the throughput benchmark)
"""
import sys

import numpy as np
import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)


def f1(x):
    x1, x2 = x[0], x[1]
    return x1**2 * jnp.sin(x2) * jnp.exp(-x1 * x2) + jnp.log(1 + x1**2)


@jax.jit
def everything(points):
    return jax.vmap(f1)(points), jax.vmap(jax.grad(f1))(points), jax.vmap(jax.hessian(f1))(points)


@jax.jit
def table(points):
    return jnp.concatenate([points, jax.vmap(f1)(points)[:, None], jax.vmap(jax.grad(f1))(points)], axis=1)


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    if sys.argv[3:] == ["table"]:
        points = np.random.default_rng(1).uniform(0, 1, size=(count, 2))
        np.save(out, np.asarray(jax.block_until_ready(table(points))))
        return
    points = np.random.default_rng(1).uniform(-1, 1, size=(count, 2))
    value, gradient, hessian = jax.block_until_ready(everything(points))
    np.savez(out, points=points, f=np.asarray(value), gradient=np.asarray(gradient), hessian=np.asarray(hessian))


if __name__ == "__main__":
    main()
