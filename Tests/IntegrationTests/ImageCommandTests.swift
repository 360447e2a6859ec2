import Foundation
import Testing

/// The stack's images against the sandbox's registry behind ECR: built with buildah or
/// assembled natively, pushed through ECR's login, read back with skopeo and umoci.
/// Run on their own (mk/integration.mk): the expired-login case shortens every ECR token.
@Suite(
  "images against the sandbox registry", .serialized, .enabled(if: Sandbox.isAvailable),
  .enabled(if: Tools.available, "needs skopeo, umoci and buildah (make images-tools)"))
struct ImageCommandTests {
  @Test(
    "apply pushes both images through ECR's login; skopeo and umoci show the file and config; a second run plans and pushes nothing"
  )
  func applyPushesAndReadsBack() async throws {
    let fixture = try ImageFixture("img-apply")
    let apply = try await fixture.run(["apply", "--auto-approve"])
    #expect(apply.status == 0, "apply failed: \(apply.stderr)\n\(apply.stdout.suffix(2000))")
    #expect(apply.stdout.contains("# image.pi will be created"))
    #expect(apply.stdout.contains("# (because build: not pushed yet)"))
    let images = try await fixture.list()
    let pi = try #require(images["pi"])
    let weather = try #require(images["weather"])
    #expect(pi["pushed"] as? Bool == true && weather["pushed"] as? Bool == true)
    #expect(pi["repository"] as? String == "\(fixture.registry)/\(fixture.prefix)/pi")
    let yaml = try await fixture.run(["image", "list", "-o", "yaml"])
    for key in ["name", "repository", "build", "tag", "digest", "pushed"] {
      #expect(
        yaml.stdout.contains("  \(key): ") || yaml.stdout.contains("- \(key): "),
        "\(key) missing in \(yaml.stdout)")
      #expect(pi[key] != nil, "\(key) missing in the JSON")
    }
    let table = try await fixture.run(["image", "list"])
    #expect(table.stdout.hasPrefix("NAME      BUILD      REPOSITORY"), "\(table.stdout)")
    let piTag = try #require(pi["tag"] as? String)
    let piDigest = try #require(pi["digest"] as? String)
    #expect(piTag.hasPrefix("in-") && piTag.count == 43)

    let creds = "AWS:" + (try await ImageFixture.ecrPassword())
    let piRef = "docker://\(fixture.registry)/\(fixture.prefix)/pi:\(piTag)"
    let inspected = try await Tools.run("skopeo", ["inspect", "--tls-verify=false", "--creds", creds, piRef])
    #expect(inspected.status == 0, "\(inspected.output)")
    #expect(inspected.output.contains("\"Digest\": \"\(piDigest)\""))
    let config = try await Tools.run(
      "skopeo", ["inspect", "--config", "--tls-verify=false", "--creds", creds, piRef])
    #expect(config.output.contains("\"WorkingDir\": \"/opt/spark/work-dir\""), "\(config.output)")
    #expect(config.output.contains("\"JOB=pi\""), "\(config.output)")
    let denied = try await Tools.run("skopeo", ["inspect", "--tls-verify=false", piRef])
    #expect(denied.status != 0, "the registry answers only with ECR's login")

