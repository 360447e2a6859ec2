import COpenSSL

/// Sprig's certificate and key functions; results are `certificate` objects with `.Cert`
/// and `.Key` PEM strings.
enum SprigCrypto {
  static func strings(_ v: Value, _ index: Int) throws -> [String] {
    switch v {
    case .null: return []
    case .list(let items):
      return try items.map { item in
        guard case .string(let s) = item else {
          throw FunctionError("error processing certificate: value \(item.goString) is not a string")
        }
        return s
      }
    default: throw ArgumentTypeError(index: index, expected: "[]interface {}")
    }
  }

  static func issue(
    _ call: FunctionCall, commonName: String, ips: [String], dns: [String], days: Int, isCA: Bool,
    key: OpaquePointer?, issuer: CertificateObject?
  ) throws -> Value {
    for ip in ips where !isIPAddress(ip) {
      throw FunctionError("error parsing ip: \(ip)")
    }
    let ownKey = try key ?? CertificateGenerator.generateKey("rsa")
    defer { if key == nil { EVP_PKEY_free(ownKey) } }
    var signer: (cert: OpaquePointer, key: OpaquePointer)? = nil
    if let issuer {
      let cert = try CertificateGenerator.readCertificate(issuer.cert)
      let caKey = try CertificateGenerator.readKey(issuer.key)
      signer = (cert, caKey)
    }
    defer {
      if let signer {
        X509_free(signer.cert)
        EVP_PKEY_free(signer.key)
      }
    }
    var serial = call.options.random.bytes(16)
    serial[0] &= 0x7F
    let pem = try CertificateGenerator.certificate(
      commonName: commonName, ips: ips, dnsNames: dns, days: days, isCA: isCA, key: ownKey, issuer: signer,
      now: Int(call.options.clock.now()), serial: serial)
    return .object(CertificateObject(cert: pem, key: CertificateGenerator.pem(key: ownKey)))
  }

  static func isIPAddress(_ text: String) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    if parts.count == 4 { return parts.allSatisfy { UInt8($0) != nil } }
    return text.contains(":") && text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
  }

  static func certificate(_ v: Value, _ index: Int) throws -> CertificateObject {
    guard case .object(let cert as CertificateObject) = v else {
      throw ArgumentTypeError(index: index, expected: "sprig.certificate")
    }
    return cert
  }

  static func withKey(_ text: String) throws -> OpaquePointer {
    do {
      return try CertificateGenerator.readKey(text)
    } catch {
      throw FunctionError("error decoding PEM encoded private key")
    }
  }

  static let all: [String: TemplateFunction] = [
    "genPrivateKey": TemplateFunction(arity: 1) { call in
      let kind = try call.string(0)
      guard ["rsa", "ecdsa", "ed25519", "dsa"].contains(kind) else { return .string("Unknown type \(kind)") }
      let key = try CertificateGenerator.generateKey(kind, rsaBits: 4096)
      defer { EVP_PKEY_free(key) }
      return .string(CertificateGenerator.pem(key: key))
    },
    "genCA": TemplateFunction(arity: 2) { call in
      try issue(
        call, commonName: try call.string(0), ips: [], dns: [], days: try call.int(1), isCA: true, key: nil,
        issuer: nil)
    },
    "genCAWithKey": TemplateFunction(arity: 3) { call in
      let key = try withKey(try call.string(2))
      defer { EVP_PKEY_free(key) }
      return try issue(
        call, commonName: try call.string(0), ips: [], dns: [], days: try call.int(1), isCA: true, key: key,
        issuer: nil)
    },
    "genSelfSignedCert": TemplateFunction(arity: 4) { call in
      try issue(
        call, commonName: try call.string(0), ips: try strings(call[1], 1), dns: try strings(call[2], 2),
        days: try call.int(3), isCA: false, key: nil, issuer: nil)
    },
    "genSelfSignedCertWithKey": TemplateFunction(arity: 5) { call in
      let key = try withKey(try call.string(4))
      defer { EVP_PKEY_free(key) }
      return try issue(
        call, commonName: try call.string(0), ips: try strings(call[1], 1), dns: try strings(call[2], 2),
        days: try call.int(3), isCA: false, key: key, issuer: nil)
    },
    "genSignedCert": TemplateFunction(arity: 5) { call in
      try issue(
        call, commonName: try call.string(0), ips: try strings(call[1], 1), dns: try strings(call[2], 2),
        days: try call.int(3), isCA: false, key: nil, issuer: try certificate(call[4], 4))
    },
    "genSignedCertWithKey": TemplateFunction(arity: 6) { call in
      let key = try withKey(try call.string(5))
      defer { EVP_PKEY_free(key) }
      return try issue(
        call, commonName: try call.string(0), ips: try strings(call[1], 1), dns: try strings(call[2], 2),
        days: try call.int(3), isCA: false, key: key, issuer: try certificate(call[4], 4))
    },
  ]
}

/// Sprig's `certificate` struct: `.Cert` and `.Key` in PEM.
struct CertificateObject: TemplateObject {
  let cert: String
  let key: String
  var goTypeName: String { "sprig.certificate" }
  var goDescription: String { "{\(cert) \(key)}" }
  var jsonValue: Value? { .map(["Cert": .string(cert), "Key": .string(key)]) }

  func member(_ name: String) -> Value? {
    switch name {
    case "Cert": return .string(cert)
    case "Key": return .string(key)
    default: return nil
    }
  }

  func call(_ name: String, arguments: [Value]) throws -> Value? { nil }
}
