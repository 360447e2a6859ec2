/// An AWS partition: a group of regions sharing a DNS suffix and an ARN prefix.
public struct Partition: Sendable, Hashable {
  /// The ARN partition, as in `arn:<id>:iam::...`.
  public var id: String
  public var dnsSuffix: String
  /// The region IAM requests are signed for in this partition (IAM is global).
  public var globalSigningRegion: String

  public static let aws = Partition(id: "aws", dnsSuffix: "amazonaws.com", globalSigningRegion: "us-east-1")
  public static let china = Partition(
    id: "aws-cn", dnsSuffix: "amazonaws.com.cn", globalSigningRegion: "cn-north-1")
  public static let govCloud = Partition(
    id: "aws-us-gov", dnsSuffix: "amazonaws.com", globalSigningRegion: "us-gov-west-1")

  public static let all: [Partition] = [.aws, .china, .govCloud]

  /// The partition a region belongs to, by the prefixes AWS uses for region names.
  public static func of(region: String) -> Partition {
    if region.hasPrefix("cn-") { return .china }
    if region.hasPrefix("us-gov-") { return .govCloud }
    return .aws
  }
}
