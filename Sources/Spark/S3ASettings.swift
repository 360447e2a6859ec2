/// The S3A settings that let Spark read and write S3 with the pod's IRSA web-identity token
/// (`AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN`, injected by EKS) instead of keys.
public enum S3ASettings {
  /// hadoop-aws up to 3.3 is built on the AWS SDK for Java v1.
  public static let sdkV1WebIdentityProvider = "com.amazonaws.auth.WebIdentityTokenCredentialsProvider"
  /// hadoop-aws 3.4 moved to the AWS SDK for Java v2, whose class has another name.
  public static let sdkV2WebIdentityProvider =
    "software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider"
  public static let credentialsProviderKey = "spark.hadoop.fs.s3a.aws.credentials.provider"

  /// Whether this Hadoop version's hadoop-aws uses the AWS SDK v2 (Hadoop 3.4 and later).
  /// A version that cannot be read counts as v1, the line Spark 3.5 ships with.
  public static func usesSDKv2(hadoopVersion: String) -> Bool {
    let numbers = hadoopVersion.split(separator: ".").prefix(2).map { Int($0.prefix { $0.isNumber }) }
    guard numbers.count == 2, let major = numbers[0], let minor = numbers[1] else { return false }
    return major > 3 || (major == 3 && minor >= 4)
  }

  /// The web-identity credentials provider for this Hadoop version.
  public static func webIdentityProvider(hadoopVersion: String) -> String {
    usesSDKv2(hadoopVersion: hadoopVersion) ? sdkV2WebIdentityProvider : sdkV1WebIdentityProvider
  }

  /// The settings every job starts from (its stack's and its own `sparkConf` go on top).
  public static func defaults(hadoopVersion: String, region: String?) -> [SparkKeyValue] {
    var settings = [
      SparkKeyValue(credentialsProviderKey, webIdentityProvider(hadoopVersion: hadoopVersion)),
      SparkKeyValue("spark.hadoop.fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem"),
    ]
    if let region, !region.isEmpty {
      settings.append(SparkKeyValue("spark.hadoop.fs.s3a.endpoint.region", region))
    }
    return settings
  }

  /// A web-identity provider written for the other SDK generation (a stack default carried
  /// over from a Hadoop 3.3 image to a 3.4 one) becomes this version's; any other provider
  /// is the user's choice and stays.
  static func correctingProvider(in settings: [SparkKeyValue], hadoopVersion: String) -> [SparkKeyValue] {
    let wanted = webIdentityProvider(hadoopVersion: hadoopVersion)
    let generations = [sdkV1WebIdentityProvider, sdkV2WebIdentityProvider]
    return settings.map { pair in
      guard pair.key == credentialsProviderKey else { return pair }
      let classes = pair.value.split(separator: ",").map { name in
        let trimmed = String(name.drop { $0 == " " })
        return generations.contains(trimmed) ? wanted : trimmed
      }
      return SparkKeyValue(pair.key, classes.joined(separator: ","))
    }
  }
}
