// swift-tools-version: 6.2
// An example package that depends on symdiff as a user's package would.
//
// With SYMDIFF_PACKAGE_URL set (a git URL; scripts/check_examples.sh uses a file:// clone with a
// tag), it depends on symdiff by version, `from: "0.1.0"`, as a package from a registry or a
// hosting site would be; without it, on the checkout above by path.
import Foundation
import PackageDescription

let symdiff: Package.Dependency =
    ProcessInfo.processInfo.environment["SYMDIFF_PACKAGE_URL"].map { .package(url: $0, from: "0.1.0") }
    ?? .package(name: "symdiff", path: "..")

let package = Package(
    name: "SymDiffExamples",
    dependencies: [symdiff],
    targets: [
        .executableTarget(
            name: "VerifiedHessian",
            dependencies: [.product(name: "SymDiff", package: "symdiff"), .product(name: "SymDiffVerify", package: "symdiff")]),
    ]
)
