import Config
import Engine
import Testing

@testable import Stack

@Suite("ownership marks")
struct OwnershipTests {
  let ownership = Ownership(prefix: "demo")

  @Test("filters for one address select the stack and that address, brackets as one-character wildcards")
  func addressFilters() {
    let filters = ownership.filters(for: Address("aws.ec2.subnet", "private[0]"))
    #expect(filters["tag:eks-spark.io/stack"] == ["demo"])
    #expect(filters["tag:eks-spark.io/address"] == ["aws.ec2.subnet.private?0?"])
    #expect(
      ownership.filters(for: Address("aws.ec2.vpc", "main"))["tag:eks-spark.io/address"] == [
        "aws.ec2.vpc.main"
      ])
  }

  @Test("the exact address check rejects a look-alike the wildcard filter admits")
  func exactCheckAfterFilter() {
    let address = Address("aws.ec2.subnet", "private[0]")
    let lookAlike = ["eks-spark.io/stack": "demo", "eks-spark.io/address": "aws.ec2.subnet.private(0)"]
    #expect(!ownership.owns(lookAlike, address: address))
    #expect(ownership.owns(ownership.tags(for: address), address: address))
  }

  @Test("the IAM roles are created under the names validation checks for length")
  func roleNamesMatchValidation() throws {
    let graph = try StackGraphTests.graph()
    let names = graph.resources.compactMap { ($0 as? IAMRoleResource)?.roleName }
    let prefix = try StackGraphTests.exampleStack().metadata.prefix
    #expect(names.contains("\(prefix)-cluster-role"))
    #expect(names.contains("\(prefix)-fargate-pod-role"))
    // A prefix whose pod role name passes 64 characters is refused by validate.
    let long = String(repeating: "p", count: 50)
    let text =
      "apiVersion: eks-spark.io/v1alpha1\nkind: Stack\nmetadata:\n  prefix: \(long)\n  region: eu-west-1\n"
    let problems = StackLoader(pathExists: { _ in true }).validate(text: text, file: "s.yaml").problems
    #expect(problems.contains { $0.message.contains("\(long)-fargate-pod-role") })
  }
}
