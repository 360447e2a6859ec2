import Config
import FoundationEssentials
import Kubernetes
import Spark
import YAML

/// What `job submit TARGET` names: a job of the stack, local code, or a SparkApplication file.
public enum JobTarget: Sendable {
  case stackJob(JobConfig)
  /// A `.py`, `.jar` or `.R` file to upload and run.
  case localCode(path: String)
  /// The file's application; each submit runs it under a new name.
  case applicationFile(path: String, object: KubernetesObject)

  /// Resolves `text`: a stack job's name wins; otherwise a readable file.
  public static func resolve(_ text: String, mapping: JobSpecMapping, read: (String) -> String?)
    throws(JobsError)
    -> JobTarget
  {
    if let job = mapping.job(named: text) { return .stackJob(job) }
    if LocalCode.isCode(text) { return .localCode(path: text) }
    guard let contents = read(text) else {
      let names = mapping.stack.jobs.map(\.name)
      throw JobsError(
        .unknownTarget, "\"\(text)\" is neither a job of the stack nor a readable file",
        remedy: names.isEmpty
          ? "add the job to jobs: in the stack file, or pass a SparkApplication file"
          : "submit one of the stack's jobs (\(names.joined(separator: ", "))) or a SparkApplication file")
    }
    let object: KubernetesObject
    do {
      object = try KubernetesObject.parse(contents, what: text)
    } catch {
      throw JobsError(
        .invalidApplication, "\(text): \(error.message)",
        remedy: "pass a SparkApplication manifest (YAML or JSON)")
    }
    guard object.kind == SparkApplication.kind, object.apiVersion.hasPrefix("sparkoperator.k8s.io/") else {
      throw JobsError(
        .invalidApplication,
        "\(text) holds a \(object.kind.isEmpty ? "document without a kind" : object.kind), not a SparkApplication",
        remedy: "pass a manifest with apiVersion sparkoperator.k8s.io/v1beta2 and kind SparkApplication")
    }
    guard !object.name.isEmpty else {
      throw JobsError(
        .invalidApplication, "\(text): the SparkApplication has no metadata.name",
        remedy: "name it: each submit runs it as <name>-<id>")
    }
    return .applicationFile(path: text, object: object)
  }

  /// The job name runs of this target are named after.
  public var jobName: String {
    switch self {
    case .stackJob(let job): return job.name
    case .applicationFile(_, let object): return object.name
    case .localCode(let path): return LocalCode(main: path).jobName
    }
  }
}
