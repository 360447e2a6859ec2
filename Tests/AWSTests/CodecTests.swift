import Foundation
import HTTP
import TestSupport
import Testing

@testable import AWS

/// Service clients on recorded AWS responses (shapes from the AWS API references).
@Suite("protocol codecs")
struct CodecTests {
  func body(_ request: HTTPRequest) -> String { String(decoding: request.body, as: UTF8.self) }

  @Test("IAM GetRole decodes the URL-encoded trust policy and tags")
  func iamGetRole() async throws {
    let transport = ScriptedTransport([
      ScriptedTransport.xml(
        200,
        """
        <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          <GetRoleResult>
            <Role>
              <Path>/application_abc/component_xyz/</Path>
              <Arn>arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access</Arn>
              <RoleName>S3Access</RoleName>
              <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%5B%22ec2.amazonaws.com%22%5D%7D%2C%22Action%22%3A%5B%22sts%3AAssumeRole%22%5D%7D%5D%7D</AssumeRolePolicyDocument>
              <CreateDate>2012-05-08T23:34:01Z</CreateDate>
              <RoleId>AROADBQP57FF2AEXAMPLE</RoleId>
              <MaxSessionDuration>3600</MaxSessionDuration>
              <Tags><member><Key>eks-spark.io/stack</Key><Value>demo</Value></member></Tags>
            </Role>
          </GetRoleResult>
          <ResponseMetadata><RequestId>df37e965-9967-11e1-a4c3-270EXAMPLE04</RequestId></ResponseMetadata>
        </GetRoleResponse>
        """)
    ])
    let role = try await IAMClient(configuration: Fixtures.configuration(transport)).getRole(name: "S3Access")
    #expect(
      role.assumeRolePolicyDocument?.hasPrefix(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow""#)
        == true)
    #expect(role.tags == ["eks-spark.io/stack": "demo"])
    #expect(role.id == "AROADBQP57FF2AEXAMPLE")
    #expect(role.createDate == Timestamp.parse("2012-05-08T23:34:01Z"))
    let request = try #require(transport.requests.first)
    #expect(request.url == "https://iam.amazonaws.com/")
    #expect(request.headers["Authorization"]?.contains("/us-east-1/iam/aws4_request") == true)
    #expect(body(request) == "Action=GetRole&Version=2010-05-08&RoleName=S3Access")
  }

  @Test("IAM lists follow Marker pages; create sends tags as members")
  func iamPaging() async throws {
    func page(_ names: [String], marker: String?) -> ScriptedTransport.Answer {
      let members = names.map {
        "<member><RoleName>\($0)</RoleName><Arn>arn:aws:iam::1:role/\($0)</Arn></member>"
      }.joined()
      let truncation =
        marker.map { "<IsTruncated>true</IsTruncated><Marker>\($0)</Marker>" }
        ?? "<IsTruncated>false</IsTruncated>"
      return ScriptedTransport.xml(
        200,
        "<ListRolesResponse><ListRolesResult><Roles>\(members)</Roles>\(truncation)</ListRolesResult></ListRolesResponse>"
      )
    }
    let transport = ScriptedTransport([
      page(["a", "b"], marker: "m1"), page(["c"], marker: nil),
      ScriptedTransport.xml(
        200,
        "<CreateRoleResponse><CreateRoleResult><Role><RoleName>r</RoleName></Role></CreateRoleResult></CreateRoleResponse>"
      ),
    ])
    let iam = try IAMClient(configuration: Fixtures.configuration(transport))
    #expect(try await iam.listRoles().map(\.name) == ["a", "b", "c"])
    #expect(body(transport.requests[1]).hasSuffix("Marker=m1"))
    _ = try await iam.createRole(name: "r", assumeRolePolicyDocument: "{}", tags: ["k": "v"])
    #expect(body(transport.requests[2]).contains("Tags.member.1.Key=k&Tags.member.1.Value=v"))
  }

