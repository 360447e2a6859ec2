/// Memory and CPU quantities as Spark and Kubernetes read them.
public enum SparkQuantities {
  /// Why Spark rejects a size string.
  public enum MemoryProblem: Error, Sendable, Equatable {
    /// Not digits with an optional suffix.
    case shape
    /// `1.5g`: Spark's sizes are whole numbers.
    case fraction
    /// A suffix Spark does not know (`gi` from Kubernetes' `2Gi`).
    case suffix(String)
  }

  /// Spark's size strings (JavaUtils.byteStringAs): digits and an optional b, k, kb, m, mb,
  /// g, gb, t, tb, p or pb, any case; no suffix means MiB for memory settings. Returns MiB, or
  /// why Spark rejects the text.
  public static func memoryMiB(_ text: String) -> Result<Double, MemoryProblem> {
    let lower = String(text.lowercased().drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
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

  /// Kubernetes CPU quantities as people write them: `1`, `0.5`, `500m`. Returns millicores,
  /// or nil for anything else (zero included).
  public static func cpuMillicores(_ text: String) -> Int? {
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

  /// `17`, `0.5`: millicores as vCPU, without a trailing `.0`.
  public static func vCPUText(_ millicores: Int) -> String {
    millicores % 1000 == 0 ? String(millicores / 1000) : String(Double(millicores) / 1000)
  }

  /// The memory overhead Spark adds to a pod when `memoryOverhead` is not set: factor ×
  /// memory, at least 384 MiB. Without an explicit factor it is 0.1 for JVM jobs and 0.4 for
  /// Python and R (Spark 3's `spark.kubernetes.memoryOverheadFactor` defaults).
  public static func defaultOverheadMiB(
    memoryMiB: Double, type: SparkApplicationType, factor: Double? = nil
  ) -> Double {
    max(384, memoryMiB * (factor ?? type.defaultMemoryOverheadFactor))
  }
}

extension SparkApplicationType {
  /// Spark on Kubernetes leaves more room outside the heap for Python and R workers.
  public var defaultMemoryOverheadFactor: Double {
    self == .python || self == .r ? 0.4 : 0.1
  }
}
