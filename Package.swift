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
    .target(
      name: "Kubernetes", dependencies: ["HTTP", "AWS", "YAML"], exclude: ["README.md"], swiftSettings: strict
    ),
    .target(
      name: "Helm", dependencies: ["YAML", "HTTP", "COpenSSL", "Kubernetes"],
      exclude: ["Chart/README.md", "Template/README.md"], swiftSettings: strict),
    .target(name: "Spark", dependencies: ["YAML"], exclude: ["README.md"], swiftSettings: strict),
    .target(name: "Config", dependencies: ["YAML", "Spark"], exclude: ["README.md"], swiftSettings: strict),
    .target(name: "Engine", exclude: ["README.md"], swiftSettings: strict),
    .target(
      name: "Images", dependencies: ["HTTP", "AWS", "COpenSSL"], exclude: ["README.md"], swiftSettings: strict
    ),
    .target(
      name: "Stack", dependencies: ["Engine", "AWS", "Config", "Images", "Kubernetes", "Helm", "YAML"],
      exclude: ["README.md"], swiftSettings: strict),
    // `job` commands: runs of the stack's jobs on its cluster (Spark objects, Kubernetes reads).
    .target(
      name: "Jobs", dependencies: ["AWS", "Kubernetes", "Spark", "Config", "YAML", "COpenSSL"],
      exclude: ["README.md"],
      swiftSettings: strict),
    .executableTarget(
      name: "EKSSpark",
      dependencies: [
        "YAML", "HTTP", "AWS", "Helm", "Config", "Engine", "Stack", "Jobs", "Kubernetes", "Spark", "Images",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict
    ),

    // `make bench` helper: times concurrent AWS calls in-process (bench/aws/run.py).
    .executableTarget(
      name: "aws-bench", dependencies: ["AWS"], path: "bench/aws/AWSBench", swiftSettings: strict),
    // `make bench-images` helper: native assemble + push, one operation per process (bench/images/run.sh).
    .executableTarget(
      name: "images-bench", dependencies: ["Images", "HTTP"], path: "bench/images/ImagesBench",
      swiftSettings: strict),

    // Fakes and helpers the test targets share (transports, an in-memory S3, the binary
    // runner, golden files); never linked into the product.
    .target(name: "TestSupport", dependencies: ["HTTP"], path: "Tests/TestSupport", swiftSettings: strict),

    // Unit tests: one target per module, nothing running.
    .testTarget(name: "YAMLTests", dependencies: ["YAML"], swiftSettings: strict),
    .testTarget(
      name: "KubernetesTests", dependencies: ["Kubernetes", "HTTP", "AWS", "YAML"], exclude: ["Golden"],
      swiftSettings: strict),
    .testTarget(
      name: "HTTPTests", dependencies: ["HTTP", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
    .testTarget(
      name: "AWSTests", dependencies: ["AWS", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
    .testTarget(
      name: "HelmTests", dependencies: ["Helm", "Kubernetes", "YAML", "TestSupport"],
      exclude: ["Release/Fixtures"],
      swiftSettings: strict),
    .testTarget(
      name: "SparkTests", dependencies: ["Spark", "YAML"], exclude: ["Golden"], swiftSettings: strict),
    .testTarget(name: "ConfigTests", dependencies: ["Config"], swiftSettings: strict),
    .testTarget(
      name: "JobsTests", dependencies: ["Jobs", "Spark", "Config", "Kubernetes", "AWS", "YAML"],
      swiftSettings: strict),
    // Unit tests, plus a suite against a local `docker-registry` (skipped, with a reason, without it).
    .testTarget(
      name: "ImagesTests", dependencies: ["Images", "HTTP"], exclude: ["Golden"], swiftSettings: strict),
    .testTarget(
      name: "EngineTests", dependencies: ["Engine", "TestSupport"], exclude: ["Golden"], swiftSettings: strict
    ),
    .testTarget(
      name: "StackTests",
      dependencies: [
        "Stack", "Engine", "Config", "AWS", "HTTP", "Images", "Helm", "Kubernetes", "YAML", "TestSupport",
      ],
      exclude: ["Golden"],
      swiftSettings: strict),
    // Against the sandbox (AWS_ENDPOINT_URL, SANDBOX_CONTROL_URL); skipped when it is not up.
    .testTarget(
      name: "IntegrationTests",
      dependencies: [
        "AWS", "HTTP", "Config", "Engine", "Stack", "Kubernetes", "YAML", "Helm", "TestSupport", "Jobs",
        "Images",
      ],
      swiftSettings: strict),
    // Command tests run the built binary.
    .testTarget(
      name: "EKSSparkTests", dependencies: ["EKSSpark", "TestSupport"], exclude: ["Fixtures", "Golden"],
      swiftSettings: strict),
  ],
  swiftLanguageModes: [.v6]
)
