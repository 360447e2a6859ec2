/// The `apiVersion` and `kind` a stack file must declare.
public enum StackKind {
  public static let apiVersion = "eks-spark.io/v1alpha1"
  public static let kind = "Stack"
}