    // umoci unpacks the pushed image: the job file at its path, the config as declared.
    let layout = fixture.directory.appendingPathComponent("oci").path
    let copied = try await Tools.run(
      "skopeo", ["copy", "--src-tls-verify=false", "--src-creds", creds, piRef, "oci:\(layout):pi"])
    #expect(copied.status == 0, "\(copied.output)")
    let bundle = fixture.directory.appendingPathComponent("bundle").path
    let unpacked = try await Tools.run("umoci", ["unpack", "--rootless", "--image", "\(layout):pi", bundle])
    #expect(unpacked.status == 0, "\(unpacked.output)")
    let shipped = try String(contentsOfFile: "\(bundle)/rootfs/opt/spark/work-dir/pi.py", encoding: .utf8)
    let local = try String(
      contentsOf: fixture.directory.appendingPathComponent("jobs/pi/pi.py"), encoding: .utf8)
    #expect(shipped == local)
    let runtime = try String(contentsOfFile: "\(bundle)/config.json", encoding: .utf8)
    #expect(
      runtime.contains("\"cwd\": \"/opt/spark/work-dir\"")
        || runtime.contains("\"cwd\":\"/opt/spark/work-dir\""))
    #expect(runtime.contains("JOB=pi"))

    // The Dockerfile build: the stack's Spark versions are build args, visible in the result.
    let weatherRef =
      "docker://\(fixture.registry)/\(fixture.prefix)/weather:\(weather["tag"] as? String ?? "")"
    let built = try await Tools.run(
      "skopeo", ["inspect", "--tls-verify=false", "--creds", creds, weatherRef])
    #expect(built.output.contains("\"io.eks-spark.spark-version\": \"3.5.3\""), "\(built.output)")
    #expect(built.output.contains("EKS_SPARK_HADOOP_VERSION=3.3.4"))

    let marker = try await RequestLog.last()
    let plan = try await fixture.run(["plan", "--detailed-exitcode"])
    #expect(plan.status == 0, "a second plan has changes: \(plan.stdout)")
    let again = try await fixture.run(["image", "build", "--auto-approve"])
    #expect(again.status == 0 && again.stdout.contains("No changes."), "\(again.stderr)")
    #expect(try await ImageFixture.registryWrites(since: marker).isEmpty, "an unchanged image was pushed")
  }

  @Test(
    "a changed job file plans one image and pushes one small layer (and its config), the base's layers stay")
  func changedFilePushesOneLayer() async throws {
    let fixture = try ImageFixture("img-change")
    let first = try await fixture.run(["image", "build", "pi", "--auto-approve"])
    #expect(first.status == 0, "\(first.stderr)")
    let before = try await fixture.list()["pi"]
    let file = fixture.directory.appendingPathComponent("jobs/pi/pi.py")
    try (try String(contentsOf: file, encoding: .utf8) + "# changed\n").write(
      to: file, atomically: true, encoding: .utf8)
    let plan = try await fixture.run(["plan", "--target", "image.pi"])
    #expect(plan.stdout.contains("# (because assemble: base, files or config changed)"), "\(plan.stdout)")
    let marker = try await RequestLog.last()
    let second = try await fixture.run(["image", "build", "pi", "--auto-approve"])
    #expect(second.status == 0, "\(second.stderr)")
    let writes = try await ImageFixture.registryWrites(since: marker)
    #expect(writes.filter { $0.operation == "PUT blobs" }.count == 2, "\(writes.map(\.operation))")
    #expect(writes.filter { $0.operation == "PUT manifests" }.count == 1)
    let after = try await fixture.list()["pi"]
    #expect(after?["tag"] as? String != before?["tag"] as? String)

    let creds = "AWS:" + (try await ImageFixture.ecrPassword())
    func layers(_ tag: Any?) async throws -> [[String: Any]] {
      let out = try await Tools.run(
        "skopeo",
        [
          "inspect", "--raw", "--tls-verify=false", "--creds", creds,
          "docker://\(fixture.registry)/\(fixture.prefix)/pi:\(tag as? String ?? "")",
        ]
      ).output
      let manifest = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
      return manifest["layers"] as? [[String: Any]] ?? []
    }
    let old = try await layers(before?["tag"])
    let new = try await layers(after?["tag"])
    #expect(old.count == new.count && new.count >= 2)
    #expect(old.dropLast().map { $0["digest"] as? String } == new.dropLast().map { $0["digest"] as? String })
    #expect((new.last?["size"] as? Int ?? .max) < 20_000, "the job layer is small")
  }

  /// A bad input, how to cause it, and what the error says.
  struct BadInput: Sendable, CustomStringConvertible {
    var description: String
    var images: String?
    var environment: [String: String] = [:]
    var dockerfile: String?
    var expired = false
    /// Change the weather job's file, so its image needs a build.
    var changeJob = false
    var message: String
  }

  static let badInputs: [BadInput] = [
    BadInput(
      description: "a missing build context",
      images: "images:\n  - name: weather\n    context: jobs/nowhere\n",
      message: "build context \"jobs/nowhere\" of image \"weather\" does not exist"),
    BadInput(
      description: "a context without its Dockerfile",
      images: "images:\n  - name: pi\n    context: jobs/pi\n",
      message: "image \"pi\" has no Dockerfile in jobs/pi"),
    BadInput(
      description: "no builder on PATH", environment: ["PATH": "/nonexistent"], changeJob: true,
      message: "no image builder (buildah, podman or docker) is on PATH"),
    BadInput(
      description: "a failing build step",
      dockerfile: "FROM ${BASE_IMAGE}\nRUN echo step-output-before-failing && false\n",
      message: "buildah build failed with exit status"),
    BadInput(
      description: "a base image that does not exist",
      images:
        "images:\n  - name: pi\n    base: ${aws.ecrRegistry}/docker-hub/apache/spark:0.0.0-missing\n    files:\n      jobs/pi/pi.py: /opt/spark/work-dir/pi.py\n",
      message: "docker-hub/apache/spark:0.0.0-missing"),
    BadInput(
      description: "an expired registry login", expired: true, message: "Your authorization token has expired"
    ),
  ]

  @Test("bad input is a clear error, and nothing is pushed or changed", arguments: badInputs)
  func badInput(_ bad: BadInput) async throws {
    let fixture = try ImageFixture("img-bad")
    // The repositories exist first, so only the image could change.
    let setup = try await fixture.run(["image", "build", "--auto-approve"])
    #expect(setup.status == 0, "\(setup.stderr)")
    if let images = bad.images { try fixture.writeStack(images: images) }
    if let dockerfile = bad.dockerfile {
      try ("ARG BASE_IMAGE\n" + dockerfile).write(
        to: fixture.directory.appendingPathComponent("jobs/weather/Dockerfile"), atomically: true,
        encoding: .utf8)
    }
    if bad.changeJob {
      let file = fixture.directory.appendingPathComponent("jobs/weather/weather.py")
      try (try String(contentsOf: file, encoding: .utf8) + "# changed\n").write(
        to: file, atomically: true, encoding: .utf8)
    }
    if bad.expired { try await Sandbox.control(.put, "/ecr", #"{"token_lifetime_seconds": 0}"#) }
    let marker = try await RequestLog.last()
    let outcome = await Result {
      try await fixture.run(["image", "build", "--auto-approve"], environment: bad.environment)
    }
    if bad.changeJob {
      let file = fixture.directory.appendingPathComponent("jobs/weather/weather.py")
      try (try String(contentsOf: file, encoding: .utf8) + "# changed\n").write(
        to: file, atomically: true, encoding: .utf8)
    }
    if bad.expired { try await Sandbox.control(.put, "/ecr", #"{"token_lifetime_seconds": 43200}"#) }
    let run = try outcome.get()
    #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
    if bad.dockerfile != nil {
      // A build fails during apply: the report (standard output) names the step and
      // ends with the builder's output.
      #expect(run.stdout.contains("image.weather: Creation failed"), "\(run.stdout)")
      #expect(run.stdout.contains(bad.message), "\(run.stdout)")
      #expect(run.stdout.contains("step-output-before-failing"), "the build's tail is shown: \(run.stdout)")
    } else {
      // Everything else fails the plan, before any write.
      #expect(run.stderr.contains(bad.message), "\(run.stderr)")
      #expect(run.stderr.contains("hint:"), "\(run.stderr)")
    }
    #expect(try await ImageFixture.registryWrites(since: marker).isEmpty, "something was pushed")
    let writes = try await RequestLog.entries(since: marker).filter {
      $0.service != "ecr-registry" && $0.isResourceWrite
    }
    #expect(writes.isEmpty, "\(writes.map { "\($0.service) \($0.operation)" })")
  }
}
