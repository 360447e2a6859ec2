import Testing

@testable import HTTP

@Test("idempotent methods follow RFC 9110", arguments: HTTPMethod.allCases)
func idempotence(method: HTTPMethod) {
  let expected: Set<HTTPMethod> = [.get, .head, .put, .delete]
  #expect(method.isIdempotent == expected.contains(method))
}
