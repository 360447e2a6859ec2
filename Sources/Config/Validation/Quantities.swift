/// Memory and CPU quantities as Spark and Kubernetes read them.
enum Quantities {
  /// Spark's size strings (JavaUtils.byteStringAs): digits and an optional b, k, kb, m, mb,
  /// g, gb, t, tb, p or pb, any case; no suffix means MiB for memory settings. Returns MiB, or
  /// why Spark rejects the text.
  static func sparkMemoryMiB(_ text: String) -> Result<Double, SparkMemoryError> {
    let lower = text.lowercased().trimmingSpaces()
    let digits = lower.prefix { $0.isASCII && $0.isNumber }
    var suffix = lower.dropFirst(digits.count)
    if suffix.first == ".", suffix.dropFirst().first?.isNumber == true { return .failure(.fraction) }
    guard let number = Double(String(digits)), !digits.isEmpty else { return .failure(.shape) }
    if suffix.hasSuffix("b"), suffix.count == 2 { suffix = suffix.dropLast() }
    let mebibytes: Double
    switch suffix {
    case "": mebibytes = number
    case "b": mebibytes = number / 1_048_576
    case "k": mebibytes = number / 1024
    case "m": mebibytes = number
    case "g": mebibytes = number * 1024
    case "t": mebibytes = number * 1_048_576
    case "p": mebibytes = number * 1_073_741_824
    default: return .failure(.suffix(String(suffix)))
    }
    return .success(mebibytes)
  }

  enum SparkMemoryError: Error, Equatable {
    case shape
    case fraction
    case suffix(String)
  }

  /// Kubernetes CPU quantities as people write them: `1`, `0.5`, `500m`. Returns millicores.
  static func cpuMillicores(_ text: String) -> Int? {
    var number = Substring(text)
    var scale = 1000.0
    if number.hasSuffix("m") {
      number = number.dropLast()
      scale = 1
    }
    guard !number.isEmpty, number.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }),
      number.filter({ $0 == "." }).count <= 1, number != ".", let value = Double(String(number)), value > 0
    else { return nil }
    let millicores = value * scale
    guard millicores >= 1 else { return nil }
    return Int(millicores.rounded(.up))
  }

  /// The memory overhead Spark adds to a pod: factor × memory, at least 384 MiB. The factor
  /// is 0.1 for JVM jobs and 0.4 for Python and R (Spark 3).
  static func defaultOverheadMiB(memoryMiB: Double, type: SparkJobType) -> Double {
    let factor = type == .python || type == .r ? 0.4 : 0.1
    return max(384, memoryMiB * factor)
  }
}

/// Fargate's largest pod and what it adds to every pod.
enum FargateLimits {
  static let maximumVCPU = 16
  static let maximumMemoryGiB = 120
  /// Fargate reserves this for the kubelet, kube-proxy and containerd in every pod.
  static let componentsMiB = 256.0
}
