"""The JAX peer of the throughput benchmark: f1's value and gradient at N random points by
autodiff, in float64, jit-compiled, saved as one (N, 5) .npy array (x1, x2, f, df/dx1,
df/dx2), as symdiff writes it: the whole process is timed.

Usage: python3 jax_f1_gradient.py N OUT.npy   (needs `pip install "jax[cpu]"`; CI does not run it)
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
def table(points):
    return jnp.concatenate([points, jax.vmap(f1)(points)[:, None], jax.vmap(jax.grad(f1))(points)], axis=1)


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    points = np.random.default_rng(1).uniform(0, 1, size=(count, 2))
    np.save(out, np.asarray(jax.block_until_ready(table(points))))


if __name__ == "__main__":
    main()
