import Testing

@testable import Config

@Suite("${aws.ecrRegistry}")
struct ECRRegistryReferenceTests {
  @Test("stays unresolved until apply in an image's base and build args, and validates as an ECR host")
  func unresolvedUntilApply() throws {
    let body = """
      images:
        - name: pi
          base: ${aws.ecrRegistry}/docker-hub/apache/spark:${spark.version}-python3
        - name: weather
          context: .
          dockerfile: stack.yaml
          buildArgs:
            BASE_IMAGE: ${aws.ecrRegistry}/docker-hub/apache/spark:3.5.3
      """
    let validation = validate(body)
    #expect(validation.problems.filter { $0.severity == .error }.isEmpty, "\(validation.problems)")
    let stack = try #require(validation.stack)
    #expect(stack.images[0].base == "${aws.ecrRegistry}/docker-hub/apache/spark:3.5.3-python3")
    #expect(stack.images[1].buildArgs.first?.value == "${aws.ecrRegistry}/docker-hub/apache/spark:3.5.3")
  }

  @Test("validation reads it as an ECR host, so the rest of the reference is still checked")
  func checkedAroundIt() {
    #expect(
      StackValidator.applyTimeForm("${aws.ecrRegistry}/spark:1")
        == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/spark:1")
    let validation = validate("images:\n  - name: pi\n    base: ${aws.ecrRegistry}/Spark:1\n")
    #expect(validation.problems.contains { $0.message.contains("repository names are lowercase") })
  }
}
