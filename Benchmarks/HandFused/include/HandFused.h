// Hand-fused C loops over glibc's AVX2 vector math: the practical limit the evaluation benchmarks
// are compared with (the "hand-fused C loop over glibc's AVX2 vector math").
#ifndef HAND_FUSED_H
#define HAND_FUSED_H

/// Whether this CPU has AVX2 and FMA, which the loops need.
int hand_fused_available(void);

/// The gradient of f1 = x1^2 sin(x2) exp(-x1 x2) + log(1 + x1^2) at n points (n a multiple of 4):
/// g1, g2 from x1, x2, with libmvec's exp, sin and cos.
void hand_fused_f1_gradient(const double *x1, const double *x2, double *g1, double *g2, long n);

/// The gradient and the Hessian's entries h11, h12, h22 of f1, as above.
void hand_fused_f1_hessian(const double *x1, const double *x2, double *g1, double *g2, double *h11, double *h12,
                           double *h22, long n);

/// The gradient of the Rosenbrock function in d variables,
/// sum over i < d-1 of 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, at n points (n a multiple of 4):
/// g[k] from x[k].
void hand_fused_rosenbrock_gradient(const double *const *x, double *const *g, long d, long n);

#endif
