#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `User-Agent` of every AWS request, in the AWS SDKs' user-agent 2.0 layout
/// (`product/version ua/2.0 api/<service> os/<name>#<release> lang/swift#<version>
/// md/arch#<machine>`), so eks-spark's calls can be picked out in CloudTrail's
/// `userAgent` field.
enum AWSUserAgent {
  /// The header value for calls to `serviceID` made by `version` of eks-spark ("dev" when
  /// the caller did not say).
  static func value(version: String?, serviceID: String) -> String {
    "eks-spark/\(version ?? "dev") ua/2.0 api/\(serviceID) os/\(system.name)#\(system.release) lang/swift#\(swiftVersion) md/arch#\(system.machine)"
  }

  /// The kernel's name, release and machine, read once.
  static let system: (name: String, release: String, machine: String) = {
    var info = utsname()
    guard uname(&info) == 0 else { return ("other", "unknown", "unknown") }
    func text<T>(_ field: T) -> String {
      withUnsafeBytes(of: field) { bytes in
        let characters = bytes.prefix { $0 != 0 }
        // A token in the header: no spaces, and only the characters SDKs keep.
        return String(
          decoding: characters.map { byte in
            let ascii = Character(UnicodeScalar(byte))
            return ascii.isLetter || ascii.isNumber || "-._+".contains(ascii) ? byte : UInt8(ascii: "_")
          }, as: UTF8.self)
      }
    }
    return (text(info.sysname).lowercased(), text(info.release), text(info.machine))
  }()

  /// The compiler this binary was built with.
  static var swiftVersion: String {
    #if swift(>=6.3)
    return "6.3"
    #elseif swift(>=6.2)
    return "6.2"
    #elseif swift(>=6.1)
    return "6.1"
    #else
    return "6.0"
    #endif
  }
}
