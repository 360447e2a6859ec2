import CYAML

/// Parses YAML text into node trees with libyaml's event API.
///
/// Every node keeps its 1-based line and column. Anchors and aliases are resolved (an alias
/// is a copy of the anchored node, with the anchored node's marks), `<<` merge keys are
/// applied (explicit keys win over merged ones; among merged mappings the first wins), and a
/// key that appears twice in one mapping is an error naming both positions.
///
/// ```swift
/// let documents = try YAMLParser.parse(text, file: "stack.yaml")
/// let version = documents[0]["cluster"]?["kubernetesVersion"]?.scalar?.text  // "1.30"
/// ```
public enum YAMLParser {
  /// The documents of a stream (an empty stream has none), or the first problem found.
  public static func parse(_ text: String, file: String) throws(YAMLError) -> [YAMLNode] {
    let result = parseCollectingErrors(text, file: file)
    if let first = result.errors.first { throw first }
    return result.documents
  }

  /// What `parseCollectingErrors` found: the documents it completed and every problem.
  public struct Result: Sendable {
    /// Documents parsed so far. After a duplicate key they are complete (the first
    /// occurrence is kept); a syntax error ends the stream, so later documents are missing.
    public var documents: [YAMLNode]
    /// Duplicate keys and bad merges in source order, then at most one fatal error (syntax,
    /// undefined alias) that stopped parsing.
    public var errors: [YAMLError]
  }

  /// Parses as far as possible and reports every duplicate key, not just the first, so a
  /// validator can list all problems in one run.
  public static func parseCollectingErrors(_ text: String, file: String) -> Result {
    var text = text
    return text.withUTF8 { buffer in
      var builder = YAMLTreeBuilder(file: file)
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) != 0 else {
        return Result(
          documents: [],
          errors: [
            YAMLError(
              code: .invalidInput, message: "libyaml could not allocate a parser", file: file,
              mark: Mark(line: 1, column: 1))
          ])
      }
      defer { yaml_parser_delete(&parser) }
      // libyaml wants a pointer even for empty input; a one-byte dummy with length 0 does.
      let empty: [UInt8] = [0]
      empty.withUnsafeBufferPointer { dummy in
        yaml_parser_set_input_string(&parser, buffer.baseAddress ?? dummy.baseAddress, buffer.count)
        run(&parser, into: &builder, text: buffer)
      }
      return Result(documents: builder.documents, errors: builder.errors)
    }
  }

  private static func run(
    _ parser: inout yaml_parser_t, into builder: inout YAMLTreeBuilder, text: UnsafeBufferPointer<UInt8>
  ) {
    var event = yaml_event_t()
    while true {
      guard yaml_parser_parse(&parser, &event) != 0 else {
        builder.errors.append(syntaxError(parser, file: builder.file, text: text))
        return
      }
      defer { yaml_event_delete(&event) }
      let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
      switch event.type {
      case YAML_STREAM_END_EVENT:
        return
      case YAML_DOCUMENT_START_EVENT:
        builder.startDocument()
      case YAML_DOCUMENT_END_EVENT:
        builder.endDocument()
      case YAML_SCALAR_EVENT:
        let data = event.data.scalar
        let text = string(data.value, length: data.length)
        let node = YAMLNode(
          .scalar(YAMLScalar(text, style: style(data.style))), tag: optionalString(data.tag),
          mark: mark, anchor: optionalString(data.anchor))
        if !builder.add(node) { return }
      case YAML_ALIAS_EVENT:
        let name = optionalString(event.data.alias.anchor) ?? ""
        if !builder.alias(name, mark: mark) { return }
      case YAML_SEQUENCE_START_EVENT:
        let data = event.data.sequence_start
        if !builder.open(
          .sequence, tag: optionalString(data.tag), anchor: optionalString(data.anchor), mark: mark)
        {
          return
        }
      case YAML_MAPPING_START_EVENT:
        let data = event.data.mapping_start
        if !builder.open(
          .mapping, tag: optionalString(data.tag), anchor: optionalString(data.anchor), mark: mark)
        {
          return
        }
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        if !builder.close() { return }
      default:
        break
      }
    }
  }

  private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: return .literal
    case YAML_FOLDED_SCALAR_STYLE: return .folded
    default: return .plain
    }
  }

  private static func string(_ pointer: UnsafeMutablePointer<UInt8>?, length: Int) -> String {
    guard let pointer, length > 0 else { return "" }
    return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
  }

  private static func optionalString(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }

  private static func syntaxError(
    _ parser: yaml_parser_t, file: String, text: UnsafeBufferPointer<UInt8>
  ) -> YAMLError {
    let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
    let mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
    var message = problem
    var related: Mark?
    if let context = parser.context.map({ String(cString: $0) }) {
      let contextMark = Mark(
        line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
      message += " \(context) started at \(contextMark)"
      related = contextMark
    }
    if parser.error == YAML_READER_ERROR {
      // libyaml gives reader errors a byte offset, not a mark.
      let offset = min(parser.problem_offset, text.count)
      let byte = parser.problem_value
      let hex = String(byte, radix: 16, uppercase: true)
      let control = byte >= 0 && byte < 0x20 || byte == 0x7F
      return YAMLError(
        code: .invalidInput,
        message: control ? "\(message) (byte 0x\(hex.count < 2 ? "0" : "")\(hex))" : message, file: file,
        mark: Self.mark(ofByte: offset, in: text),
        hint: control
          ? "remove the control character; YAML text holds only tabs and line breaks"
          : "save the file as UTF-8")
    }
    return YAMLError(
      code: .syntax, message: message, file: file, mark: mark, relatedMark: related,
      hint: syntaxHint(problem))
  }

  /// The 1-based line and column (in Unicode scalars, as libyaml counts) of a byte offset.
  static func mark(ofByte offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Mark {
    var line = 1
    var column = 1
    for byte in text.prefix(offset) {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return Mark(line: line, column: column)
  }

  /// Hints for the libyaml problems people hit most.
  private static func syntaxHint(_ problem: String) -> String {
    if problem.contains("tab character") {
      return "YAML indents with spaces, not tabs; replace the tab with spaces"
    }
    if problem.contains("cannot start any token") {
      return "YAML indents with spaces, not tabs; quote values that start with @ or `"
    }
    if problem.contains("mapping values are not allowed") {
      return "quote a value that contains \": \", or check the indentation of this line"
    }
    if problem.contains("did not find expected key") || problem.contains("did not find expected") {
      return "check the indentation: keys of one mapping must start in the same column"
    }
    if problem.contains("found undefined tag handle") {
      return "use a tag YAML knows, such as !!str"
    }
    if problem.contains("found unexpected end of stream") {
      return "a quote or bracket is not closed"
    }
    return "check the YAML syntax at this position"
  }
}
