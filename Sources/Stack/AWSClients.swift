import AWS

/// The AWS service clients the stack's resources talk through, made once per command.
public struct AWSClients: Sendable {
  public let ec2: EC2Client
  public let iam: IAMClient
  public let eks: EKSClient

  public init(ec2: EC2Client, iam: IAMClient, eks: EKSClient) {
    self.ec2 = ec2
    self.iam = iam
    self.eks = eks
  }

  public init(configuration: AWSConfiguration) throws {
    self.init(
      ec2: try EC2Client(configuration: configuration), iam: try IAMClient(configuration: configuration),
      eks: try EKSClient(configuration: configuration))
  }
}