  @Test("EC2 describes follow nextToken and read tag sets; creates tag through TagSpecification")
  func ec2() async throws {
    let page1 = """
      <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
        <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
        <vpcSet>
          <item>
            <vpcId>vpc-1a2b3c4d</vpcId><state>available</state><cidrBlock>10.0.0.0/16</cidrBlock>
            <tagSet><item><key>Name</key><value>spark</value></item></tagSet>
          </item>
        </vpcSet>
        <nextToken>token-2</nextToken>
      </DescribeVpcsResponse>
      """
    let page2 =
      "<DescribeVpcsResponse><vpcSet><item><vpcId>vpc-2</vpcId><state>pending</state><cidrBlock>10.1.0.0/16</cidrBlock></item></vpcSet></DescribeVpcsResponse>"
    let created =
      "<CreateVpcResponse><vpc><vpcId>vpc-3</vpcId><state>pending</state><cidrBlock>10.2.0.0/16</cidrBlock><tagSet><item><key>eks-spark.io/stack</key><value>demo</value></item></tagSet></vpc></CreateVpcResponse>"
    let transport = ScriptedTransport([
      ScriptedTransport.xml(200, page1), ScriptedTransport.xml(200, page2),
      ScriptedTransport.xml(200, created),
    ])
    let ec2 = try EC2Client(configuration: Fixtures.configuration(transport))
    let vpcs = try await ec2.describeVPCs(filters: ["tag:eks-spark.io/stack": ["demo"]])
    #expect(vpcs.map(\.id) == ["vpc-1a2b3c4d", "vpc-2"])
    #expect(vpcs[0].tags == ["Name": "spark"])
    #expect(
      body(transport.requests[0]).contains("Filter.1.Name=tag%3Aeks-spark.io%2Fstack&Filter.1.Value.1=demo"))
    #expect(body(transport.requests[1]).hasSuffix("NextToken=token-2"))
    let vpc = try await ec2.createVPC(cidrBlock: "10.2.0.0/16", tags: ["eks-spark.io/stack": "demo"])
    #expect(vpc.id == "vpc-3" && vpc.tags["eks-spark.io/stack"] == "demo")
    #expect(
      body(transport.requests[2]).contains(
        "TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=eks-spark.io%2Fstack"))
  }

  @Test("EC2 route tables keep routes and associations")
  func routeTables() async throws {
    let transport = ScriptedTransport([
      ScriptedTransport.xml(
        200,
        """
        <DescribeRouteTablesResponse><routeTableSet><item>
          <routeTableId>rtb-1</routeTableId><vpcId>vpc-1</vpcId>
          <routeSet>
            <item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId><state>active</state></item>
            <item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><natGatewayId>nat-1</natGatewayId><state>active</state></item>
          </routeSet>
          <associationSet><item><routeTableAssociationId>rtbassoc-1</routeTableAssociationId><subnetId>subnet-1</subnetId><main>false</main></item></associationSet>
          <tagSet/>
        </item></routeTableSet></DescribeRouteTablesResponse>
        """)
    ])
    let tables = try await EC2Client(configuration: Fixtures.configuration(transport)).describeRouteTables()
    #expect(tables.first?.routes.map(\.natGatewayID) == [nil, "nat-1"])
    #expect(tables.first?.associations.first?.subnetID == "subnet-1")
  }

  @Test("EKS DescribeCluster decodes epoch dates and nested settings; lists page with nextToken")
  func eks() async throws {
    let cluster = """
      {"cluster":{"name":"spark","arn":"arn:aws:eks:eu-west-1:123456789012:cluster/spark","createdAt":1.700000000123E9,
      "version":"1.29","endpoint":"https://ABC.gr7.eu-west-1.eks.amazonaws.com","roleArn":"arn:aws:iam::123456789012:role/eks",
      "resourcesVpcConfig":{"subnetIds":["subnet-1","subnet-2"],"securityGroupIds":[],"clusterSecurityGroupId":"sg-1","vpcId":"vpc-1","endpointPublicAccess":true,"endpointPrivateAccess":false,"publicAccessCidrs":["0.0.0.0/0"]},
      "kubernetesNetworkConfig":{"serviceIpv4Cidr":"172.20.0.0/16"},"logging":{"clusterLogging":[]},
      "identity":{"oidc":{"issuer":"https://oidc.eks.eu-west-1.amazonaws.com/id/ABC"}},"status":"ACTIVE",
      "certificateAuthority":{"data":"LS0tLS1CRUdJTg=="},"platformVersion":"eks.5","tags":{"eks-spark.io/stack":"demo"},
      "accessConfig":{"authenticationMode":"API_AND_CONFIG_MAP"}}}
      """
    let transport = ScriptedTransport([
      ScriptedTransport.json(200, cluster),
      ScriptedTransport.json(200, #"{"clusters":["a","b"],"nextToken":"t2"}"#),
      ScriptedTransport.json(200, #"{"clusters":["c"],"nextToken":null}"#),
    ])
    let eks = try EKSClient(configuration: Fixtures.configuration(transport))
    let described = try await eks.describeCluster(name: "spark")
    #expect(described.status == "ACTIVE")
    #expect(described.identity?.oidc?.issuer == "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC")
    #expect(described.resourcesVpcConfig?.subnetIds == ["subnet-1", "subnet-2"])
    #expect(described.createdAt.map { Int($0.timeIntervalSince1970) } == 1_700_000_000)
    #expect(transport.requests[0].url == "https://eks.eu-west-1.amazonaws.com/clusters/spark")
    #expect(try await eks.listClusters() == ["a", "b", "c"])
    #expect(transport.requests[2].url.hasSuffix("/clusters?nextToken=t2"))
  }

  @Test("ECR sends the JSON 1.1 target and reads repositories")
  func ecr() async throws {
    let transport = ScriptedTransport([
      ScriptedTransport.json(
        200,
        #"{"repository":{"registryId":"123456789012","repositoryName":"spark-jobs","repositoryArn":"arn:aws:ecr:eu-west-1:123456789012:repository/spark-jobs","createdAt":1.7E9,"repositoryUri":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/spark-jobs","imageTagMutability":"MUTABLE"}}"#
      )
    ])
    let repository = try await ECRClient(configuration: Fixtures.configuration(transport))
      .createRepository(name: "spark-jobs", tags: ["eks-spark.io/stack": "demo"])
    #expect(repository.repositoryUri == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/spark-jobs")
    let request = try #require(transport.requests.first)
    #expect(request.headers["X-Amz-Target"] == "AmazonEC2ContainerRegistry_V20150921.CreateRepository")
    #expect(request.headers["Content-Type"] == "application/x-amz-json-1.1")
    #expect(
      body(request).contains(#""tags":[{"Key":"eks-spark.io\/stack","Value":"demo"}]"#)
        || body(request).contains(#""tags":[{"Key":"eks-spark.io/stack","Value":"demo"}]"#))
  }

  @Test("S3 lists pages, signs the payload hash, and reads its error document")
  func s3() async throws {
    let page = """
      <?xml version="1.0" encoding="UTF-8"?>
      <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
        <Name>data</Name><Prefix>jobs/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
        <Contents><Key>jobs/a&amp;b.py</Key><LastModified>2026-11-26T12:00:00.000Z</LastModified><ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>434234</Size><StorageClass>STANDARD</StorageClass></Contents>
      </ListBucketResult>
      """
    let error = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>nope</BucketName><RequestId>4442587FB7D0A2F9</RequestId></Error>
      """
    let transport = ScriptedTransport([ScriptedTransport.xml(200, page), ScriptedTransport.xml(404, error)])
    let s3 = try S3Client(configuration: Fixtures.configuration(transport))
    let objects = try await s3.listObjectsV2(bucket: "data", prefix: "jobs/")
    #expect(
      objects == [
        S3Object(
          key: "jobs/a&b.py", size: 434234, eTag: "\"9b2cf535f27731c974343645a3985328\"",
          lastModified: Timestamp.parse("2026-11-26T12:00:00Z"))
      ])
    let request = try #require(transport.requests.first)
    #expect(request.url == "https://data.s3.eu-west-1.amazonaws.com/?list-type=2&prefix=jobs%2F")
    #expect(request.headers["x-amz-content-sha256"] == Crypto.emptyPayloadHash)
    await #expect {
      _ = try await s3.getObject(bucket: "nope", key: "k")
    } throws: { error in
      guard let error = error as? AWSError else { return false }
      return error.code == "NoSuchBucket" && error.requestID == "4442587FB7D0A2F9" && error.isNotFound
    }
  }
}

@Suite("XML reader")
struct XMLReaderTests {
  @Test("reads entities, CDATA, attributes and namespaces")
  func parse() throws {
    let root = try XMLReader.parse(
      #"<?xml version="1.0"?><!-- c --><a:Root xmlns:a="urn:x" id='7'><a:Item>x &lt;&amp;&gt; &#65;&#x42;</a:Item><Data><![CDATA[<raw>]]></Data><Empty/></a:Root>"#
    )
    #expect(root.localName == "Root")
    #expect(root.attributes["id"] == "7")
    #expect(root.string("Item") == "x <&> AB")
    #expect(root.string("Data") == "<raw>")
    #expect(root.child("Empty")?.text == "")
  }

  @Test("rejects mismatched tags", arguments: ["<a><b></a>", "<a>", "no xml"])
  func malformed(text: String) {
    #expect(throws: XMLReader.Failure.self) { try XMLReader.parse(text) }
  }
}

@Suite("S3 signing rules")
struct S3SigningTests {
  @Test("presigned S3 URLs sign UNSIGNED-PAYLOAD and keep the key's path as written")
  func presign() throws {
    let signer = SigV4Signer(service: "s3", region: "eu-west-1", rules: .s3)
    let request = HTTPRequest(url: "https://data.s3.eu-west-1.amazonaws.com/jobs/a%20b/../c.py")
    let (signed, signature) = signer.presign(
      request, credentials: Fixtures.credentials, date: Fixtures.fixedDate, expires: 300,
      payloadHash: SigV4Signer.unsignedPayload)
    let lines = signature.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[1] == "/jobs/a%20b/../c.py")
    #expect(lines.last == "UNSIGNED-PAYLOAD")
    #expect(signed.url.contains("X-Amz-Expires=300"))
  }

  @Test("header-signed S3 requests carry x-amz-content-sha256")
  func header() {
    let signer = SigV4Signer(service: "s3", region: "eu-west-1", rules: .s3)
    var request = HTTPRequest(
      method: .put, url: "https://data.s3.eu-west-1.amazonaws.com/k", body: Array("hi".utf8))
    let signature = signer.sign(&request, credentials: Fixtures.credentials, date: Fixtures.fixedDate)
    let hash = "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4"
    #expect(request.headers["x-amz-content-sha256"] == hash)
    #expect(signature.canonicalRequest.contains("x-amz-content-sha256:\(hash)\n"))
    #expect(
      request.headers["Authorization"]?.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date") == true
    )
  }

  @Test("other services double-encode and normalise the path")
  func otherServices() {
    let signer = SigV4Signer(service: "eks", region: "eu-west-1")
    var request = HTTPRequest(url: "https://eks.eu-west-1.amazonaws.com/tags/arn%3Aaws%3Aeks")
    let signature = signer.sign(&request, credentials: Fixtures.credentials, date: Fixtures.fixedDate)
    #expect(signature.canonicalRequest.split(separator: "\n")[1] == "/tags/arn%253Aaws%253Aeks")
  }
}
