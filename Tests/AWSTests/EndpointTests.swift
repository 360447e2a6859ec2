import TestSupport
import Testing

@testable import AWS

@Suite("regions and endpoints")
struct EndpointTests {
  func configuration(
    _ environment: [String: String], files: [String: String] = [:], region: String? = nil
  ) -> AWSConfiguration {
    var env = ["HOME": "/home/u"]
    env.merge(environment) { $1 }
    return AWSConfiguration(
      settings: AWSSettings(region: region), environment: env, fileSystem: .memory(files),
      transport: ScriptedTransport())
  }

  @Test(
    "default hosts per partition",
    arguments: [
      (AWSService.eks, "eu-west-1", "https://eks.eu-west-1.amazonaws.com", "eu-west-1"),
      (.ecr, "eu-west-1", "https://api.ecr.eu-west-1.amazonaws.com", "eu-west-1"),
      (.sts, "us-west-2", "https://sts.us-west-2.amazonaws.com", "us-west-2"),
      (.iam, "eu-west-1", "https://iam.amazonaws.com", "us-east-1"),
      (.iam, "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
      (.iam, "us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"),
      (.ec2, "cn-north-1", "https://ec2.cn-north-1.amazonaws.com.cn", "cn-north-1"),
    ])
  func defaults(service: AWSService, region: String, url: String, signingRegion: String) throws {
    let endpoint = try configuration(["AWS_REGION": region]).endpoint(for: service)
    #expect(endpoint.url.string == url + "/" || endpoint.url.string == url)
    #expect(endpoint.signingRegion == signingRegion)
    #expect(!endpoint.isCustom)
  }

  @Test("--region beats AWS_REGION beats AWS_DEFAULT_REGION beats the profile")
  func regionOrder() throws {
    let files = ["/home/u/.aws/config": "[default]\nregion = ap-south-1\n"]
    #expect(try configuration([:], files: files).region() == "ap-south-1")
    #expect(try configuration(["AWS_DEFAULT_REGION": "eu-north-1"], files: files).region() == "eu-north-1")
    #expect(
      try configuration(["AWS_REGION": "eu-west-3", "AWS_DEFAULT_REGION": "x"], files: files).region()
        == "eu-west-3")
    #expect(
      try configuration(["AWS_REGION": "eu-west-3"], files: files, region: "sa-east-1").region()
        == "sa-east-1")
    #expect(throws: AWSError.self) { try configuration([:]).region() }
  }

  @Test("a service's own endpoint variable beats the global one")
  func environmentOverrides() throws {
    let config = configuration([
      "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
      "AWS_ENDPOINT_URL_EKS": "http://127.0.0.1:6000/",
    ])
    #expect(try config.endpoint(for: .eks).url.string == "http://127.0.0.1:6000")
    let s3 = try config.endpoint(for: .s3)
    #expect(s3.url.string == "http://127.0.0.1:5000" && s3.isCustom)
    // IAM stays signed for the partition's global region on a custom endpoint too.
    #expect(try config.endpoint(for: .iam).signingRegion == "us-east-1")
  }

  @Test("the profile's services section and endpoint_url apply, and can be ignored")
  func profileEndpoints() throws {
    let files = [
      "/home/u/.aws/config": """
      [profile local]
      region = eu-west-1
      endpoint_url = http://localhost:4566
      services = local-services

      [services local-services]
      ecr =
        endpoint_url = http://localhost:5001
      """
    ]
    let config = configuration(["AWS_PROFILE": "local"], files: files)
    #expect(try config.endpoint(for: .ecr).url.string == "http://localhost:5001")
    #expect(try config.endpoint(for: .eks).url.string == "http://localhost:4566")
    let ignoring = configuration(
      ["AWS_PROFILE": "local", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], files: files)
    #expect(try ignoring.endpoint(for: .ecr).url.string == "https://api.ecr.eu-west-1.amazonaws.com")
  }

  @Test("S3 goes path-style on a configured endpoint and virtual-host style on AWS")
  func s3Addressing() throws {
    let aws = try S3Client(configuration: configuration(["AWS_REGION": "eu-west-1"]))
    #expect(
      aws.client.url(for: aws.operation("GetObject", .get, bucket: "data", key: "a b/c.txt"))
        == "https://data.s3.eu-west-1.amazonaws.com/a%20b/c.txt")
    let local = try S3Client(
      configuration: configuration([
        "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9000",
      ]))
    #expect(
      local.client.url(for: local.operation("GetObject", .get, bucket: "data", key: "a b/c.txt"))
        == "http://127.0.0.1:9000/data/a%20b/c.txt")
  }

  @Test("max attempts come from AWS_MAX_ATTEMPTS, then the profile, else 3")
  func maxAttempts() {
    let files = ["/home/u/.aws/config": "[default]\nmax_attempts = 7\n"]
    #expect(configuration([:]).maxAttempts == 3)
    #expect(configuration([:], files: files).maxAttempts == 7)
    #expect(configuration(["AWS_MAX_ATTEMPTS": "5"], files: files).maxAttempts == 5)
  }

  @Test("a caller's raised default (stack commands: 10) yields to the profile and the environment")
  func raisedDefaultAttempts() {
    func raised(_ environment: [String: String], files: [String: String] = [:]) -> Int {
      var env = ["HOME": "/home/u"]
      env.merge(environment) { $1 }
      return AWSConfiguration(
        settings: AWSSettings(), environment: env, fileSystem: .memory(files), transport: ScriptedTransport(),
        retry: RetryPolicy(defaultMaxAttempts: 10)
      ).maxAttempts
    }
    let files = ["/home/u/.aws/config": "[default]\nmax_attempts = 4\n"]
    #expect(raised([:]) == 10)
    #expect(raised([:], files: files) == 4)
    #expect(raised(["AWS_MAX_ATTEMPTS": "6"], files: files) == 6)
  }
}

@Suite("shared config files")
struct SharedConfigTests {
  @Test("reads sections, nested keys, comments and the credentials file")
  func parse() {
    let config = SharedConfig(
      config: """
        [default]
        region = us-east-1 # inline comment
        ; a comment
        [profile dev]
        s3 =
          addressing_style = path
        role_arn = arn:aws:iam::1:role/x
        [services svc]
        sts =
          endpoint_url = http://sts.local
        """,
      credentials: "[dev]\naws_access_key_id = AKID\n")
    #expect(config.profile("default")?["region"] == "us-east-1")
    #expect(config.profile("dev")?["s3.addressing_style"] == "path")
    #expect(config.profile("dev")?["role_arn"] == "arn:aws:iam::1:role/x")
    #expect(config.profile("dev")?["aws_access_key_id"] == "AKID")
    #expect(config.services["svc"]?["sts.endpoint_url"] == "http://sts.local")
  }
}
