// The function catalog: every function of the formula language and its row (names,
// parameters, derivative rows, definition or extended-precision kernel, documentation line),
// grouped as the `Function` cases are. A new function is a case and a row here, its Taylor
// rule in SymDiffAutodiff, and its entry in the accuracy fixture's script.

/// A built-in function of the formula language.
///
/// Primitives have numerics of their own: `Function.evaluate`'s rows, vector routines and
/// double-double kernels for the elementary ones, an extended-precision `FunctionInfo.kernel`
/// for the others (which binary64 rounds, and double-double leaves to adaptive precision), and
/// an independent Taylor rule in SymDiffAutodiff each. The others are defined in formula syntax by
/// `FunctionInfo.definition` and expanded into primitives wherever they are evaluated
/// (`ExprGraph.expandingDefinitions`), so they reach every path, the vectorized one included,
/// with no code of their own; they print by name and differentiate by their own row.
/// `pow(a, b)` is not a case: the parser reads it as `a^b`. Raw values are dense ordinals,
/// so tables over functions can be arrays.
public enum Function: Int, CaseIterable, Hashable, Sendable {
    case sin, cos, tan, sec, csc, cot
    case asin, acos, atan
    case sinh, cosh, tanh, asinh, acosh, atanh
    case exp, log, log10, log2, sqrt, cbrt
    case abs, sign, erf, erfc
    case sigmoid, softplus, relu, heaviside
    case atan2, hypot, min, max
    case expm1, log1p
    case floor, ceil, round, trunc, mod, fmod
    case gamma, lgamma, digamma, polygamma
    case sinpi, cospi, erfinv, erfcinv, erfcx, logNdtr, lambertw
    case besselj, bessely, besseli, besselk, ive, sphericalJn
    case logBase, exp2, square, rsqrt
    case sech, csch, coth, asec, acsc, acot, asech, acsch, acoth
    case relu6, leakyRelu, elu, selu, celu, gelu, geluTanh, silu, mish, softsign, logsigmoid, frac
    case hardtanh, hardsigmoid, hardswish, tanhshrink, clamp, logaddexp
    case softshrink, hardshrink, threshold, glu, prelu, logit, ndtr, ndtri
    case softplusBeta, beta, lbeta
    case less, lessEqual, greater, greaterEqual, equal, notEqual, logicalAnd, logicalOr, logicalNot, select, `where`
    case xlogy, xlog1py
    case j0, j1, y0, y1, i0, i1, k0, k1, i0e, i1e, sinc
    case sind, cosd, tand, secd, cscd, cotd, asind, acosd, atand, deg2rad, rad2deg, exp10, inv
    case erfi, dawson, invdigamma
}

