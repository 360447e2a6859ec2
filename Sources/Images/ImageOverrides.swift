/// What native assembly changes in the base's run settings.
public struct ImageOverrides: Sendable, Hashable {
  /// Set or replaced in the base's environment, in this order.
  public var env: [(name: String, value: String)]
  public var workingDir: String?
  public var user: String?
  public var entrypoint: [String]?
  public var cmd: [String]?

  public init(
    env: [(name: String, value: String)] = [], workingDir: String? = nil, user: String? = nil,
    entrypoint: [String]? = nil, cmd: [String]? = nil
  ) {
    self.env = env
    self.workingDir = workingDir
    self.user = user
    self.entrypoint = entrypoint
    self.cmd = cmd
  }

  /// Applies the overrides with Dockerfile semantics: a new entrypoint drops the base's
  /// command unless a command is given too.
  public func applied(to base: ImageConfiguration.RunConfig?) -> ImageConfiguration.RunConfig {
    var config = base ?? ImageConfiguration.RunConfig()
    var variables = config.env ?? []
    for (name, value) in env {
      let entry = "\(name)=\(value)"
      if let index = variables.firstIndex(where: { $0 == name || $0.hasPrefix("\(name)=") }) {
        variables[index] = entry
      } else {
        variables.append(entry)
      }
    }
    config.env = variables.isEmpty ? nil : variables
    if let workingDir { config.workingDir = workingDir }
    if let user { config.user = user }
    if let entrypoint {
      config.entrypoint = entrypoint
      config.cmd = nil
    }
    if let cmd { config.cmd = cmd }
    return config
  }

  public static func == (lhs: ImageOverrides, rhs: ImageOverrides) -> Bool {
    lhs.env.elementsEqual(rhs.env) { $0.name == $1.name && $0.value == $1.value }
      && lhs.workingDir == rhs.workingDir
      && lhs.user == rhs.user && lhs.entrypoint == rhs.entrypoint && lhs.cmd == rhs.cmd
  }

  public func hash(into hasher: inout Hasher) {
    for (name, value) in env {
      hasher.combine(name)
      hasher.combine(value)
    }
    hasher.combine(workingDir)
    hasher.combine(user)
    hasher.combine(entrypoint)
    hasher.combine(cmd)
  }
}
