import Testing
import YAML

@testable import Config

extension ValidationRuleTests {
  /// Rules of images assembled natively (`base` and `files`).
  static let imageCases: [RuleCase] = [
    Case(
      "ecrRegistryEarly", "cluster:\n  name: ${aws.ecrRegistry}\n",
      .error, "${aws.ecrRegistry} cannot be used here", at: "4:9",
      hint:
        "this value is resolved before aws.ecrRegistry; use one of: ${aws.accountId}, ${aws.region}, ${metadata.accountId}, ${metadata.prefix}, ${metadata.region}"
    ),
    Case(
      "ecrRegistryTypo", "images:\n  - name: pi\n    base: ${aws.ecrRegistri}/spark:3.5.3\n",
      .error, "unknown reference ${aws.ecrRegistri}", at: "5:11", hint: "did you mean ${aws.ecrRegistry}?"),
    Case(
      "imageBaseContext", "images:\n  - name: pi\n    base: apache/spark:3.5.3\n    context: ctx\n",
      .error, "image \"pi\" sets both base and context", at: "6:5",
      hint: "use base and files to assemble an image, or context and dockerfile to build one"),
    Case(
      "imageBaseBuildArgs", "images:\n  - name: pi\n    base: apache/spark:3.5.3\n    buildArgs: {A: b}\n",
      .error, "\"buildArgs\" in image \"pi\" is for Dockerfile builds, but the image has base", at: "6:5",
      hint: "remove buildArgs, or remove base and build the image from a context"),
    Case(
      "imageFilesNoBase", "images:\n  - name: pi\n    context: ctx\n    files: {job.py: /app/job.py}\n",
      .error, "\"files\" in image \"pi\" needs base: it is for images assembled without a Dockerfile",
      at: "6:5",
      hint: "add base: <image> to assemble the image from files, or set it in the Dockerfile"),
    Case(
      "imageBaseInvalid", "images:\n  - name: pi\n    base: Apache/Spark:3.5.3\n",
      .error,
      "base image \"Apache/Spark:3.5.3\" of image \"pi\" is invalid: repository names are lowercase letters, digits, '.', '_' and '-'",
      at: "5:11",
      hint: "write registry/repository:tag or registry/repository@sha256:<digest>, such as apache/spark:3.5.3"
    ),
    Case(
      "imageBaseDigest", "images:\n  - name: pi\n    base: python@sha256:abc\n",
      .error,
      "base image \"python@sha256:abc\" of image \"pi\" is invalid: a digest is sha256: and 64 lowercase hex digits",
      at: "5:11",
      hint: "write registry/repository:tag or registry/repository@sha256:<digest>, such as apache/spark:3.5.3"
    ),
    Case(
      "imageFileMissing",
      "images:\n  - name: pi\n    base: python:3.12\n    files:\n      ./nope.py: /app/job.py\n",
      .error, "file \"./nope.py\" of image \"pi\" does not exist", at: "7:7",
      hint: "paths are relative to the stack file's folder (/stacks)"),
    Case(
      "imageFileRelative",
      "images:\n  - name: pi\n    base: python:3.12\n    files:\n      job.py: app/job.py\n",
      .error, "the image path \"app/job.py\" of \"job.py\" in image \"pi\" is not absolute", at: "7:15",
      hint: "write an absolute path in the image, such as /opt/spark/work-dir/job.py"),
    Case(
      "imageFileDotDot",
      "images:\n  - name: pi\n    base: python:3.12\n    files:\n      job.py: /app/../etc/passwd\n",
      .error, "the image path \"/app/../etc/passwd\" of \"job.py\" in image \"pi\" contains ..", at: "7:15",
      hint: "write the path without .., such as /opt/spark/work-dir/job.py"),
    Case(
      "imageFileTwice",
      "images:\n  - name: pi\n    base: python:3.12\n    files:\n      a.py: /app/x.py\n      b.py: /app/./x.py\n",
      .error, "image \"pi\" puts two files at /app/x.py", at: "8:13",
      hint: "give each file its own path in the image"),
    Case(
      "imageEnvName", "images:\n  - name: pi\n    base: python:3.12\n    env:\n      1BAD: x\n",
      .error, "environment variable name \"1BAD\" of image \"pi\" is invalid", at: "7:7",
      hint:
        "rename it: environment variable names are letters, digits, '_', '-' and '.', not starting with a digit"
    ),
    Case(
      "imageWorkdir", "images:\n  - name: pi\n    base: python:3.12\n    workdir: app\n",
      .error, "workdir \"app\" of image \"pi\" is not absolute", at: "6:14",
      hint: "write an absolute path, such as /opt/spark/work-dir"),
    Case(
      "imageUser", "images:\n  - name: pi\n    base: python:3.12\n    user: \"a b\"\n",
      .error, "user \"a b\" of image \"pi\" is invalid", at: "6:11",
      hint: "write a user name or uid, optionally with :group or :gid, such as 185 or spark:spark"),
  ]
}

@Suite("assembled images")
struct AssembledImageDecodingTests {
  static let body = """
    images:
      - name: pi
        base: public.ecr.aws/docker/library/python:3.12-slim
        files:
          jobs/pi.py: /opt/app/pi.py
          jobs/lib: /opt/app/lib
        env: {JOB: pi, LOG_LEVEL: info}
        workdir: /opt/app
        user: "185"
        entrypoint: [python3, /opt/app/pi.py]
        cmd: ["--n", "100"]

    """

  @Test("the native-assembly keys decode in file order, with no context needed")
  func decodes() throws {
    let validation = validate(Self.body)
    #expect(validation.errors.isEmpty, "\(validation.errors.map(\.description))")
    let image = try #require(validation.stack?.images.first)
    #expect(image.isAssembled)
    #expect(image.base == "public.ecr.aws/docker/library/python:3.12-slim")
    #expect(image.files.map(\.key) == ["jobs/pi.py", "jobs/lib"])
    #expect(image.files.map(\.value) == ["/opt/app/pi.py", "/opt/app/lib"])
    #expect(image.env.map(\.key) == ["JOB", "LOG_LEVEL"])
    #expect(image.workdir == "/opt/app")
    #expect(image.user == "185")
    #expect(image.entrypoint == ["python3", "/opt/app/pi.py"])
    #expect(image.cmd == ["--n", "100"])
    #expect(image.repository == "spark-eks/pi")
  }

  @Test("an assembled image written back as YAML reads back the same")
  func roundTrip() throws {
    let stack = try #require(validate(Self.body).stack)
    let again = StackLoader(pathExists: { _ in true }).validate(
      text: YAMLEmitter.emit(stack.node), file: "resolved.yaml", baseDirectory: "/stacks")
    #expect(again.errors.isEmpty, "\(again.errors.map(\.description))")
    #expect(again.stack?.images == stack.images)
  }

  @Test("a build gets the stack's Spark versions under the image's own build args")
  func buildArgs() throws {
    let body =
      "spark:\n  version: 3.5.3\nimages:\n  - name: pi\n    context: ctx\n    buildArgs: {HADOOP_VERSION: 3.4.0, X: y}\n"
    let stack = try #require(validate(body).stack)
    let args = try #require(stack.images.first).effectiveBuildArgs(spark: stack.spark)
    #expect(args["SPARK_VERSION"] == "3.5.3")
    #expect(args["HADOOP_VERSION"] == "3.4.0")
    #expect(args["AWS_SDK_BUNDLE_VERSION"] == stack.spark.awsSdkBundleVersion)
    #expect(args["X"] == "y")
  }
}
