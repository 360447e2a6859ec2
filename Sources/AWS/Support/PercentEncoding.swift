/// RFC 3986 percent-encoding as SigV4 defines it: only unreserved characters
/// (`A-Z a-z 0-9 - _ . ~`) stay literal, hex digits are upper case.
enum PercentEncoding {
  static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
      UInt8(ascii: "~"):
      true
    default: false
    }
  }

  /// Encodes everything but unreserved characters (and `/` when `keepSlash`).
  static func encode(_ text: some StringProtocol, keepSlash: Bool = false) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    var out = [UInt8]()
    for byte in text.utf8 {
      if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
        out.append(byte)
      } else {
        out.append(UInt8(ascii: "%"))
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes `%XX` sequences; `+` stays a plus (AWS query strings mean it literally).
  static func decode(_ text: some StringProtocol) -> String {
    var out = [UInt8]()
    var bytes = Array(text.utf8)[...]
    while let byte = bytes.popFirst() {
      if byte == UInt8(ascii: "%"), bytes.count >= 2,
        let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
      {
        out.append(value)
        bytes = bytes.dropFirst(2)
      } else {
        out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A form body or query string from ordered pairs, encoded the SigV4 way.
  static func query(_ pairs: [(String, String)]) -> String {
    pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
  }
}
