import Foundation
import Testing

@testable import Helm

/// Sprig's certificate functions checked the way a cluster would use their output: parsed
/// by openssl (chain verification, SANs, validity), never compared byte for byte (keys and
/// serials are random).
@Suite(
  "certificate functions, checked by openssl",
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "/usr/bin/openssl is missing"))
struct CertificateChainTests {
  /// A scratch folder with the PEM parts written as files.
  struct PEMFiles {
    let directory: URL

    init(_ parts: [String: String]) throws {
      directory = FileManager.default.temporaryDirectory.appendingPathComponent("pem-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      for (name, text) in parts {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
      }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func remove() { try? FileManager.default.removeItem(at: directory) }
  }

  static func openssl(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  /// Renders with the real clock and randomness, as `helm template` does.
  static func parts(_ template: String) throws -> [String] {
    let output = try render(template, options: ExecutionOptions()).get()
    let parts = output.components(separatedBy: "@@")
    return parts
  }

  @Test("a CA made by genCA inline signs genSignedCert's certificate: the chain verifies")
  func inlineCAChain() throws {
    let parts = try Self.parts(
      """
      {{- $ca := genCA "x-ca" 3650 -}}
      {{- $cert := genSignedCert "svc" nil (list "svc.ns" "svc.ns.svc") 3650 $ca -}}
      {{- $inline := genSignedCert "svc" nil (list "svc.ns" "svc.ns.svc") 3650 (genCA "y-ca" 3650) -}}
      {{ $ca.Cert }}@@{{ $cert.Cert }}@@{{ $cert.Key }}@@{{ $inline.Cert }}
      """)
    try #require(parts.count == 4)
    let files = try PEMFiles([
      "ca.pem": parts[0], "cert.pem": parts[1], "key.pem": parts[2], "inline.pem": parts[3],
    ])
    defer { files.remove() }
    let verify = try Self.openssl(["verify", "-CAfile", files.path("ca.pem"), files.path("cert.pem")])
    #expect(verify.status == 0, "\(verify.output)")
    let text = try Self.openssl(["x509", "-noout", "-text", "-in", files.path("cert.pem")]).output
    #expect(text.contains("DNS:svc.ns, DNS:svc.ns.svc"))
    #expect(text.contains("Issuer: CN = x-ca") || text.contains("Issuer: CN=x-ca"))
    // The key printed beside the certificate is the one it certifies.
    let certKey = try Self.openssl(["x509", "-noout", "-pubkey", "-in", files.path("cert.pem")]).output
    let privateKey = try Self.openssl(["pkey", "-pubout", "-in", files.path("key.pem")]).output
    #expect(certKey == privateKey)
    // Valid now and for the days asked (3650 days is about ten years; allow a day of slack).
    #expect(
      try Self.openssl(["x509", "-noout", "-checkend", "0", "-in", files.path("cert.pem")]).status == 0)
    let inNineYears = String(9 * 365 * 86_400)
    let inElevenYears = String(11 * 365 * 86_400)
    #expect(
      try Self.openssl(["x509", "-noout", "-checkend", inNineYears, "-in", files.path("cert.pem")]).status
        == 0)
    #expect(
      try Self.openssl(["x509", "-noout", "-checkend", inElevenYears, "-in", files.path("cert.pem")]).status
        != 0)
    let inline = try Self.openssl(["x509", "-noout", "-issuer", "-in", files.path("inline.pem")]).output
    #expect(inline.contains("y-ca"))
  }

  @Test("genSelfSignedCert verifies against itself and carries its IP and DNS names")
  func selfSigned() throws {
    let parts = try Self.parts(
      #"{{- $c := genSelfSignedCert "web" (list "10.1.2.3") (list "web.local") 30 -}}{{ $c.Cert }}@@{{ $c.Key }}"#
    )
    try #require(parts.count == 2)
    let files = try PEMFiles(["cert.pem": parts[0], "key.pem": parts[1]])
    defer { files.remove() }
    // Self-signed: issuer is subject, and its own public key checks its signature.
    let names = try Self.openssl([
      "x509", "-noout", "-subject", "-issuer", "-nameopt", "RFC2253", "-in", files.path("cert.pem"),
    ])
    #expect(
      names.output.contains("subject=CN=web") && names.output.contains("issuer=CN=web"), "\(names.output)")
    let verify = try Self.openssl([
      "verify", "-partial_chain", "-CAfile", files.path("cert.pem"), files.path("cert.pem"),
    ])
    #expect(verify.status == 0, "\(verify.output)")
    let text = try Self.openssl(["x509", "-noout", "-text", "-in", files.path("cert.pem")]).output
    #expect(text.contains("IP Address:10.1.2.3"))
    #expect(text.contains("DNS:web.local"))
    #expect(text.contains("CA:FALSE"))
    #expect(
      try Self.openssl(["x509", "-noout", "-checkend", String(31 * 86_400), "-in", files.path("cert.pem")])
        .status != 0)
  }

  @Test(
    "genPrivateKey's keys parse as the kind asked for",
    arguments: [("rsa", "MODULUS"), ("ecdsa", "P-256"), ("ed25519", "ED25519")])
  func privateKeyKinds(_ kind: String, _ name: String) throws {
    let pem = try render(#"{{ genPrivateKey "\#(kind)" }}"#, options: ExecutionOptions()).get()
    let files = try PEMFiles(["key.pem": pem])
    defer { files.remove() }
    let parsed = try Self.openssl(["pkey", "-noout", "-text", "-in", files.path("key.pem")])
    #expect(parsed.status == 0, "\(parsed.output)")
    #expect(parsed.output.uppercased().contains(name), "\(parsed.output.prefix(200))")
  }

  @Test("buildCustomCert round-trips a genCA pair, and genSignedCert accepts it as issuer")
  func customCert() throws {
    let parts = try Self.parts(
      """
      {{- $ca := genCA "custom-ca" 30 -}}
      {{- $custom := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) -}}
      {{- $leaf := genSignedCert "leaf" nil (list "leaf.svc") 30 $custom -}}
      {{ $ca.Cert }}@@{{ $leaf.Cert }}@@{{ eq $custom.Cert $ca.Cert }}
      """)
    try #require(parts.count == 3)
    #expect(parts[2] == "true")
    let files = try PEMFiles(["ca.pem": parts[0], "leaf.pem": parts[1]])
    defer { files.remove() }
    let verify = try Self.openssl(["verify", "-CAfile", files.path("ca.pem"), files.path("leaf.pem")])
    #expect(verify.status == 0, "\(verify.output)")
  }
}
