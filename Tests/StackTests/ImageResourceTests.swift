import AWS
import Config
import Engine
import Images
import Testing

@testable import Stack

@Suite("image resources")
struct ImageResourceTests {
  static func session() throws -> RegistrySession {
    let configuration = AWSConfiguration(settings: AWSSettings(region: "eu-west-1"), environment: [:])
    return RegistrySession(
      ecr: try ECRClient(configuration: configuration), cacheDirectory: "/tmp/unused", environment: [:])
  }

  static func graph(images: Bool) throws -> StackGraph {
    let configuration = AWSConfiguration(settings: AWSSettings(region: "eu-west-1"), environment: [:])
    return try StackGraph(
      stack: try StackGraphTests.exampleStack(), accountID: "123456789012",
      zones: ["eu-west-1a", "eu-west-1b"],
      clients: try AWSClients(configuration: configuration), baseDirectory: StackGraphTests.examples,
      images: images ? try session() : nil)
  }

  @Test("one image per images[] entry, after its repository; none without a registry session (destroy)")
  func inTheGraph() throws {
    let graph = try ResourceGraph(try Self.graph(images: true).resources)
    for name in ["pi", "weather"] {
      let image = try #require(graph[ImageResource.address(name)])
      #expect(image.dependencies == [Address(RepositoryResource.type, name)])
    }
    let destroy = try Self.graph(images: false).resources
    #expect(!destroy.contains { $0.address.type == ImageResource.type })
  }

  @Test(
    "the example's pi is assembled on the account's registry; weather is built with the stack's versions under its own args"
  )
  func recipes() throws {
    let stack = try StackGraphTests.exampleStack()
    let references = ApplyTimeReferences(
      accountID: "123456789012", ecrRegistry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com")
    let pi = try ImageRecipe(
      stack.images[0], spark: stack.spark, baseDirectory: "/stacks", references: references)
    guard case .assemble(let spec) = pi.build else {
      Issue.record("pi is not assembled")
      return
    }
    #expect(
      spec.base?.description
        == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/apache/spark:3.5.3-python3")
    #expect(
      spec.files == [FileMapping(source: "/stacks/jobs/pi/pi.py", destination: "/opt/spark/work-dir/pi.py")])
    #expect(pi.verb == "assemble")
    let weather = try ImageRecipe(
      stack.images[1], spark: stack.spark, baseDirectory: "/stacks", references: references)
    guard case .dockerfile(let build) = weather.build else {
      Issue.record("weather is not built")
      return
    }
    #expect(build.context == "/stacks/jobs/weather")
    #expect(
      build.buildArgs == [
        "SPARK_VERSION": "3.5.3", "HADOOP_VERSION": "3.3.4", "AWS_SDK_BUNDLE_VERSION": "1.12.262",
        "BASE_IMAGE": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/apache/spark:3.5.3-python3",
      ])
  }

  @Test("apply-time references: the account id and the registry host")
  func references() {
    let references = ApplyTimeReferences(accountID: "111122223333", ecrRegistry: "r.example:5000")
    #expect(references.resolve("${aws.ecrRegistry}/a:${aws.accountId}") == "r.example:5000/a:111122223333")
    #expect(references.resolve("${metadata.accountId}") == "111122223333")
    #expect(references.resolve("plain") == "plain")
  }

  static let pushed = LiveState(
    attributes: ["repository": "p/pi", "tag": "in-1", "pushed": .bool(true), "build": "assemble"],
    outputs: ImageResource.outputs(
      registry: "r.example", repository: "p/pi", tag: "in-1", digest: Digest.of(Array("x".utf8))))

  @Test("a pushed content tag plans nothing and hands its digest on")
  func unchanged() throws {
    let resource = try #require(
      try Self.graph(images: true).resources.first { $0.address.name == "pi" && $0 is ImageResource })
    let change = resource.diff(desired: resource.desired(Inputs()), live: Self.pushed)
    #expect(change.action == .noop)
    let reference = try #require(change.liveOutputs["reference"]?.stringValue)
    #expect(reference == "r.example/p/pi@" + Digest.of(Array("x".utf8)).description)
    let inputs = Inputs([ImageResource.address("pi"): change.liveOutputs])
    #expect(ImageResource.reference("pi", in: inputs) == reference)
    #expect(ImageResource.reference("weather", in: inputs) == nil)
    #expect(
      resource.diff(desired: nil, live: Self.pushed).action == .noop,
      "destroy leaves images to their repository")
  }

  @Test(
    "a missing content tag is a create, with why",
    arguments: [
      (["build": "build", "earlier": .bool(true)], "build: context changed"),
      (["build": "assemble", "earlier": .bool(true)], "assemble: base, files or config changed"),
      (["build": "build", "earlier": .bool(false)], "build: not pushed yet"),
      (["build": "assemble", "fixedTag": "stable"], "tag: stable does not name the image with these inputs"),
    ] as [(Attributes, String)])
  func changed(_ extra: Attributes, _ reason: String) throws {
    let resource = try #require(try Self.graph(images: true).resources.first { $0 is ImageResource })
    var live = LiveState(attributes: ["repository": "p/pi", "tag": "in-2", "pushed": .bool(false)])
    live.attributes.merge(extra) { $1 }
    let change = resource.diff(desired: resource.desired(Inputs()), live: live)
    #expect(change.action == .create)
    #expect(change.reason == reason)
    #expect(change.after?["tag"] == "in-2")
  }
}
