// swift-tools-version: 6.1
// eks-spark: Apache Spark on serverless Amazon EKS (Fargate) from one declarative YAML file.
import PackageDescription

/// Every module compiles in the Swift 6 language mode (strict concurrency checking on).
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
  name: "eks-spark",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "eks-spark", targets: ["EKSSpark"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // C libraries, reached through module maps (DESIGN.md: libyaml, libcurl, OpenSSL).
    .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
    // libcurl is dlopen-ed on first use (Sources/HTTP/CurlAPI.swift), so nothing is linked here.
    .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

    // Modules, lowest first. Lower modules never import higher ones.
    .target(name: "YAML", dependencies: ["CYAML"], exclude: ["README.md"], swiftSettings: strict),
    .target(name: "HTTP", dependencies: ["CCurl"], swiftSettings: strict),
    .target(name: "AWS", dependencies: ["HTTP", "COpenSSL"], exclude: ["README.md"], swiftSettings: strict),
    .target(name: "Kubernetes", dependencies: ["HTTP", "AWS", "YAML"], exclude: ["README.md"], swiftSettings: strict),
    .target(name: "Helm", dependencies: ["YAML", "COpenSSL", "Kubernetes"], swiftSettings: strict),
    .target(name: "Spark", dependencies: ["YAML"], exclude: ["README.md"], swiftSettings: strict),
    .target(name: "Config", dependencies: ["YAML", "Spark"], exclude: ["README.md"], swiftSettings: strict),
    .target(name: "Engine", exclude: ["README.md"], swiftSettings: strict),
    .target(
      name: "Stack", dependencies: ["Engine", "AWS", "HTTP", "Config", "COpenSSL"], exclude: ["README.md"],
      swiftSettings: strict),
    .executableTarget(
      name: "EKSSpark",
      dependencies: [
        "YAML", "HTTP", "AWS", "Helm", "Config", "Engine", "Stack",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict
    ),

    // `make bench` helper: times concurrent AWS calls in-process (bench/aws/run.py).
    .executableTarget(
      name: "aws-bench", dependencies: ["AWS"], path: "bench/aws/AWSBench", swiftSettings: strict),

    // Unit tests: one target per module, nothing running.
    .testTarget(name: "YAMLTests", dependencies: ["YAML"], swiftSettings: strict),
    .testTarget(name: "HTTPTests", dependencies: ["HTTP"], exclude: ["Fixtures"], swiftSettings: strict),
    .testTarget(name: "AWSTests", dependencies: ["AWS"], exclude: ["Fixtures"], swiftSettings: strict),
    .testTarget(
      name: "KubernetesTests", dependencies: ["Kubernetes", "HTTP", "AWS", "YAML"], exclude: ["Golden"],
      swiftSettings: strict),
    .testTarget(
      name: "HelmTests", dependencies: ["Helm", "Kubernetes", "YAML"], exclude: ["Release/Fixtures"],
      swiftSettings: strict),
    .testTarget(
      name: "SparkTests", dependencies: ["Spark", "YAML"], exclude: ["Golden"], swiftSettings: strict),
    .testTarget(name: "ConfigTests", dependencies: ["Config"], swiftSettings: strict),
    .testTarget(name: "EngineTests", dependencies: ["Engine"], exclude: ["Golden"], swiftSettings: strict),
    .testTarget(
      name: "StackTests", dependencies: ["Stack", "Engine", "Config", "AWS", "HTTP"], exclude: ["Golden"],
      swiftSettings: strict),
    // Against the sandbox (AWS_ENDPOINT_URL, SANDBOX_CONTROL_URL); skipped when it is not up.
    .testTarget(
      name: "IntegrationTests",
      dependencies: ["AWS", "HTTP", "Config", "Engine", "Stack", "Kubernetes", "YAML", "Helm"],
      swiftSettings: strict),
    // Command tests run the built binary.
    .testTarget(
      name: "EKSSparkTests", dependencies: ["EKSSpark"], exclude: ["Fixtures"], swiftSettings: strict),
  ],
  swiftLanguageModes: [.v6]
)
