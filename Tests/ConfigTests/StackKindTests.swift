import Testing

@testable import Config

@Test("the stack kind is versioned under eks-spark.io")
func stackKind() {
  #expect(StackKind.apiVersion == "eks-spark.io/v1alpha1")
  #expect(StackKind.kind == "Stack")
}