extension FunctionInfo {
    /// The catalog: one row per function.
    static func row(_ f: Function) -> FunctionInfo {
        switch f {
        case .sin: .primitive(["sin"], derivatives: ["cos(u)"], "sine")
        case .cos: .primitive(["cos"], derivatives: ["-sin(u)"], "cosine")
        case .tan: .primitive(["tan"], derivatives: ["1/cos(u)^2"], samples: -1.4...1.4, "tangent")
        case .sec: .primitive(["sec"], derivatives: ["sec(u)*tan(u)"], samples: -1.4...1.4, "1/cos(x)")
        case .csc: .primitive(["csc"], derivatives: ["-csc(u)*cot(u)"], samples: 0.1...3, "1/sin(x)")
        case .cot: .primitive(["cot"], derivatives: ["-1/sin(u)^2"], samples: 0.1...3, "1/tan(x)")
        case .asin: .primitive(["asin"], derivatives: ["1/sqrt((1 - u)*(1 + u))"], samples: -0.95...0.95, "arcsine, on [-1, 1]")
        case .acos: .primitive(["acos"], derivatives: ["-1/sqrt((1 - u)*(1 + u))"], samples: -0.95...0.95, "arccosine, on [-1, 1]")
        case .atan: .primitive(["atan"], derivatives: ["1/(1 + u^2)"], samples: -5...5, "arctangent")
        case .sinh: .primitive(["sinh"], derivatives: ["cosh(u)"], "hyperbolic sine")
        case .cosh: .primitive(["cosh"], derivatives: ["sinh(u)"], "hyperbolic cosine")
        // 1/cosh^2 rather than 1 - tanh^2, which cancels where tanh saturates.
        case .tanh: .primitive(["tanh"], derivatives: ["1/cosh(u)^2"], "hyperbolic tangent")
        case .asinh: .primitive(["asinh"], derivatives: ["1/hypot(u, 1)"], "inverse hyperbolic sine")
        case .acosh:
            .primitive(["acosh"],
                derivatives: ["1/sqrt((u - 1)*(u + 1))"], samples: 1.05...5, "inverse hyperbolic cosine, from 1")
        case .atanh:
            .primitive(["atanh"],
                derivatives: ["1/((1 - u)*(1 + u))"], samples: -0.95...0.95, "inverse hyperbolic tangent, on (-1, 1)")
        case .exp: .primitive(["exp"], derivatives: ["exp(u)"], "e^x")
        case .log: .primitive(["log", "ln"], derivatives: ["1/u"], samples: 0.05...5, "natural logarithm")
        case .log10: .primitive(["log10"], derivatives: ["1/(u*log(10))"], samples: 0.05...5, "base-10 logarithm")
        case .log2: .primitive(["log2"], derivatives: ["1/(u*log(2))"], samples: 0.05...5, "base-2 logarithm")
        case .sqrt: .primitive(["sqrt"], derivatives: ["1/(2*sqrt(u))"], samples: 0.05...5, "square root")
        case .cbrt: .primitive(["cbrt"], derivatives: ["1/(3*cbrt(u)^2)"], samples: -5...5, "real cube root")
        // sign(0) = 0 makes abs'(0) = 0, as PyTorch.
        case .abs: .primitive(["abs"], derivatives: ["sign(u)"], samples: -5...5, "absolute value")
        case .sign: .primitive(["sign"], derivatives: ["0"], samples: -5...5, "-1, 0 or 1")
        case .erf: .primitive(["erf"], derivatives: ["2/sqrt(pi)*exp(-u^2)"], "error function")
        case .erfc: .primitive(["erfc"], derivatives: ["-2/sqrt(pi)*exp(-u^2)"], "1 - erf(x), without the cancellation")
        case .sigmoid: .primitive(["sigmoid"], derivatives: ["sigmoid(u)*sigmoid(-u)"], "1/(1 + exp(-x))")
        case .softplus: .primitive(["softplus"], derivatives: ["sigmoid(u)"], "log(1 + exp(x))")
        // heaviside(0) = 0 makes relu'(0) = 0, as PyTorch.
        case .relu: .primitive(["relu"], derivatives: ["heaviside(u)"], samples: -5...5, "max(x, 0)")
        case .heaviside: .primitive(["heaviside"], derivatives: ["0"], samples: -5...5, "1 for x > 0, else 0")
        case .atan2: .primitive(["atan2"], ["y", "x"], derivatives: ["x/hypot(x, y)^2", "-y/hypot(x, y)^2"], "angle of (x, y)")
        case .hypot:
            .primitive(["hypot"], ["x", "y"], derivatives: ["x/hypot(x, y)", "y/hypot(x, y)"], variadic: true, "sqrt(x^2 + y^2)")
        // At a tie min and max give each side 1/2.
        case .min:
            .primitive(["min"], ["a", "b"], derivatives: ["(1 - sign(a - b))/2", "(1 + sign(a - b))/2"], variadic: true, "least")
        case .max:
            .primitive(["max"], ["a", "b"], derivatives: ["(1 + sign(a - b))/2", "(1 - sign(a - b))/2"], variadic: true, "greatest")
        case .expm1: .primitive(["expm1"], derivatives: ["exp(u)"], "exp(x) - 1, without the cancellation")
        case .log1p: .primitive(["log1p"], derivatives: ["1/(1 + u)"], samples: -0.9...5, "log(1 + x), without the cancellation")
        // Steps: derivative 0 away from the jumps; `nondifferentiable` at them under --verify.
        case .floor: .primitive(["floor"], derivatives: ["0"], "greatest integer <= x")
        case .ceil: .primitive(["ceil"], derivatives: ["0"], "least integer >= x")
        case .round: .primitive(["round"], derivatives: ["0"], "nearest integer, halves to even (as torch.round)")
        case .trunc: .primitive(["trunc"], derivatives: ["0"], "integer part, toward 0")
        case .mod:
            .primitive(
                ["mod"], ["a", "b"], derivatives: ["1", "-floor(a/b)"], samples: 0.1...5,
                "a - b*floor(a/b), with the sign of b (Python's %, torch.remainder), exact")
        case .fmod:
            .primitive(
                ["fmod"], ["a", "b"], derivatives: ["1", "-trunc(a/b)"], samples: 0.1...5,
                "a - b*trunc(a/b), with the sign of a (C fmod, torch.fmod), exact")
        case .gamma: .primitive(["gamma"], derivatives: ["gamma(u)*digamma(u)"], samples: 0.2...5, kernel: { x, _ in .gamma(x) }, "Γ(x)")
        case .lgamma:
            .primitive(["lgamma", "gammaln"], derivatives: ["digamma(u)"], samples: 0.2...5, kernel: { x, _ in .logGamma(x) },
                "log(abs(Γ(x))), torch.lgamma")
        case .digamma:
            .primitive(["digamma", "psi"], derivatives: ["polygamma(1, u)"], samples: 0.2...5, kernel: { x, _ in .polygamma(0, x) },
                "Γ'(x)/Γ(x); -inf at 0 as PyTorch")
        case .polygamma:
            .primitive(
                ["polygamma"], ["n", "u"], derivatives: ["0", "polygamma(n + 1, u)"], samples: 0.2...5,
                kernel: ordered { n, x in n >= 0 ? .polygamma(n, x) : .nan },
                "n-th derivative of digamma; n a constant integer >= 0")
        case .sinpi: .primitive(["sinpi"], derivatives: ["pi*cospi(u)"], "sin(pi*x), its argument reduced exactly")
        case .cospi: .primitive(["cospi"], derivatives: ["-pi*sinpi(u)"], "cos(pi*x), its argument reduced exactly")
        case .erfinv:
            .primitive(["erfinv"], derivatives: ["sqrt(pi)/2*exp(erfinv(u)^2)"], samples: -0.9...0.9,
                kernel: { y, _ in .inverseErrorFunction(y) }, "inverse of erf, on [-1, 1]")
        case .erfcinv:
            .primitive(["erfcinv"], derivatives: ["-sqrt(pi)/2*exp(erfcinv(u)^2)"], samples: 0.1...1.9,
                kernel: { y, _ in .inverseErrorFunction(y, complement: true) }, "inverse of erfc, on [0, 2]")
        case .erfcx:
            .primitive(
                ["erfcx"], derivatives: ["2*u*erfcx(u) - 2/sqrt(pi)"], samples: -3...10, kernel: { x, _ in .scaledComplementaryError(x) },
                "exp(x^2)*erfc(x), without its overflow and underflow")
        case .logNdtr:
            .primitive(
                ["log_ndtr"], derivatives: ["sqrt(2/pi)/erfcx(-u/sqrt(2))"], samples: -10...5, kernel: { x, _ in .logNormalDistribution(x) },
                "log(ndtr(x)), without the tail's underflow")
        // W' = W/(x(1 + W)) written without its 0/0 at x = 0.
        case .lambertw:
            .primitive(
                ["lambertw"], derivatives: ["exp(-lambertw(u))/(1 + lambertw(u))"], samples: -0.3...5, kernel: { x, _ in .lambertW(x) },
                "Lambert's W, principal branch: W*exp(W) = x, for x >= -1/e")
        // Bessel functions of integer order n (a constant integer, as polygamma's), with the
        // classical recurrences for their derivatives.
        case .besselj:
            .primitive(
                ["besselj"], ["n", "u"], derivatives: ["0", "(besselj(n - 1, u) - besselj(n + 1, u))/2"], samples: -20...20,
                kernel: ordered { n, x in .besselJ(n, x) }, "J_n(x), Bessel function of the first kind")
        case .bessely:
            .primitive(
                ["bessely"], ["n", "u"], derivatives: ["0", "(bessely(n - 1, u) - bessely(n + 1, u))/2"], samples: 0.5...20,
                kernel: ordered { n, x in .besselY(n, x) }, "Y_n(x), Bessel function of the second kind, for x > 0")
        case .besseli:
            .primitive(
                ["besseli"], ["n", "u"], derivatives: ["0", "(besseli(n - 1, u) + besseli(n + 1, u))/2"], samples: -20...20,
                kernel: ordered { n, x in .besselI(n, x) }, "I_n(x), modified Bessel function of the first kind")
        case .besselk:
            .primitive(
                ["besselk"], ["n", "u"], derivatives: ["0", "-(besselk(n - 1, u) + besselk(n + 1, u))/2"], samples: 0.5...20,
                kernel: ordered { n, x in .besselK(n, x) }, "K_n(x), modified Bessel function of the second kind, for x > 0")
        // exp(-|x|) I_n(x) has exp(-|x|)'s kink at 0, where sign(0) = 0 gives torch's i0e'(0) = 0.
        case .ive:
            .primitive(
                ["ive"], ["n", "u"], derivatives: ["0", "(ive(n - 1, u) + ive(n + 1, u))/2 - sign(u)*ive(n, u)"],
                samples: -20...20, kernel: ordered { n, x in .besselIScaled(n, x) }, "exp(-abs(x))*I_n(x), which does not overflow (scipy's ive)")
        case .sphericalJn:
            .primitive(
                ["spherical_jn"], ["n", "u"], derivatives: ["0", "(n*spherical_jn(n - 1, u) - (n + 1)*spherical_jn(n + 1, u))/(2*n + 1)"],
                samples: -20...20, kernel: ordered { n, x in .sphericalBesselJ(n, x) }, "j_n(x), spherical Bessel function of the first kind; sin(x)/x for n = 0")
        case .logBase:
            .defined(["log"], "log(u)/log(b)", parameters: ["u", "b"],
                derivatives: ["1/(u*log(b))", "-log(u)/(b*log(b)^2)"], samples: 0.05...5, "log(x, base)")
        case .exp2: .defined(["exp2"], "2^u", derivatives: ["log(2)*2^u"], "2^x")
        case .square: .defined(["square"], "u^2", derivatives: ["2*u"], "x^2")
        case .rsqrt: .defined(["rsqrt"], "1/sqrt(u)", derivatives: ["-1/(2*u*sqrt(u))"], samples: 0.05...5, "1/sqrt(x)")
        case .sech: .defined(["sech"], "1/cosh(u)", derivatives: ["-tanh(u)/cosh(u)"], "1/cosh(x)")
        case .csch: .defined(["csch"], "1/sinh(u)", derivatives: ["-cosh(u)/sinh(u)^2"], samples: 0.1...3, "1/sinh(x)")
        case .coth: .defined(["coth"], "1/tanh(u)", derivatives: ["-1/sinh(u)^2"], samples: 0.1...3, "1/tanh(x)")
        case .asec:
            .defined(["asec"], "atan2(sqrt(abs(u) - 1)*sqrt(abs(u) + 1), sign(u))",
                derivatives: ["1/(abs(u)*sqrt((u - 1)*(u + 1)))"], samples: 1.05...5, "acos(1/x)")
        case .acsc:
            .defined(["acsc"], "atan2(sign(u), sqrt(abs(u) - 1)*sqrt(abs(u) + 1))",
                derivatives: ["-1/(abs(u)*sqrt((u - 1)*(u + 1)))"], samples: 1.05...5, "asin(1/x)")
        case .acot: .defined(["acot"], "atan(1/u)", derivatives: ["-1/(1 + u^2)"], "atan(1/x), SymPy's branch")
        case .asech:
            .defined(["asech"], "log1p(sqrt((1 - u)*(1 + u))) - log(u)",
                derivatives: ["-1/(u*sqrt((1 - u)*(1 + u)))"], samples: 0.05...0.95, "acosh(1/x)")
        case .acsch: .defined(["acsch"], "asinh(1/u)", derivatives: ["-1/(abs(u)*hypot(u, 1))"], "asinh(1/x)")
        case .acoth:
            .defined(["acoth"], "sign(u)*log1p(2/(abs(u) - 1))/2",
                derivatives: ["1/((1 - u)*(1 + u))"], samples: 1.05...5, "atanh(1/x)")
        case .relu6: .defined(["relu6"], "min(max(u, 0), 6)", derivatives: ["heaviside(u)*heaviside(6 - u)"], "min(max(x, 0), 6)")
        case .leakyRelu:
            .defined(
                ["leaky_relu"], "relu(u) - slope*relu(-u)", parameters: ["u", "slope"], defaults: [.rational(1, 100)],
                derivatives: ["slope + (1 - slope)*heaviside(u)", "-relu(-u)"], "x, or slope*x below 0 (slope 0.01)")
        case .elu:
            .defined(
                ["elu"], "relu(u) + alpha*expm1(-relu(-u))", parameters: ["u", "alpha"], defaults: [.one],
                derivatives: ["heaviside(u) + alpha*exp(-relu(-u))*(1 - heaviside(u))", "exp(-relu(-u)) - 1"],
                "x, or alpha*(exp(x) - 1) below 0 (alpha 1)")
        case .selu:
            .defined(
                ["selu"], "1.0507009873554805*elu(u, 1.6732632423543772)",
                derivatives: ["1.0507009873554805*(heaviside(u) + 1.6732632423543772*exp(-relu(-u))*(1 - heaviside(u)))"],
                "scale*elu(x, alpha) with PyTorch's constants")
        case .celu:
            .defined(
                ["celu"], "relu(u) + alpha*expm1(-relu(-u)/alpha)", parameters: ["u", "alpha"], defaults: [.one],
                derivatives: [
                    "heaviside(u) + exp(-relu(-u)/alpha)*(1 - heaviside(u))",
                    "exp(-relu(-u)/alpha) - 1 + relu(-u)/alpha*exp(-relu(-u)/alpha)",
                ], "x, or alpha*(exp(x/alpha) - 1) below 0 (alpha 1)")
        case .gelu:
            .defined(["gelu"], "u*ndtr(u)", derivatives: ["ndtr(u) + u*exp(-u^2/2)/sqrt(2*pi)"], "x*Phi(x), the exact (erf) form")
        // A primitive, computed in extended precision: in binary64 the rounding of the cubic
        // inside sigmoid grows with it in the lower tail.
        case .geluTanh:
            .primitive(
                ["gelu_tanh"],
                derivatives: [
                    "sigmoid(2*sqrt(2/pi)*(u + 0.044715*u^3)) + 2*sqrt(2/pi)*u*(1 + 0.134145*u^2)"
                        + "*sigmoid(2*sqrt(2/pi)*(u + 0.044715*u^3))*sigmoid(-2*sqrt(2/pi)*(u + 0.044715*u^3))",
                ], kernel: { x, _ in .geluTanh(x) }, "the tanh approximation of gelu")
        case .silu: .defined(["silu", "swish"], "u*sigmoid(u)", derivatives: ["sigmoid(u)*(1 + u*sigmoid(-u))"], "x*sigmoid(x)")
        case .mish:
            .defined(
                ["mish"], "u*tanh(softplus(u))", derivatives: ["tanh(softplus(u)) + u*sigmoid(u)/cosh(softplus(u))^2"],
                "x*tanh(softplus(x))")
        case .softsign: .defined(["softsign"], "u/(1 + abs(u))", derivatives: ["1/(1 + abs(u))^2"], "x/(1 + abs(x))")
        case .logsigmoid: .defined(["logsigmoid"], "-softplus(-u)", derivatives: ["sigmoid(-u)"], "log(sigmoid(x))")
        case .hardtanh:
            .defined(
                ["hardtanh"], "min(max(u, lo), hi)", parameters: ["u", "lo", "hi"], defaults: [.minusOne, .one],
                derivatives: [
                    "heaviside(u - lo)*heaviside(hi - u)", "(1 - heaviside(u - lo))*heaviside(hi - lo)",
                    "1 - heaviside(hi - max(u, lo))",
                ],
                "x clipped to [lo, hi] (-1, 1); hi where lo > hi")
        case .hardsigmoid:
            .defined(["hardsigmoid"], "relu6(u + 3)/6", derivatives: ["heaviside(u + 3)*heaviside(3 - u)/6"], "relu6(x + 3)/6")
        case .hardswish:
            .defined(
                ["hardswish"], "u*relu6(u + 3)/6",
                derivatives: ["(1 - heaviside(-3 - u))*(1 - heaviside(u - 3))*(u/3 + 1/2) + heaviside(u - 3)"], "x*relu6(x + 3)/6")
        case .frac: .defined(["frac"], "u - trunc(u)", derivatives: ["1"], "x - trunc(x) (torch.frac)")
        // A primitive: u - tanh(u) cancels near 0, where it is u^3/3.
        case .tanhshrink: .primitive(["tanhshrink"], derivatives: ["tanh(u)^2"], kernel: { x, _ in .tanhShrink(x) }, "x - tanh(x)")
        case .clamp:
            .defined(
                ["clamp"], "min(max(u, lo), hi)", parameters: ["u", "lo", "hi"],
                derivatives: [
                    "(1 - heaviside(lo - u))*(1 - heaviside(max(u, lo) - hi))", "heaviside(lo - u)*heaviside(hi - lo)",
                    "heaviside(max(u, lo) - hi)",
                ],
                "x clipped to [lo, hi], both ends included; hi where lo > hi")
        case .logaddexp:
            .defined(
                ["logaddexp", "logsumexp"], "max(a, b) + log1p(exp(-abs(a - b)))", parameters: ["a", "b"],
                derivatives: ["sigmoid(a - b)", "sigmoid(b - a)"], variadic: true, "log(exp(a) + exp(b) + ...)")
        case .softshrink:
            .defined(
                ["softshrink"], "relu(u - lambda) - relu(-u - lambda)", parameters: ["u", "lambda"], defaults: [.rational(1, 2)],
                derivatives: ["heaviside(u - lambda) + heaviside(-u - lambda)", "heaviside(-u - lambda) - heaviside(u - lambda)"],
                "x moved toward 0 by lambda, 0 within it (lambda 0.5)")
        case .hardshrink:
            .defined(
                ["hardshrink"], "u*heaviside(abs(u) - lambda)", parameters: ["u", "lambda"], defaults: [.rational(1, 2)],
                derivatives: ["heaviside(abs(u) - lambda)", "0"], "x where abs(x) > lambda, else 0 (lambda 0.5)")
        case .threshold:
            .defined(
                ["threshold"], "value + (u - value)*heaviside(u - limit)", parameters: ["u", "limit", "value"],
                derivatives: ["heaviside(u - limit)", "0", "1 - heaviside(u - limit)"], "x where x > limit, else value")
        case .glu:
            .defined(
                ["glu"], "a*sigmoid(b)", parameters: ["a", "b"], derivatives: ["sigmoid(b)", "a*sigmoid(b)*sigmoid(-b)"],
                "a*sigmoid(b), torch's glu of the halves a, b")
        case .prelu:
            .defined(
                ["prelu"], "relu(u) - weight*relu(-u)", parameters: ["u", "weight"],
                derivatives: ["weight + (1 - weight)*heaviside(u)", "-relu(-u)"], "leaky_relu with the slope a parameter")
        case .logit:
            .defined(["logit"], "log(u) - log1p(-u)", derivatives: ["1/(u*(1 - u))"], samples: 0.05...0.95, "log(p/(1 - p))")
        // A primitive, computed in extended precision: erfc(-x/sqrt(2)) in binary64 would
        // multiply the rounding of -x/sqrt(2) by 2t^2 in the lower tail.
        case .ndtr:
            .primitive(["ndtr"], derivatives: ["exp(-u^2/2)/sqrt(2*pi)"], kernel: { x, _ in .normalDistribution(x) }, "standard normal CDF")
        case .ndtri:
            .defined(
                ["ndtri"], "-sqrt(2)*erfcinv(2*u)", derivatives: ["sqrt(2*pi)*exp(ndtri(u)^2/2)"], samples: 0.05...0.95,
                "inverse of ndtr, on [0, 1]")
        case .softplusBeta:
            .defined(
                ["softplus"], "softplus(b*u)/b", parameters: ["u", "b"],
                derivatives: ["sigmoid(b*u)", "u*sigmoid(b*u)/b - softplus(b*u)/b^2"],
                "log(1 + exp(b*x))/b, torch's softplus(x, beta) without its threshold shortcut")
        // Primitives computed in extended precision: in binary64 the lgammas cancel for large
        // arguments (23 ulp of lbeta, 290 of beta at a = 84, b = 2.5).
        case .beta:
            .primitive(
                ["beta"], ["a", "b"],
                derivatives: ["beta(a, b)*(digamma(a) - digamma(a + b))", "beta(a, b)*(digamma(b) - digamma(a + b))"],
                samples: 0.2...5, kernel: { a, b in .beta(a, b) }, "Γ(a)Γ(b)/Γ(a + b), for positive a and b")
        case .lbeta:
            .primitive(
                ["lbeta"], ["a", "b"],
                derivatives: ["digamma(a) - digamma(a + b)", "digamma(b) - digamma(a + b)"], samples: 0.2...5,
                kernel: { a, b in .logBeta(a, b) },
                "log(abs(beta(a, b)))")
        // As torch.xlogy: 0 where x is 0, unless y is NaN; its gradient by x is 0 there too,
        // not log(y), which --verify flags with the one-sided partials.
        case .xlogy:
            .defined(
                ["xlogy"], "where(x == 0 && y == y, 0, x*log(y))", parameters: ["x", "y"],
                derivatives: ["where(x == 0, 0, log(y))", "x/y"], samples: 0.1...3, "x*log(y), 0 where x = 0 (torch.xlogy)")
        case .xlog1py:
            .defined(
                ["xlog1py"], "where(x == 0 && y == y, 0, x*log1p(y))", parameters: ["x", "y"],
                derivatives: ["where(x == 0, 0, log1p(y))", "x/(1 + y)"], samples: 0.1...3,
                "x*log1p(y), 0 where x = 0 (torch.special.xlog1py)")
        case .j0: bessel(["j0"], "besselj(0, u)", "-besselj(1, u)", "J_0(x)")
        case .j1: bessel(["j1"], "besselj(1, u)", "(besselj(0, u) - besselj(2, u))/2", "J_1(x)")
        case .y0: bessel(["y0"], "bessely(0, u)", "-bessely(1, u)", "Y_0(x), for x > 0")
        case .y1: bessel(["y1"], "bessely(1, u)", "(bessely(0, u) - bessely(2, u))/2", "Y_1(x), for x > 0")
        case .i0: bessel(["i0"], "besseli(0, u)", "besseli(1, u)", "I_0(x)")
        case .i1: bessel(["i1"], "besseli(1, u)", "(besseli(0, u) + besseli(2, u))/2", "I_1(x)")
        case .k0: bessel(["k0"], "besselk(0, u)", "-besselk(1, u)", "K_0(x), for x > 0")
        case .k1: bessel(["k1"], "besselk(1, u)", "-(besselk(0, u) + besselk(2, u))/2", "K_1(x), for x > 0")
        case .i0e: bessel(["i0e"], "ive(0, u)", "ive(1, u) - sign(u)*ive(0, u)", "exp(-abs(x))*I_0(x)")
        // Through j_0, whose series at 0 and recurrence keep sinc and all its derivatives exact there.
        case .sinc:
            .defined(
                ["sinc"], "spherical_jn(0, pi*u)", derivatives: ["-pi*spherical_jn(1, pi*u)"],
                "sin(pi*x)/(pi*x), 1 at 0 (torch.sinc, numpy.sinc)")
        case .i1e: bessel(["i1e"], "ive(1, u)", "(ive(0, u) + ive(2, u))/2 - sign(u)*ive(1, u)", "exp(-abs(x))*I_1(x)")
        // Comparisons and logic: 1 for true, 0 for false; any nonzero number (NaN too) is true,
        // as in NumPy. Derivative 0, with a jump where a comparison's sides meet.
        case .less: comparison(["lt"], "<")
        case .lessEqual: comparison(["le"], "<=")
        case .greater: comparison(["gt"], ">")
        case .greaterEqual: comparison(["ge"], ">=")
        case .equal: comparison(["eq"], "==")
        case .notEqual: comparison(["ne"], "!=")
        case .logicalAnd: .primitive(["logical_and"], ["a", "b"], derivatives: ["0", "0"], "a && b: 1 where both are true")
        case .logicalOr: .primitive(["logical_or"], ["a", "b"], derivatives: ["0", "0"], "a || b: 1 where either is true")
        case .logicalNot: .primitive(["logical_not"], derivatives: ["0"], "!x: 1 where x is 0, else 0")
        // -0 is the sum's identity (x + -0 is x, bits and all), so `where` adds two selections.
        case .select:
            .primitive(
                ["select"], ["c", "u"], derivatives: ["0", "select(c, 1)"], selects: true, "u where c is true, else -0 (where's half)")
        case .where:
            .defined(
                ["where", "ifelse"], "select(c, a) + select(logical_not(c), b)", parameters: ["c", "a", "b"],
                derivatives: ["0", "where(c, 1, 0)", "where(c, 0, 1)"], selects: true,
                "a where c is true (nonzero), else b; the branch not taken never reaches the value or a derivative")
        // Trigonometry in degrees (Julia's sind ... atand): x reduced exactly, so sind(180) is 0.
        case .sind:
            .primitive(["sind"], derivatives: ["pi/180*cosd(u)"], kernel: { x, _ in sineDegrees(x) }, "sine of x degrees")
        case .cosd:
            .primitive(
                ["cosd"], derivatives: ["-pi/180*sind(u)"], kernel: { x, _ in sineDegrees(90 - Swift.abs(reducedDegrees(x))) },
                "cosine of x degrees")
        case .tand: .defined(["tand"], "sind(u)/cosd(u)", derivatives: ["pi/180/cosd(u)^2"], samples: -80...80, "tangent of x degrees")
        case .secd: .defined(["secd"], "1/cosd(u)", derivatives: ["pi/180*sind(u)/cosd(u)^2"], samples: -80...80, "1/cosd(x)")
        case .cscd: .defined(["cscd"], "1/sind(u)", derivatives: ["-pi/180*cosd(u)/sind(u)^2"], samples: 5...170, "1/sind(x)")
        case .cotd: .defined(["cotd"], "cosd(u)/sind(u)", derivatives: ["-pi/180/sind(u)^2"], samples: 5...170, "1/tand(x)")
        case .asind:
            .defined(["asind"], "180/pi*asin(u)", derivatives: ["180/pi/sqrt((1 - u)*(1 + u))"], samples: -0.95...0.95, "asin in degrees")
        case .acosd:
            .defined(["acosd"], "180/pi*acos(u)", derivatives: ["-180/pi/sqrt((1 - u)*(1 + u))"], samples: -0.95...0.95, "acos in degrees")
        case .atand: .defined(["atand"], "180/pi*atan(u)", derivatives: ["180/pi/(1 + u^2)"], "atan in degrees")
        case .deg2rad: .defined(["deg2rad"], "pi/180*u", derivatives: ["pi/180"], "x degrees in radians")
        case .rad2deg: .defined(["rad2deg"], "180/pi*u", derivatives: ["180/pi"], "x radians in degrees")
        case .exp10: .defined(["exp10"], "10^u", derivatives: ["log(10)*10^u"], "10^x")
        case .inv: .defined(["inv"], "1/u", derivatives: ["-1/u^2"], samples: 0.1...3, "1/x")
        case .erfi:
            .primitive(["erfi"], derivatives: ["2/sqrt(pi)*exp(u^2)"], kernel: { x, _ in .imaginaryError(x) }, "-i*erf(i*x), real")
        case .dawson:
            .primitive(
                ["dawson", "dawsn"], derivatives: ["1 - 2*u*dawson(u)"], samples: -5...5, kernel: { x, _ in .dawson(x) },
                "Dawson's integral exp(-x^2)*∫_0^x exp(t^2) dt")
        case .invdigamma:
            .primitive(
                ["invdigamma"], derivatives: ["1/polygamma(1, invdigamma(u))"], kernel: { y, _ in .inverseDigamma(y) },
                "the x > 0 with digamma(x) = y")
        }
    }

