// A verified Hessian of x1^2*sin(x2) at two points, from symdiff as a library.
import SymDiff
import SymDiffIO
import SymDiffVerify

let d = try Derivatives(DerivativeRequest(formulas: ["x1^2*sin(x2)"], orders: 2...2))
let points = PointSet(names: d.pointVariables, columns: [[0.5, -1], [0.25, 1]])
let verified = try Verification(d, at: points)
guard verified.passed(strict: true), let hessian = verified.hessian else { fatalError("not verified") }
print("Hessian \(hessian.shape), verified:", hessian.values)
