/// Helm's and Sprig's serialisers: `toYaml`, `fromYaml`, `toJson`, `fromJson`, `toToml`.
enum HelmSerialization {
  static let all: [String: TemplateFunction] = [
    "toYaml": TemplateFunction(arity: 1) { .string($0[0].helmYAML) },
    "mustToYaml": TemplateFunction(arity: 1) { .string($0[0].helmYAML) },
    "fromYaml": TemplateFunction(arity: 1) { call in
      let text = try call.string(0)
      do {
        switch try GoYAMLDecoder.decode(text) {
        case .map(let map): return .map(map)
        case .null: return .map([:])
        case let other:
          return .map(["Error": .string(unmarshalError(other, into: "map[string]interface {}"))])
        }
      } catch {
        return .map(["Error": .string("\(error)")])
      }
    },
    "fromYamlArray": TemplateFunction(arity: 1) { call in
      let text = try call.string(0)
      do {
        switch try GoYAMLDecoder.decode(text) {
        case .list(let items): return .list(items)
        case .null: return .list([])
        case let other: return .list([.string(unmarshalError(other, into: "[]interface {}"))])
        }
      } catch {
        return .list([.string("\(error)")])
      }
    },
    "toJson": TemplateFunction(arity: 1) { .string(JSONCodec.encode($0[0])) },
    "mustToJson": TemplateFunction(arity: 1) { .string(JSONCodec.encode($0[0])) },
    "toPrettyJson": TemplateFunction(arity: 1) { .string(JSONCodec.encodePretty($0[0])) },
    "mustToPrettyJson": TemplateFunction(arity: 1) { .string(JSONCodec.encodePretty($0[0])) },
    "toRawJson": TemplateFunction(arity: 1) { call in
      var out = ""
      JSONCodec.write(call[0], into: &out, indent: nil, level: 0, escapeHTML: false)
      return .string(out)
    },
    "mustToRawJson": TemplateFunction(arity: 1) { call in
      var out = ""
      JSONCodec.write(call[0], into: &out, indent: nil, level: 0, escapeHTML: false)
      return .string(out)
    },
    "fromJson": TemplateFunction(arity: 1) { call in
      let text = try call.string(0)
      do {
        switch try JSONCodec.decode(text) {
        case .map(let map): return .map(map)
        case .null: return .map([:])
        case let other: return .map(["Error": .string(jsonTypeError(other, into: "map[string]interface {}"))])
        }
      } catch {
        return .map(["Error": .string("\(error)")])
      }
    },
    "fromJsonArray": TemplateFunction(arity: 1) { call in
      let text = try call.string(0)
      do {
        switch try JSONCodec.decode(text) {
        case .list(let items): return .list(items)
        case .null: return .list([])
        case let other: return .list([.string(jsonTypeError(other, into: "[]interface {}"))])
        }
      } catch {
        return .list([.string("\(error)")])
      }
    },
    "mustFromJson": TemplateFunction(arity: 1) { call in
      let text = try call.string(0)
      do {
        return try JSONCodec.decode(text)
      } catch {
        throw FunctionError("\(error)")
      }
    },
    "toToml": TemplateFunction(arity: 1) { .string(TOMLEncoder.encode($0[0])) },
  ]

  static func jsonKind(_ v: Value) -> String {
    switch v {
    case .list: return "array"
    case .map: return "object"
    case .string: return "string"
    case .bool: return "bool"
    default: return "number"
    }
  }

  static func jsonTypeError(_ v: Value, into type: String) -> String {
    "json: cannot unmarshal \(jsonKind(v)) into Go value of type \(type)"
  }

  static func unmarshalError(_ v: Value, into type: String) -> String {
    "error unmarshaling JSON: while decoding JSON: " + jsonTypeError(v, into: type)
  }
}
