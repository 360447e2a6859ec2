/// Every default in one place: they reproduce the original CDK deployment.
public enum StackDefaults {
  public static let prefix = "spark-eks"
  public static let region = "eu-west-1"
  public static let vpcCidr = "10.36.0.0/16"
  public static let availabilityZones = 2
  public static let natGateways = 1
  /// Kubernetes versions EKS supports (standard and extended support); the first check
  /// to update when EKS releases or retires one.
  public static let supportedKubernetesVersions = ["1.28", "1.29", "1.30", "1.31", "1.32", "1.33"]
  public static let kubernetesVersion = "1.32"
  public static let clusterName = "${metadata.prefix}-cluster"
  public static let bucket = "${metadata.prefix}-data-lake-${aws.accountId}"
  public static let operatorNamespace = "spark-operator"
  public static let jobNamespace = "default"
  public static let serviceAccount = "spark"
  public static let sparkVersion = "3.5.3"
  public static let hadoopVersion = "3.3.4"
  public static let awsSdkBundleVersion = "1.12.262"
  public static let chart = "spark-operator"
  public static let chartRepository = "https://kubeflow.github.io/spark-operator"
  /// The chart version the original deployment installed.
  public static let chartVersion = "1.1.6"
  public static let operatorTimeoutSeconds = 300
  /// What lets S3A use the pod's IRSA web-identity token instead of static keys.
  public static let sparkConf = [
    KeyValue(
      "spark.hadoop.fs.s3a.aws.credentials.provider", "com.amazonaws.auth.WebIdentityTokenCredentialsProvider"
    ),
    KeyValue("spark.hadoop.fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem"),
  ]
  /// What the Spark driver needs to create and watch its executors.
  public static let roleResources = ["pods", "services", "configmaps"]
  public static let roleVerbs = ["*"]
  public static let logTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  /// `default` for namespaces default and kube-system (CoreDNS), and one for the operator.
  static func fargateProfiles(operatorNamespace: String) -> [FargateProfileConfig] {
    [
      FargateProfileConfig(
        name: "default",
        selectors: [
          FargateSelector(namespace: "default", labels: []),
          FargateSelector(namespace: "kube-system", labels: []),
        ]),
      FargateProfileConfig(
        name: operatorNamespace, selectors: [FargateSelector(namespace: operatorNamespace, labels: [])]),
    ]
  }
}
