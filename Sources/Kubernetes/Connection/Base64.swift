import FoundationEssentials

/// Base64 as kubeconfigs and EKS write it (whitespace tolerated).
enum Base64 {
  static func decode(_ text: String) -> [UInt8]? {
    Data(base64Encoded: text.filter { !$0.isWhitespace }).map(Array.init)
  }

  static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}
