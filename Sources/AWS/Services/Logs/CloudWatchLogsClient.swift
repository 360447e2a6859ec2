import FoundationEssentials

extension AWSService {
  /// CloudWatch Logs (awsJson 1.1): where Fargate's log router sends container output.
  public static let logs = AWSService(
    id: "logs", environmentName: "CLOUDWATCH_LOGS", signingName: "logs", hostPrefix: "logs",
    wireProtocol: .awsJSON(targetPrefix: "Logs_20140328"), isGlobal: false)
}

/// One log event: its time (milliseconds since 1970) and its text.
public struct CloudWatchLogEvent: Codable, Sendable, Hashable {
  public var logStreamName: String?
  public var timestamp: Int64?
  public var message: String
  public var ingestionTime: Int64?

  public init(
    logStreamName: String? = nil, timestamp: Int64? = nil, message: String, ingestionTime: Int64? = nil
  ) {
    self.logStreamName = logStreamName
    self.timestamp = timestamp
    self.message = message
    self.ingestionTime = ingestionTime
  }
}

/// Amazon CloudWatch Logs: reading what Fargate's log router wrote.
public struct CloudWatchLogsClient: Sendable {
  public let client: AWSClient

  public init(configuration: AWSConfiguration) throws {
    client = try AWSClient(service: .logs, configuration: configuration)
  }

  /// The events of the group's streams whose names start with `streamPrefix`, oldest first,
  /// every page (`startTime` in milliseconds since 1970).
  public func filterLogEvents(group: String, streamPrefix: String? = nil, startTime: Int64? = nil)
    async throws
    -> [CloudWatchLogEvent]
  {
    struct Input: Encodable {
      var logGroupName: String
      var logStreamNamePrefix: String?
      var startTime: Int64?
      var nextToken: String?
    }
    struct Output: Decodable {
      var events: [CloudWatchLogEvent]?
      var nextToken: String?
    }
    var events: [CloudWatchLogEvent] = []
    var token: String?
    repeat {
      let page = try await client.json(
        "FilterLogEvents",
        Input(logGroupName: group, logStreamNamePrefix: streamPrefix, startTime: startTime, nextToken: token),
        as: Output.self)
      events += page.events ?? []
      // FilterLogEvents may answer an empty page with a token while it searches on.
      token = page.nextToken == token ? nil : page.nextToken
    } while token != nil
    return events
  }

  /// The events of one stream, oldest first, every page (`startFromHead`).
  public func getLogEvents(group: String, stream: String) async throws -> [CloudWatchLogEvent] {
    struct Input: Encodable {
      var logGroupName: String
      var logStreamName: String
      var startFromHead: Bool
      var nextToken: String?
    }
    struct Output: Decodable {
      var events: [CloudWatchLogEvent]?
      var nextForwardToken: String?
    }
    var events: [CloudWatchLogEvent] = []
    var token: String?
    while true {
      let page = try await client.json(
        "GetLogEvents",
        Input(logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token),
        as: Output.self)
      events += page.events ?? []
      // The forward token repeats once the end of the stream is reached.
      guard let next = page.nextForwardToken, next != token, !(page.events ?? []).isEmpty else {
        return events
      }
      token = next
    }
  }
}
