import Foundation
import Testing

@testable import Helm

let dateRandomCases: [FunctionCase] = [
  .init(#"{{ now | date "2006-01-02T15:04:05Z07:00" }}"#, "2024-03-05T06:07:08Z"),
  .init(#"{{ now | htmlDate }}"#, "2024-03-05"),
  .init(#"{{ date "Mon Jan _2 03:04:05 PM 2006" now }}"#, "Tue Mar  5 06:07:08 AM 2024"),
  .init(#"{{ dateInZone "2006-01-02 15:04" now "UTC" }}"#, "2024-03-05 06:07"),
  .init(#"{{ now | unixEpoch }}"#, "1709618828"),
  .init(#"{{ (now | dateModify "-1.5h") | date "15:04" }}"#, "04:37"),
  .init(#"{{ toDate "2006-01-02" "2024-02-29" | date "Jan 2, 2006" }}"#, "Feb 29, 2024"),
  .init(#"{{ toDate "2006-01-02" "2024-02-29" | ago }}"#, "126h7m8s"),
  .init(#"{{ duration "95" }} {{ duration "3600" }} {{ duration 95 }}"#, "1m35s 1h0m0s 0s"),
  .init(#"{{ durationRound "2h10m" }} {{ durationRound "400h" }} {{ durationRound "9000h" }}"#, "2h 16d 1y"),
  .init(
    #"{{ len (randAlphaNum 12) }} {{ len (randNumeric 4) }} {{ regexMatch "^[a-zA-Z]{5}$" (randAlpha 5) }}"#,
    "12 4 true"),
  .init(
    #"{{ regexMatch "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" uuidv4 }}"#,
    "true"),
  .init(#"{{ len (shuffle "abcdef") }} {{ shuffle "aaa" }}"#, "6 aaa"),
  .init(#"{{ len (randBytes 9) }}"#, "12"),
  .init(
    #"{{ encryptAES "secret" "hello world" | decryptAES "secret" }}|{{ encryptAES "k" "" }}"#, "hello world|"),
  .init(#"{{ len (encryptAES "k" "0123456789abcdef") }}"#, "64"),
]

@Test(
  "dates use the injected clock and Go layouts; random functions the injected source",
  arguments: dateRandomCases)
func dateAndRandomFunctions(_ c: FunctionCase) {
  #expect(outcome(c.template, c.data, options: fixedOptions()) == c.expected)
}

@Test("random functions repeat with the same seed")
func seededRandomRepeats() {
  let template = "{{ randAlphaNum 16 }} {{ uuidv4 }}"
  #expect(outcome(template, options: fixedOptions()) == outcome(template, options: fixedOptions()))
}

// The certificate functions' output is checked by openssl in CertificateChainTests.

@Test("genPrivateKey writes the PEM block Sprig writes for each kind")
func privateKeys() throws {
  let output = try render(
    #"{{ genPrivateKey "ecdsa" }}|{{ genPrivateKey "ed25519" }}|{{ genPrivateKey "nope" }}"#
  ).get()
  let parts = output.components(separatedBy: "|")
  #expect(parts[0].hasPrefix("-----BEGIN EC PRIVATE KEY-----"))
  #expect(parts[1].hasPrefix("-----BEGIN PRIVATE KEY-----"))
  #expect(parts[2] == "Unknown type nope")
}
