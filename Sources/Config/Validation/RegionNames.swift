/// Which AWS partition a region name belongs to, by the region patterns AWS publishes for
/// each partition (botocore's `partitions.json`, `regionRegex`). Config keeps its own copy
/// of this short table rather than importing the AWS module: the stack file is checked
/// before anything talks to AWS, and the patterns change only when a partition is added.
enum RegionNames {
  /// A partition and the first words its region names start with (`eu` in `eu-west-1`).
  struct PartitionPattern {
    var id: String
    var prefixes: [[String]]
  }

  static let partitions: [PartitionPattern] = [
    // Most specific first: us-gov-west-1 must not read as aws's us-*.
    PartitionPattern(id: "aws-us-gov", prefixes: [["us", "gov"]]),
    PartitionPattern(id: "aws-iso", prefixes: [["us", "iso"]]),
    PartitionPattern(id: "aws-iso-b", prefixes: [["us", "isob"]]),
    PartitionPattern(id: "aws-iso-e", prefixes: [["eu", "isoe"]]),
    PartitionPattern(id: "aws-iso-f", prefixes: [["us", "isof"]]),
    PartitionPattern(id: "aws-eusc", prefixes: [["eusc", "de"]]),
    PartitionPattern(id: "aws-cn", prefixes: [["cn"]]),
    PartitionPattern(
      id: "aws", prefixes: ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"].map { [$0] }),
  ]

  /// The partition of a region such as `eu-west-1`, or nil when no partition has regions
  /// of that shape (`mars-north-1`). Like AWS's patterns (`^(us|eu|...)\-\w+\-\d+$`): the
  /// partition's words, one word, then a number.
  static func partition(of region: String) -> String? {
    let words = region.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    guard let number = words.last, !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      return nil
    }
    for partition in partitions {
      for prefix in partition.prefixes where words.count == prefix.count + 2 {
        guard Array(words.prefix(prefix.count)) == prefix else { continue }
        let name = words[prefix.count]
        if !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
          return partition.id
        }
      }
    }
    return nil
  }

  /// For hints: the first words of the commercial partition's regions.
  static var commercialPrefixes: String {
    partitions.last.map { $0.prefixes.map { $0[0] }.joined(separator: ", ") } ?? ""
  }
}
