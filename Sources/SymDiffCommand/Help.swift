// The text of `symdiff --help`, of `symdiff --functions`, and the version.
import SymDiff
import SymDiffIO

/// The version printed by `--version` and recorded in output files.
let symdiffVersion = "0.1.0"

let helpText = """
    symdiff: exact symbolic derivatives of formulas

    USAGE
      symdiff FORMULA... [--wrt VARS] [--order N] [--format text|json|graph|csv|npy|npz] [options]
      symdiff --file PATH [options]        (PATH '-' reads standard input)
      symdiff check FORMULA... --wrt VARS [--order N] POINTS --against FILE [options]
      symdiff mms --solution "u = ..." --pde "D(u, t) - laplacian(u, x, y)" [POINTS [--check]]

    EXAMPLES
      symdiff "x1^2*sin(x2)" --wrt x1,x2              gradient
      symdiff "x1^2*sin(x2)" --wrt x1,x2 --order 2    distinct 2nd partials (Hessian)
      symdiff "D(exp(-x^2), x) + 2*x*exp(-x^2)"       prints f = 0
      symdiff "u = tanh(w*x + b); u*(1 - u)" --wrt x  let-bindings
      symdiff "x^4" --wrt x --order 5                 d5/dx^5 = 0
      symdiff "where(x > 0, x^2, -x)" --at x=0 --verify   a switch point: nondifferentiable
      symdiff "x1^2*sin(x2)" --format json

    OPTIONS
      --wrt VARS           comma-separated variables to differentiate by
                           (default: every free variable, in order of first appearance);
                           one the formula does not use takes points and has partials 0
      --order N            order of the partials (default 1); every distinct partial of
                           order N is printed, one per multiset i1 <= ... <= iN of --wrt
                           indices, in lexicographic order; 0 prints only f; LOW:HIGH
                           prints every order in the range (1:2: gradient and Hessian)
      --format FORMAT      text (default), json, or graph (the expression DAG as a JSON
                           node list, children first, for tools)
      --file PATH          read a formula from a file ('-': standard input); repeatable
      --no-simplify        skip the rewrite rules (canonical form is still applied)
      --functions          every function: parameters, defaults, meaning, derivative
      --stats              node counts, time per phase and peak memory, on stderr
      --trace              which simplification rules fired, on stderr
      -h, --help           this text
      --version            the version

    VALUES AT SAMPLE POINTS
      --at x1=1.5,x2=0.7       one point
      --grid x=-2:2:401,t=0:1:11   inclusive linspace per variable, tensor product
      --random N [--seed S] [--range x1=a:b,...]   reproducible uniform points
      --points FILE [--columns x,t]   CSV with a header, .npy (2-D float64), .npz;
                               .npy columns follow --columns, else the --wrt order;
                               FILE '-' reads standard input (not with --file -)
                               numbers are decimal (no 0x10, nan, inf), values finite,
                               and a nonzero number that rounds to 0 (1e-400) is an error
      --fix w1=0.5,b1=0.1      hold variables at constants at every point (the points give the
                               others); they are still differentiated by (--wrt w1)
      --out FILE               write .csv, .json, .npy or .npz (format from the extension);
                               .npz names values f, f_x, f_xt (f_x1_x2 for longer names)
      --array NAME             .npy holds only that array of the .npz: jacobian, hessian, f_x, ...
      --threads N              worker threads (default: all cores)
      --precision P            double (default) or extended (x87, rounded once at the end)
      --quiet                  no progress line
      e.g. symdiff "x1^2*sin(x2)" --order 1:2 --random 100 --seed 0 --out ref.npz

    CODE
      --emit LANGUAGE          the values as code instead: numpy, torch, jax, c or swift (one
                               function from the variables' arrays to every value, named as
                               in .npz, shared subexpressions as locals); latex: the
                               derivatives as LaTeX (align*); to stdout, or --out FILE
      e.g. symdiff "x^2*sin(t)" --wrt x,t --order 0:2 --emit numpy --out reference.py
      --emit pytest|unittest   a test of your function against verified values: writes
                               --out FILE.py and FILE.npz (the values at the points)
      --test-function M:F      the function tested: F(x, t, ...) returns a dict of arrays
                               named like the .npz values (f, f_x, f_xt, ...)
      --test-arrays numpy|torch   what F gets (torch: float64, requires_grad=True)
      e.g. symdiff "sin(x)*t" --wrt x,t --order 1:2 --random 100 --emit pytest \
             --test-function mypinn:derivatives --out test_mypinn.py
      --plot FILE.svg          draw the values on the --grid, verified: lines over one
                               variable, heat maps over two; statuses and kinks marked
      e.g. symdiff "relu(2*relu(3*x+1)-1)" --order 0:2 --grid x=-1:1:401 --plot relu.svg

    CHECKING VALUES
      --verify                 compute every value also by autodiff (extended precision) and
                               report the differences, a tolerance derived from rounding-error
                               bounds, and a status per point: ok, nondifferentiable,
                               undefined, pole, removable, cancellation, overflow,
                               unverified (codes 0 to 7); where binary64 lost digits the
                               output is the extended-precision value when that one is
                               within 1.1e-13; every output file carries each value's status and
                               rounding-error bound: JSON arrays status and bound, CSV and
                               .npy columns NAME:status and NAME:bound after the values,
                               .npz arrays f_x_status (uint8 codes) and f_x_bound
      --strict                 with --verify, fail on any value that is not ok
      e.g. symdiff "abs(x)*sin(x)" --order 1:2 --grid x=-1:1:5 --verify

    CHECKING YOUR AUTOGRAD (symdiff check)
      Compares an array your code computed (torch.autograd, jax.grad, ...) at the points
      with symdiff's verified values: exit 0 when every value agrees, 1 otherwise (for CI).
      --against FILE           .npy (float64 or float32), .npz (--key NAME picks the
                               array; without it every array whose name or shape fits),
                               or .csv (--key COL1,COL2 picks the columns);
                               without --against, --key names columns of the --points file
      --layout L               how the array lines up, when its shape does not say:
                               partials (N, k) or (N,) in symdiff's order; gradient (N, d);
                               hessian (N, d, d); tensor (N, d, ..., d); jacobian (N, m, d)
                               for m formulas; the batch axis comes first
      --rtol R, --atol A       |theirs - ours| <= A + R*|ours| + symdiff's error bound;
                               defaults follow the file's dtype as torch.testing's do
                               (float64 1e-7 and 1e-7, float32 1.3e-6 and 1e-5)
      At a kink or jump symdiff's (PyTorch's) value and both one-sided limits are accepted,
      and the report says which one matched. A failure comes with a diagnosis where the
      array matches something else: another partial (their u_xx is our u_x), minus ours, a
      constant factor, zeros (a dropped derivative), NaN, float32 arithmetic, a transposed
      Jacobian, the sum over the batch. --format json for tools.
      e.g. symdiff check "x^2*sin(t)" --wrt x,t --order 2 --points pts.npy --columns x,t \
             --against hessian.npy

    MANUFACTURED SOLUTIONS (symdiff mms)
      --solution BINDINGS      the solution, as let-bindings: "u = sin(pi*x)*exp(-t)";
                               several unknowns: "u = ...; v = ...; p = ..."
      --pde OPERATOR           the PDE's operator applied to them, "D(u, t) - D(u, x, 2)";
                               a system as a vector: "[eq1, eq2, eq3]"
      prints the source term f with pde(u) = f, simplified (order 0 unless --order); with
      points, its values (any format); --check also verifies them: the simplified source
      against the operator as written, by the independent autodiff path
      e.g. symdiff mms --solution "u = sin(pi*x)*sin(pi*y)*exp(-t)" \
             --pde "D(u, t) - laplacian(u, x, y)" --random 1000 --check

    LIMITS (an input past a limit gets an error naming it)
      --max-depth N            nesting depth of the formula (default 1000)
      --max-formula-bytes N    formula size in bytes (default 67108864)
      --max-identifier-length N  longest name (default 256)
      --max-nodes N            nodes of the expression graph (default 20000000)
      --max-order N            derivative order (default 1000)
      --max-partials N         partial derivatives per request, all orders and formulas
                               (default 100000)
      --max-output-bytes N     all printed expressions together (default 268435456)
      --max-seconds N          time for the symbolic work and the check of a request
                               (default 60); points --verify did not reach are unverified
      --max-points N           sample points (default 50000000)
      --max-verify-points N    points --verify checks, spread evenly; the others are
                               unverified (default 1000000)
      Memory: values are computed, checked and written 2^18 points (at most 32 MiB of
      values) at a time in every format, so memory does not grow with the points.

    FORMULAS
      numbers 12 3.5 .5 1e-3; variables x1 theta _t; constants pi e
      + - * / ^ (also **); -x^2 is -(x^2); x^y^z is x^(y^z); no implicit multiplication
      conditions: < <= > >= == != give 1 or 0; && || ! (nonzero is true); where(c, a, b)
      and piecewise(c1, v1, ..., otherwise) pick a branch; the other never reaches a
      derivative: where(x > 0, sqrt(x), 0) has derivative 0 at x = -1, not NaN
      functions (symdiff --functions describes each; PyTorch's names and conventions):
    \(functionNames)
      legendre(n, x) hermite(n, x) chebyshev_t(n, x) laguerre(n, x): expanded exactly for an
      integer n (up to 22, 25, 52, 14)
      D(f, x), D(f, x, 3), D(f, x, y): derivatives inside formulas
      u = exp(-x^2); D(u, x) + 2*x*u: let-bindings before the formula
      laplacian(u, x, y) div([a, b], x, y) dot([a, b], [c, d]) norm([a, b]): numbers;
      grad(u, x, y) curl([a, b, c], x, y, z) hessian(u, x, y) jacobian([u, v], x, y) and
      [u, v]: vectors, one result per component when they are the whole formula

    OUTPUT
      Expressions whose tree is much larger than their graph print with let-bindings of
      the shared parts, '_1 = ...; _2 = ...; expr', which symdiff reads back.

    EXIT STATUS
      0 success, 1 --verify found values that disagree (or, with --strict, values not ok;
      --out is then not written) or symdiff check found values that disagree, 1 output could not be written or the worker thread could
      not start, 2 bad input (formula, option, limit, points file, --out); the error goes to
      stderr with a caret under the problem, and nothing is printed on stdout. 129, 130, 143
      (SIGHUP, SIGINT, SIGTERM): the temporary --out file is removed first.
      --out follows links, keeps the mode of a file it replaces, and writes devices and FIFOs
      directly. Each option with a value may be given once (--file repeats).

    """

