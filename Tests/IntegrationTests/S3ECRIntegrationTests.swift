import AWS
import Foundation
import Testing

@Suite("S3 and ECR against the sandbox", .enabled(if: Sandbox.isAvailable))
struct S3ECRIntegrationTests {
  @Test("a bucket with tags, public access block and encryption; objects; multipart; delete")
  func s3() async throws {
    let s3 = try S3Client(configuration: Sandbox.configuration())
    let bucket = Sandbox.unique("eks-spark-it")
    try await s3.createBucket(name: bucket, region: Sandbox.region)
    #expect(try await s3.headBucket(name: bucket))
    #expect(try await !s3.headBucket(name: bucket + "-absent"))
    try await s3.putBucketTagging(name: bucket, tags: ["eks-spark.io/stack": "it"])
    #expect(try await s3.getBucketTagging(name: bucket) == ["eks-spark.io/stack": "it"])
    try await s3.putPublicAccessBlock(name: bucket)
    #expect(try await s3.getPublicAccessBlock(name: bucket) == S3PublicAccessBlock())
    try await s3.putBucketEncryption(name: bucket)
    #expect(try await s3.getBucketEncryption(name: bucket)?.algorithm == "AES256")

    let key = "jobs/word count.py"
    try await s3.putObject(
      bucket: bucket, key: key, body: Array("print('hi')\n".utf8), contentType: "text/x-python")
    #expect(try await s3.getObject(bucket: bucket, key: key) == Array("print('hi')\n".utf8))
    #expect(try await s3.headObject(bucket: bucket, key: key)?.contentLength == 12)
    #expect(try await s3.headObject(bucket: bucket, key: "absent") == nil)

    let large = [UInt8](repeating: 7, count: S3Client.multipartThreshold + 1024)
    try await s3.putObject(bucket: bucket, key: "jars/big.jar", body: large)
    #expect(try await s3.headObject(bucket: bucket, key: "jars/big.jar")?.contentLength == large.count)
    #expect(try await s3.listObjectsV2(bucket: bucket).map(\.key).sorted() == ["jars/big.jar", key])
    #expect(try await s3.listObjectsV2(bucket: bucket, prefix: "jobs/").map(\.key) == [key])

    try await s3.deleteObject(bucket: bucket, key: key)
    try await s3.deleteObject(bucket: bucket, key: "jars/big.jar")
    try await s3.deleteBucket(name: bucket)
    #expect(try await !s3.headBucket(name: bucket))
  }

  @Test("ECR repositories: create, describe, tag, token, delete")
  func ecr() async throws {
    let ecr = try ECRClient(configuration: Sandbox.configuration())
    let name = Sandbox.unique("spark-jobs")
    let created = try await ecr.createRepository(name: name, tags: ["eks-spark.io/stack": "it"])
    #expect(created.repositoryUri?.hasSuffix("/\(name)") == true)
    #expect(try await ecr.describeRepositories(names: [name]).first?.repositoryArn == created.repositoryArn)
    #expect(try await ecr.describeRepositories().contains { $0.repositoryName == name })
    let arn = try #require(created.repositoryArn)
    try await ecr.tagResource(arn: arn, tags: ["team": "data"])
    #expect(try await ecr.listTagsForResource(arn: arn)["team"] == "data")
    let login = try await ecr.getAuthorizationToken()
    #expect(login.first?.authorizationToken.isEmpty == false)
    try await ecr.deleteRepository(name: name, force: true)
    await #expect {
      _ = try await ecr.describeRepositories(names: [name])
    } throws: { ($0 as? AWSError)?.code == "RepositoryNotFoundException" }
  }
}
