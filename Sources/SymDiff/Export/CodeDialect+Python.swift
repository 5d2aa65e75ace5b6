// NumPy, PyTorch and JAX: batch-first arrays in, a dict of arrays out.

extension CodeDialect {
    /// The templates NumPy, PyTorch and JAX spell alike, with `M` for the array module.
    private static let pythonShared: [Function: String] = [
        .sin: "M.sin({0})", .cos: "M.cos({0})", .tan: "M.tan({0})",
        .sec: "(1.0/M.cos({0}))", .csc: "(1.0/M.sin({0}))", .cot: "(1.0/M.tan({0}))",
        .sinh: "M.sinh({0})", .cosh: "M.cosh({0})", .tanh: "M.tanh({0})",
        .exp: "M.exp({0})", .log: "M.log({0})", .log10: "M.log10({0})", .log2: "M.log2({0})",
        .sqrt: "M.sqrt({0})", .abs: "M.abs({0})", .sign: "M.sign({0})",
        .expm1: "M.expm1({0})", .log1p: "M.log1p({0})", .hypot: "M.hypot({0}, {1})",
        .floor: "M.floor({0})", .ceil: "M.ceil({0})", .round: "M.round({0})", .trunc: "M.trunc({0})",
        .fmod: "M.fmod({0}, {1})", .min: "M.minimum({0}, {1})", .max: "M.maximum({0}, {1})",
        .sinpi: "M.sin(math.pi*({0}))", .cospi: "M.cos(math.pi*({0}))",
        .sind: "M.sin(M.deg2rad({0}))", .cosd: "M.cos(M.deg2rad({0}))",
        .logicalAnd: "M.where((({0}) != 0) & (({1}) != 0), 1.0, 0.0)",
        .logicalOr: "M.where((({0}) != 0) | (({1}) != 0), 1.0, 0.0)",
        .logicalNot: "M.where(({0}) == 0, 1.0, 0.0)",
        .select: "M.where(({0}) != 0, {1}, -0.0)",
        .less: "M.where(({0}) < ({1}), 1.0, 0.0)", .lessEqual: "M.where(({0}) <= ({1}), 1.0, 0.0)",
        .greater: "M.where(({0}) > ({1}), 1.0, 0.0)", .greaterEqual: "M.where(({0}) >= ({1}), 1.0, 0.0)",
        .equal: "M.where(({0}) == ({1}), 1.0, 0.0)", .notEqual: "M.where(({0}) != ({1}), 1.0, 0.0)",
    ]

    private static func pythonTable(module: String, _ own: [Function: String]) -> [Function: String] {
        pythonShared.mapValues { $0.replacingOccurrences(of: "M.", with: module + ".") }.merging(own) { _, mine in mine }
    }

    static let numpy = python(
        name: "numpy", module: "np", imports: "import math\nimport numpy as np\n", special: "scipy.special",
        convert: "np.asarray({0}, dtype=np.float64)", fill: "np.full_like({0}, {1})",
        table: pythonTable(module: "np", [
            .asin: "np.arcsin({0})", .acos: "np.arccos({0})", .atan: "np.arctan({0})", .atan2: "np.arctan2({0}, {1})",
            .asinh: "np.arcsinh({0})", .acosh: "np.arccosh({0})", .atanh: "np.arctanh({0})", .cbrt: "np.cbrt({0})",
            .mod: "np.mod({0}, {1})", .heaviside: "np.heaviside({0}, 0.0)", .relu: "np.maximum({0}, 0.0)",
            .sigmoid: "scipy.special.expit({0})", .softplus: "np.logaddexp(0.0, {0})",
            .erf: "scipy.special.erf({0})", .erfc: "scipy.special.erfc({0})", .erfcx: "scipy.special.erfcx({0})",
            .erfinv: "scipy.special.erfinv({0})", .erfcinv: "scipy.special.erfcinv({0})", .erfi: "scipy.special.erfi({0})",
            .dawson: "scipy.special.dawsn({0})", .ndtr: "scipy.special.ndtr({0})", .logNdtr: "scipy.special.log_ndtr({0})",
            .gamma: "scipy.special.gamma({0})", .lgamma: "scipy.special.gammaln({0})", .digamma: "scipy.special.digamma({0})",
            .polygamma: "scipy.special.polygamma({0}, {1})", .beta: "scipy.special.beta({0}, {1})",
            .lbeta: "scipy.special.betaln({0}, {1})", .lambertw: "np.real(scipy.special.lambertw({0}))",
            .besselj: "scipy.special.jv({0}, {1})", .bessely: "scipy.special.yv({0}, {1})",
            .besseli: "scipy.special.iv({0}, {1})", .besselk: "scipy.special.kv({0}, {1})", .ive: "scipy.special.ive({0}, {1})",
            .sphericalJn: "scipy.special.spherical_jn(int({0}), {1})",
        ]))