/// Every function's call form (`leaky_relu(x, slope)`), wrapped to the help text's width.
private let functionNames: String = {
    var lines: [String] = []
    var line = "   "
    for f in Function.allCases {
        let word = " " + callForm(f, defaults: false)
        if line.count + word.count > 88 {
            lines.append(line)
            line = "   "
        }
        line += word
    }
    return (lines + [line + " pow(a, b)"]).joined(separator: "\n")
}()

/// `f(x)`, or with its parameters where it has several (`clamp(u, lo, hi)`), their defaults
/// with `defaults` (`leaky_relu(u, slope = 0.01)`), and its other spellings.
func callForm(_ f: Function, defaults: Bool) -> String {
    let info = f.info
    let optional = f.arity - info.defaults.count
    let parameters = info.parameters.enumerated().map { i, name in
        i >= optional && defaults ? "\(name) = \(info.defaults[i - optional].description)" : name
    }
    let call = f.arity == 1 ? "\(f.name)(x)" : "\(f.name)(\(parameters.joined(separator: ", "))\(info.variadic ? ", ..." : ""))"
    let aliases = info.names.dropFirst()
    return aliases.isEmpty ? call : "\(call) (\(aliases.joined(separator: ", ")))"
}

/// `symdiff --functions`: one line per function, its call form and what it is, then its derivative rows.
let functionsText: String = Function.allCases.map { f in
    let rows = zip(f.parameterNames, f.info.derivatives).map { "d/d\($0) = \($1)" }.joined(separator: "; ")
    let kind = f.isDefined ? "defined as \(f.info.definition!)" : "primitive"
    return "\(callForm(f, defaults: true)): \(f.info.summary)\n    \(kind); \(rows)\n"
}.joined()
