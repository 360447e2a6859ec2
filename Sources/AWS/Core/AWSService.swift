/// How a service is reached and spoken to.
public struct AWSService: Sendable, Hashable {
  /// How requests and responses are encoded.
  public enum WireProtocol: Sendable, Hashable {
    /// REST paths with JSON bodies (EKS).
    case restJSON
    /// POST / with `X-Amz-Target: <prefix>.<Operation>` and JSON 1.1 bodies (ECR).
    case awsJSON(targetPrefix: String)
    /// POST / with form-encoded `Action` and `Version`, XML answers (IAM, STS).
    case query(version: String)
    /// Query with EC2's own list encoding and error shape.
    case ec2Query(version: String)
    /// REST paths with XML bodies (S3).
    case restXML
  }

  /// The lowercase id used in `[services]` sections and the debug trace.
  public var id: String
  /// The suffix of `AWS_ENDPOINT_URL_<SERVICE>`.
  public var environmentName: String
  /// The service name in the SigV4 credential scope.
  public var signingName: String
  /// The first label of the default host name (`api.ecr` → `api.ecr.<region>.amazonaws.com`).
  public var hostPrefix: String
  public var wireProtocol: WireProtocol
  /// IAM: one endpoint per partition, signed for the partition's global region.
  public var isGlobal: Bool

  public static let sts = AWSService(
    id: "sts", environmentName: "STS", signingName: "sts", hostPrefix: "sts",
    wireProtocol: .query(version: "2011-06-15"), isGlobal: false)
  public static let iam = AWSService(
    id: "iam", environmentName: "IAM", signingName: "iam", hostPrefix: "iam",
    wireProtocol: .query(version: "2010-05-08"), isGlobal: true)
  public static let ec2 = AWSService(
    id: "ec2", environmentName: "EC2", signingName: "ec2", hostPrefix: "ec2",
    wireProtocol: .ec2Query(version: "2016-11-15"), isGlobal: false)
  public static let eks = AWSService(
    id: "eks", environmentName: "EKS", signingName: "eks", hostPrefix: "eks", wireProtocol: .restJSON,
    isGlobal: false)
  public static let s3 = AWSService(
    id: "s3", environmentName: "S3", signingName: "s3", hostPrefix: "s3", wireProtocol: .restXML,
    isGlobal: false)
  public static let ecr = AWSService(
    id: "ecr", environmentName: "ECR", signingName: "ecr", hostPrefix: "api.ecr",
    wireProtocol: .awsJSON(targetPrefix: "AmazonEC2ContainerRegistry_V20150921"), isGlobal: false)
}
