import AWS

/// The AWS service clients the stack's resources talk through, made once per command.
public struct AWSClients: Sendable {
  public let ec2: EC2Client
  public let iam: IAMClient
  public let eks: EKSClient
  public let s3: S3Client
  public let ecr: ECRClient

  public init(ec2: EC2Client, iam: IAMClient, eks: EKSClient, s3: S3Client, ecr: ECRClient) {
    self.ec2 = ec2
    self.iam = iam
    self.eks = eks
    self.s3 = s3
    self.ecr = ecr
  }

  public init(configuration: AWSConfiguration) throws {
    self.init(
      ec2: try EC2Client(configuration: configuration), iam: try IAMClient(configuration: configuration),
      eks: try EKSClient(configuration: configuration), s3: try S3Client(configuration: configuration),
      ecr: try ECRClient(configuration: configuration))
  }
}
