import Config
import Engine

/// IAM roles for Kubernetes service accounts (IRSA): trust the cluster's OIDC provider for
/// exactly one service account, and allow what the stack file grants on the data lake.
public enum ServiceAccountRoles {
  /// The trust policy of the role of `namespace/name`, or `.unknown` until the provider exists.
  public static func trust(provider: Address, namespace: String, name: String, inputs: Inputs)
    -> AttributeValue
  {
    guard let arn = inputs.string(provider, "arn"), let issuer = inputs.string(provider, "issuer") else {
      return .unknown
    }
    return PolicyDocument.make([
      [
        "Effect": "Allow", "Principal": ["Federated": .string(arn)],
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": [
          "StringEquals": [
            "\(issuer):sub": .string("system:serviceaccount:\(namespace):\(name)"),
            "\(issuer):aud": "sts.amazonaws.com",
          ]
        ],
      ]
    ])
  }

  /// The data-lake policy: read is Get and List; readwrite adds Put, Delete and the
  /// multipart actions. Never `s3:*` unless the user writes it in `policyStatements`.
  public static func dataLakePolicy(
    access: DataLakeAccess, bucket: String, partition: String, extra: [PolicyStatement]
  ) -> AttributeValue? {
    var statements: [AttributeValue] = []
    let bucketArn = "arn:\(partition):s3:::\(bucket)"
    if access != .none {
      statements.append([
        "Sid": "ListDataLake", "Effect": "Allow",
        "Action": .strings(
          ["s3:GetBucketLocation", "s3:ListBucket"]
            + (access == .readwrite ? ["s3:ListBucketMultipartUploads"] : [])),
        "Resource": .string(bucketArn),
      ])
      let objectActions =
        access == .readwrite
        ? [
          "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:ListMultipartUploadParts",
          "s3:PutObject",
        ]
        : ["s3:GetObject"]
      statements.append([
        "Sid": access == .readwrite ? "ReadWriteDataLake" : "ReadDataLake", "Effect": "Allow",
        "Action": .strings(objectActions), "Resource": .string("\(bucketArn)/*"),
      ])
    }
    for statement in extra {
      var entry: [String: AttributeValue] = [
        "Effect": .string(statement.effect), "Action": .strings(statement.actions),
        "Resource": .strings(statement.resources),
      ]
      if let sid = statement.sid { entry["Sid"] = .string(sid) }
      statements.append(.map(entry))
    }
    return statements.isEmpty ? nil : PolicyDocument.make(statements)
  }
}
