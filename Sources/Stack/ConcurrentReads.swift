/// Reads sent together: what a plan's round-trip depth is made of. A read that needs an
/// id per item (one Describe per listed profile, one GetRole per listed role) costs one
/// round trip for all items this way, not one per item.
enum ConcurrentReads {
  /// `body` applied to every item at once; the answers in the items' order.
  static func map<Item: Sendable, Value: Sendable>(
    _ items: [Item], _ body: @escaping @Sendable (Item) async throws -> Value
  ) async throws -> [Value] {
    try await withThrowingTaskGroup(of: (Int, Value).self) { group in
      for (index, item) in items.enumerated() {
        group.addTask { (index, try await body(item)) }
      }
      var values = [Value?](repeating: nil, count: items.count)
      for try await (index, value) in group { values[index] = value }
      return values.compactMap { $0 }
    }
  }
}