    /// `x` degrees reduced to [-180, 180] exactly: C's fmod, then a step of 360 (Sterbenz).
    private static func reducedDegrees(_ x: ExtendedReal) -> ExtendedReal {
        let r = x.truncatingRemainder(dividingBy: 360)
        return r > 180 ? r - 360 : r < -180 ? r + 360 : r
    }

    /// The sine of `x` degrees: reduced to [-90, 90] exactly (`180 - r` is exact for r from 90
    /// to 180), then one multiplication by π/180 in extended precision, so zeros are exact and
    /// the error is relative everywhere. (`cosd` passes `90 - |r|`, exact from |r| = 45 on, and
    /// below where the cosine is flat.)
    private static func sineDegrees(_ x: ExtendedReal) -> ExtendedReal {
        var r = reducedDegrees(x)
        if r > 90 { r = 180 - r } else if r < -90 { r = -180 - r }
        return .sin(r * (.pi / 180))
    }

    /// A Bessel function of order 0 or 1 by its own name, defined by the general one.
    private static func bessel(_ names: [String], _ definition: String, _ derivative: String, _ summary: String) -> FunctionInfo {
        .defined(names, definition, derivatives: [derivative], samples: 0.5...20, summary)
    }

    /// A comparison `a op b`, also callable by `names`.
    private static func comparison(_ names: [String], _ op: String) -> FunctionInfo {
        .primitive(names, ["a", "b"], derivatives: ["0", "0"], "a \(op) b: 1 where true, else 0")
    }
}