    /// PyTorch's functions take tensors, not Python floats (`torch.maximum(x, 0.3)` fails), so
    /// every argument passes through `_tensor`, which leaves a float64 tensor as it is.
    static let torch = python(
        name: "torch", module: "torch",
        imports: """
            import math
            import torch


            def _tensor(value):
                return torch.as_tensor(value, dtype=torch.float64)


            def _cbrt(value):
                return torch.sign(value) * torch.abs(value) ** (1.0 / 3.0)

            """, special: nil,
        convert: "torch.as_tensor({0}, dtype=torch.float64)", fill: "torch.full_like({0}, {1})",
        table: pythonTable(module: "torch", [
            .asin: "torch.asin({0})", .acos: "torch.acos({0})", .atan: "torch.atan({0})", .atan2: "torch.atan2({0}, {1})",
            .asinh: "torch.asinh({0})", .acosh: "torch.acosh({0})", .atanh: "torch.atanh({0})",
            .mod: "torch.remainder({0}, {1})", .relu: "torch.relu({0})", .sigmoid: "torch.sigmoid({0})", .cbrt: "_cbrt({0})",
            .softplus: "torch.nn.functional.softplus({0})", .heaviside: "torch.heaviside({0}, torch.tensor(0.0, dtype=torch.float64))",
            .erf: "torch.erf({0})", .erfc: "torch.erfc({0})", .erfcx: "torch.special.erfcx({0})", .erfinv: "torch.erfinv({0})",
            .ndtr: "torch.special.ndtr({0})", .logNdtr: "torch.special.log_ndtr({0})", .lgamma: "torch.lgamma({0})",
            // Not polygamma: torch.polygamma(1, x) in float64 is 3.5e-10 off at x = 2.137 (mpmath).
            .digamma: "torch.digamma({0})",
            .geluTanh: "torch.nn.functional.gelu({0}, approximate='tanh')", .tanhshrink: "torch.nn.functional.tanhshrink({0})",
        ]).mapValues { template in
            (0..<3).reduce(template) { $0.replacingOccurrences(of: "{\($1)}", with: "_tensor({\($1)})") }
        })

    static let jax = python(
        name: "jax", module: "jnp",
        imports: "import math\nimport jax\nimport jax.numpy as jnp\nimport jax.scipy.special\n\njax.config.update(\"jax_enable_x64\", True)\n",
        special: nil, convert: "jnp.asarray({0}, dtype=jnp.float64)", fill: "jnp.full_like({0}, {1})",
        table: pythonTable(module: "jnp", [
            .asin: "jnp.arcsin({0})", .acos: "jnp.arccos({0})", .atan: "jnp.arctan({0})", .atan2: "jnp.arctan2({0}, {1})",
            .asinh: "jnp.arcsinh({0})", .acosh: "jnp.arccosh({0})", .atanh: "jnp.arctanh({0})", .cbrt: "jnp.cbrt({0})",
            .mod: "jnp.mod({0}, {1})", .heaviside: "jnp.heaviside({0}, 0.0)", .relu: "jax.nn.relu({0})",
            .sigmoid: "jax.nn.sigmoid({0})", .softplus: "jax.nn.softplus({0})",
            .erf: "jax.scipy.special.erf({0})", .erfc: "jax.scipy.special.erfc({0})", .erfinv: "jax.scipy.special.erfinv({0})",
            .ndtr: "jax.scipy.special.ndtr({0})", .logNdtr: "jax.scipy.special.log_ndtr({0})",
            .gamma: "jax.scipy.special.gamma({0})", .lgamma: "jax.scipy.special.gammaln({0})",
            .digamma: "jax.scipy.special.digamma({0})", .polygamma: "jax.scipy.special.polygamma(int({0}), {1})",
            .lbeta: "jax.scipy.special.betaln({0}, {1})",
        ]))

    /// A Python dialect: `module` spells the array functions, `special` is imported when a
    /// template uses it, `convert` makes an input a float64 array, `fill` spreads a constant.
    private static func python(
        name: String, module: String, imports: String, special: String?, convert: String, fill: String, table: [Function: String]
    ) -> CodeDialect {
        CodeDialect(
            name: name, fileExtension: "py", functions: table, number: doubleLiteral,
            constant: { $0 == .pi ? "math.pi" : "math.e" }, variable: { $0 }, power: pythonPower, integerExponents: true,
            reserved: pythonKeywords.union(["math", "np", "scipy", "torch", "jax", "jnp", "symdiff_values", "_tensor", "_cbrt"]), maxInlineDepth: 16,
            file: { file in
                let usesSpecial = special.map { module in file.functions.contains { table[$0]?.contains(module + ".") == true } } ?? false
                var out = "# Generated by symdiff: the values of these formulas and their partial derivatives,\n"
                out += "# batch-first (\(name)). Kinks follow PyTorch: sign(0) = 0, heaviside(0) = 0, so relu'(0) = 0.\n"
                out += file.formulas.map { "#   \($0)\n" }.joined()
                out += imports + (usesSpecial ? "import \(special!)\n" : "") + "\n\n"
                out += "def symdiff_values(\(file.inputs.joined(separator: ", "))):\n"
                out += "    \"\"\"Each input is an array of N points; returns a dict of arrays of shape (N,):\n\n"
                out += outputLines(file, prefix: "    ") + "    \"\"\"\n"
                for input in file.inputs { out += "    \(input) = " + convert.replacingOccurrences(of: "{0}", with: input) + "\n" }
                for (local, text) in file.locals { out += "    \(local) = \(text)\n" }
                out += "    return {\n"
                for output in file.outputs {
                    let value = output.constant && !file.inputs.isEmpty
                        ? fill.replacingOccurrences(of: "{0}", with: file.inputs[0]).replacingOccurrences(of: "{1}", with: output.text) : output.text
                    out += "        \"\(output.name)\": \(value),\n"
                }
                return out + "    }\n"
            })
    }

    private static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    ]
}
