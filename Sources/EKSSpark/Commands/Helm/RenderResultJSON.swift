import Helm
import YAML

/// `-o json`: the render as data, for scripts and the differential test against Helm.
/// `{"templates": {path: text}, "notes": text|null, "manifests": [{path, kind, name}],
///   "hooks": [{path, kind, name, events, weight}], "crds": [path], "manifestError": text|null}`
/// A template that renders invalid YAML still yields its text here; `manifestError` says
/// why `helm template` would stop.
enum RenderResultJSON {
  static func encode(_ result: RenderResult, includeCRDs: Bool) -> String {
    var out = "{\"templates\":{"
    for (index, path) in result.templates.keys.sorted().enumerated() {
      if index > 0 { out += "," }
      YAMLJSONWriter.writeString(path, into: &out)
      out += ":"
      YAMLJSONWriter.writeString(result.templates[path]!, into: &out)
    }
    out += "},\"notes\":"
    if let notes = result.notes { YAMLJSONWriter.writeString(notes, into: &out) } else { out += "null" }
    out += ",\"manifests\":["
    for (index, manifest) in result.manifests.enumerated() {
      if index > 0 { out += "," }
      out += object([("path", manifest.path), ("kind", manifest.kind), ("name", manifest.name)])
    }
    out += "],\"hooks\":["
    for (index, hook) in result.hooks.enumerated() {
      if index > 0 { out += "," }
      var text = object([("path", hook.path), ("kind", hook.kind), ("name", hook.name)])
      text.removeLast()
      text +=
        ",\"events\":[" + hook.events.map { "\"\($0)\"" }.joined(separator: ",")
        + "],\"weight\":\(hook.weight)}"
      out += text
    }
    out += "],\"crds\":["
    if includeCRDs {
      for (index, crd) in result.crds.enumerated() {
        if index > 0 { out += "," }
        YAMLJSONWriter.writeString(crd.path, into: &out)
      }
    }
    out += "],\"manifestError\":"
    if let error = result.manifestError {
      YAMLJSONWriter.writeString(error.message, into: &out)
    } else {
      out += "null"
    }
    return out + "}"
  }

  static func object(_ pairs: [(String, String)]) -> String {
    var out = "{"
    for (index, (key, value)) in pairs.enumerated() {
      if index > 0 { out += "," }
      YAMLJSONWriter.writeString(key, into: &out)
      out += ":"
      YAMLJSONWriter.writeString(value, into: &out)
    }
    return out + "}"
  }
}
