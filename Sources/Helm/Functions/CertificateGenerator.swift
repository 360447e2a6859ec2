import COpenSSL

#if canImport(Glibc)
import Glibc
#endif

/// Key and certificate generation behind Sprig's `genPrivateKey`, `genCA`,
/// `genSelfSignedCert` and `genSignedCert`, through libcrypto. Certificates follow Sprig's
/// template: RSA 2048 keys, a random 128-bit serial, `CN` only in the subject, digital
/// signature + key encipherment (+ cert sign for a CA), server and client auth, critical
/// basic constraints, and the given IP and DNS subject alternative names.
enum CertificateGenerator {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// A private key of Sprig's kind (`rsa` 4096, `ecdsa` P-256, `ed25519`, `dsa` 1024).
  static func generateKey(_ kind: String, rsaBits: Int32 = 2048) throws -> OpaquePointer {
    let id: Int32
    switch kind {
    case "rsa": id = EVP_PKEY_RSA
    case "ecdsa": id = EVP_PKEY_EC
    case "ed25519": id = EVP_PKEY_ED25519
    case "dsa": id = EVP_PKEY_DSA
    default: throw Failure(description: "Unknown type \(kind)")
    }
    var parameters: OpaquePointer? = nil
    defer { if let parameters { EVP_PKEY_free(parameters) } }
    if id == EVP_PKEY_DSA {
      guard let ctx = EVP_PKEY_CTX_new_id(id, nil) else {
        throw Failure(description: "openssl: no DSA context")
      }
      defer { EVP_PKEY_CTX_free(ctx) }
      guard EVP_PKEY_paramgen_init(ctx) == 1, EVP_PKEY_CTX_set_dsa_paramgen_bits(ctx, 1024) == 1,
        EVP_PKEY_paramgen(ctx, &parameters) == 1
      else { throw Failure(description: "openssl: DSA parameter generation failed") }
    }
    let ctx = parameters.map { EVP_PKEY_CTX_new($0, nil) } ?? EVP_PKEY_CTX_new_id(id, nil)
    guard let ctx else { throw Failure(description: "openssl: no key context") }
    defer { EVP_PKEY_CTX_free(ctx) }
    guard EVP_PKEY_keygen_init(ctx) == 1 else { throw Failure(description: "openssl: keygen init failed") }
    if id == EVP_PKEY_RSA { EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, rsaBits) }
    if id == EVP_PKEY_EC { EVP_PKEY_CTX_set_ec_paramgen_curve_nid(ctx, NID_X9_62_prime256v1) }
    var key: OpaquePointer? = nil
    guard EVP_PKEY_keygen(ctx, &key) == 1, let key else {
      throw Failure(description: "openssl: key generation failed")
    }
    return key
  }

  static func readBIO(_ bio: OpaquePointer) -> String {
    var pointer: UnsafeMutablePointer<CChar>? = nil
    let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &pointer)
    guard let pointer, length > 0 else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: Int(length)), as: UTF8.self)
  }

  /// PEM of a key the way Go's `pemBlockForKey` writes it (PKCS#1/SEC1/DSA traditional
  /// blocks, PKCS#8 for Ed25519).
  static func pem(key: OpaquePointer) -> String {
    guard let bio = BIO_new(BIO_s_mem()) else { return "" }
    defer { BIO_free(bio) }
    if EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 {
      PEM_write_bio_PrivateKey(bio, key, nil, nil, 0, nil, nil)
    } else {
      PEM_write_bio_PrivateKey_traditional(bio, key, nil, nil, 0, nil, nil)
    }
    return readBIO(bio)
  }

  static func pem(certificate: OpaquePointer) -> String {
    guard let bio = BIO_new(BIO_s_mem()) else { return "" }
    defer { BIO_free(bio) }
    PEM_write_bio_X509(bio, certificate)
    return readBIO(bio)
  }

  static func readKey(_ text: String) throws -> OpaquePointer {
    try withMemoryBIO(text) { bio in
      guard let key = PEM_read_bio_PrivateKey(bio, nil, nil, nil) else {
        throw Failure(description: "unable to decode PEM encoded private key")
      }
      return key
    }
  }

  static func readCertificate(_ text: String) throws -> OpaquePointer {
    try withMemoryBIO(text) { bio in
      guard let cert = PEM_read_bio_X509(bio, nil, nil, nil) else {
        throw Failure(description: "error parsing certificate: x509: malformed certificate")
      }
      return cert
    }
  }

  /// A read-only memory BIO over `text`. `BIO_new_mem_buf` does not copy, so the bytes
  /// must outlive every read: passing a temporary array let an optimised build free it
  /// before PEM parsing, and a CA from `genCA` then read as a malformed certificate.
  private static func withMemoryBIO<Result>(
    _ text: String, _ body: (OpaquePointer) throws -> Result
  ) throws -> Result {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBytes { buffer in
      guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
        throw Failure(description: "openssl: no BIO")
      }
      defer { BIO_free(bio) }
      return try body(bio)
    }
  }

  /// Builds and signs a certificate; `issuer` nil means self-signed.
  static func certificate(
    commonName: String, ips: [String], dnsNames: [String], days: Int, isCA: Bool, key: OpaquePointer,
    issuer: (cert: OpaquePointer, key: OpaquePointer)?, now: Int, serial: [UInt8]
  ) throws -> String {
    guard let x509 = X509_new() else { throw Failure(description: "openssl: X509_new failed") }
    defer { X509_free(x509) }
    X509_set_version(x509, 2)
    let bn = BN_bin2bn(serial, Int32(serial.count), nil)
    defer { BN_free(bn) }
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x509))
    ASN1_TIME_adj(X509_getm_notBefore(x509), time_t(now), 0, 0)
    ASN1_TIME_adj(X509_getm_notAfter(x509), time_t(now), Int32(days), 0)
    X509_set_pubkey(x509, key)
    let name = X509_get_subject_name(x509)
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, commonName, -1, -1, 0)
    X509_set_issuer_name(x509, issuer.map { X509_get_subject_name($0.cert) } ?? name)
    var ctx = X509V3_CTX()
    X509V3_set_ctx(&ctx, issuer?.cert ?? x509, x509, nil, nil, 0)
    var extensions: [(Int32, String)] = [
      (NID_key_usage, "critical,digitalSignature,keyEncipherment" + (isCA ? ",keyCertSign" : "")),
      (NID_ext_key_usage, "serverAuth,clientAuth"),
      (NID_basic_constraints, isCA ? "critical,CA:TRUE" : "critical,CA:FALSE"),
    ]
    if isCA { extensions.append((NID_subject_key_identifier, "hash")) }
    let alternatives = ips.map { "IP:" + $0 } + dnsNames.map { "DNS:" + $0 }
    if !alternatives.isEmpty {
      extensions.append((NID_subject_alt_name, alternatives.joined(separator: ",")))
    }
    for (nid, value) in extensions {
      guard let ext = X509V3_EXT_conf_nid(nil, &ctx, nid, value) else {
        throw Failure(description: "invalid certificate extension value \(value)")
      }
      X509_add_ext(x509, ext, -1)
      X509_EXTENSION_free(ext)
    }
    guard X509_sign(x509, issuer?.key ?? key, EVP_sha256()) > 0 else {
      throw Failure(description: "openssl: signing the certificate failed")
    }
    return pem(certificate: x509)
  }
}
