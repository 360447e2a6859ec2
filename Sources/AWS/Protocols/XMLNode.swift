/// An element of an XML document: AWS's Query and REST-XML responses are small, regular
/// and namespace-light, so a tree of elements with their text is all eks-spark needs.
public struct XMLNode: Sendable, Hashable {
  public var name: String
  public var attributes: [String: String]
  public var children: [XMLNode]
  /// The element's own character data, entities decoded (CDATA included).
  public var text: String

  public init(name: String, attributes: [String: String] = [:], children: [XMLNode] = [], text: String = "") {
    self.name = name
    self.attributes = attributes
    self.children = children
    self.text = text
  }

  /// The first child called `name` (namespace prefixes ignored).
  public func child(_ name: String) -> XMLNode? { children.first { $0.localName == name } }

  /// Every child called `name`.
  public func all(_ name: String) -> [XMLNode] { children.filter { $0.localName == name } }

  /// Follows a path of child names: `node["Credentials", "AccessKeyId"]`.
  public subscript(path: String...) -> XMLNode? {
    var node: XMLNode? = self
    for name in path { node = node?.child(name) }
    return node
  }

  /// The text of the child at `path`, nil when absent.
  public func string(_ path: String...) -> String? {
    var node: XMLNode? = self
    for name in path { node = node?.child(name) }
    return node?.text
  }

  /// Depth-first search for the first element called `name`.
  public func find(_ name: String) -> XMLNode? {
    if localName == name { return self }
    for child in children { if let found = child.find(name) { return found } }
    return nil
  }

  /// The items of an AWS list: `<tagSet><item>…</item></tagSet>` or `<Roles><member>…`.
  public func items(_ listName: String) -> [XMLNode] {
    child(listName)?.children ?? []
  }

  public var localName: Substring {
    name.firstIndex(of: ":").map { name[name.index(after: $0)...] } ?? name[...]
  }
}
