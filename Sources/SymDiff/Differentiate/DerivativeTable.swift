// One derivative row per function, written in formula syntax; the chain rule lives elsewhere.

extension Function {
    /// The names the derivative rows use for the arguments.
    public var parameterNames: [String] {
        switch self {
        case .atan2: return ["y", "x"]
        case .hypot: return ["x", "y"]
        case .min, .max: return ["a", "b"]
        default: return ["u"]
        }
    }

    /// `∂f/∂argument` for each argument, in formula syntax over `parameterNames`.
    ///
    /// Rows prefer forms that stay accurate in binary64 where the textbook form cancels:
    /// `tanh' = 1/cosh^2` rather than `1 - tanh^2`, `sigmoid' = sigmoid(u)*sigmoid(-u)`,
    /// `atanh' = 1/((1-u)*(1+u))`. At kinks the rows give PyTorch's values: `sign(0) = 0`
    /// makes `abs'(0) = 0`, `heaviside(0) = 0` makes `relu'(0) = 0`, and `min`/`max` give
    /// each side 1/2 at a tie.
    var derivativeRows: [String] {
        switch self {
        case .sin:       return ["cos(u)"]
        case .cos:       return ["-sin(u)"]
        case .tan:       return ["1/cos(u)^2"]
        case .sec:       return ["sec(u)*tan(u)"]
        case .csc:       return ["-csc(u)*cot(u)"]
        case .cot:       return ["-1/sin(u)^2"]
        case .asin:      return ["1/sqrt((1 - u)*(1 + u))"]
        case .acos:      return ["-1/sqrt((1 - u)*(1 + u))"]
        case .atan:      return ["1/(1 + u^2)"]
        case .sinh:      return ["cosh(u)"]
        case .cosh:      return ["sinh(u)"]
        case .tanh:      return ["1/cosh(u)^2"]
        case .asinh:     return ["1/hypot(u, 1)"]
        case .acosh:     return ["1/sqrt((u - 1)*(u + 1))"]
        case .atanh:     return ["1/((1 - u)*(1 + u))"]
        case .exp:       return ["exp(u)"]
        case .log:       return ["1/u"]
        case .log10:     return ["1/(u*log(10))"]
        case .log2:      return ["1/(u*log(2))"]
        case .sqrt:      return ["1/(2*sqrt(u))"]
        case .cbrt:      return ["1/(3*cbrt(u)^2)"]
        case .abs:       return ["sign(u)"]
        case .sign:      return ["0"]
        case .erf:       return ["2/sqrt(pi)*exp(-u^2)"]
        case .erfc:      return ["-2/sqrt(pi)*exp(-u^2)"]
        case .sigmoid:   return ["sigmoid(u)*sigmoid(-u)"]
        case .softplus:  return ["sigmoid(u)"]
        case .relu:      return ["heaviside(u)"]
        case .heaviside: return ["0"]
        case .atan2:     return ["x/hypot(x, y)^2", "-y/hypot(x, y)^2"]
        case .hypot:     return ["x/hypot(x, y)", "y/hypot(x, y)"]
        case .min:       return ["(1 - sign(a - b))/2", "(1 + sign(a - b))/2"]
        case .max:       return ["(1 + sign(a - b))/2", "(1 - sign(a - b))/2"]
        }
    }
}
