import Testing
import YAML

@testable import Config

/// One case per validation rule: a stack body (after apiVersion and kind, so it starts on
/// line 3), and the problem it must produce, with its exact message and line:column.
struct RuleCase: CustomTestStringConvertible, Sendable {
  var rule: String
  var body: String
  var severity: StackProblem.Severity
  var message: String
  var position: String

  var testDescription: String { rule }
}

private func Case(
  _ rule: String, _ body: String, _ severity: StackProblem.Severity, _ message: String, at position: String
) -> RuleCase {
  RuleCase(rule: rule, body: body, severity: severity, message: message, position: position)
}

/// Validates a body under the standard header; paths containing "nope" do not exist.
func validate(_ body: String) -> StackValidation {
  let loader = StackLoader(pathExists: { !$0.contains("nope") })
  return loader.validate(
    text: "apiVersion: eks-spark.io/v1alpha1\nkind: Stack\n" + body, file: "stack.yaml",
    baseDirectory: "/stacks")
}

@Suite("validation rules")
struct ValidationRuleTests {
  static let cases: [RuleCase] = [
    Case(
      "arnPartition",
      "metadata:\n  region: cn-north-1\naccess:\n  adminArns: [\"arn:aws:iam::123456789012:role/Admin\"]\n",
      .error,
      "ARN \"arn:aws:iam::123456789012:role/Admin\" is in partition aws, but region cn-north-1 is in aws-cn",
      at: "6:15"),
    Case(
      "arnShape", "access:\n  adminArns: [\"arn:aws:iam::1234:role/Admin\"]\n",
      .error, "admin ARN \"arn:aws:iam::1234:role/Admin\" is not an IAM user or role ARN", at: "4:15"),
    Case(
      "badRef",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    arguments: [\"s3a://${dataLake.buckt}/in\"]\n",
      .error, "unknown reference ${dataLake.buckt}", at: "7:24"),
    Case(
      "bucketDerived", "metadata:\n  prefix: spark-eks-with-a-long-prefix-for-the-team\n",
      .error,
      "the bucket name \"spark-eks-with-a-long-prefix-for-the-team-data-lake-${aws.accountId}\" is invalid: it is 64 characters; bucket names have 3 to 63",
      at: "4:11"),
    Case(
      "bucketIP", "dataLake:\n  bucket: 192.168.1.10\n",
      .error, "the bucket name \"192.168.1.10\" is invalid: it is formatted as an IP address", at: "4:11"),
    Case(
      "choice",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    restartPolicy:\n      type: OnFailures\n",
      .error,
      "\"type\" in restartPolicy of job \"pi\" is \"OnFailures\", not one of Never, OnFailure, Always; did you mean \"OnFailure\"?",
      at: "8:13"),
    Case(
      "cidrHost", "network:\n  cidr: 10.36.1.0/16\n",
      .error, "network.cidr \"10.36.1.0/16\" has host bits set", at: "4:9"),
    Case(
      "cidrShape", "network:\n  cidr: 10.36.0/16\n",
      .error, "network.cidr \"10.36.0/16\" is not an IPv4 CIDR block: it must look like 10.0.0.0/16",
      at: "4:9"),
    Case(
      "clusterName", "cluster:\n  name: my.cluster\n",
      .error, "the cluster name \"my.cluster\" is invalid: it may contain only letters, digits, '-' and '_'",
      at: "4:9"),
    Case(
      "cpuBad",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    driver:\n      coreLimit: 1Gi\n",
      .error, "driver coreLimit \"1Gi\" of job \"pi\" is not a CPU quantity", at: "8:18"),
    Case(
      "cpuBelow",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    driver:\n      cores: 2\n      coreLimit: 1500m\n",
      .error, "coreLimit 1500m of the driver of job \"pi\" is below its CPU request (2000m)", at: "9:18"),
    Case(
      "cronDesc",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"@fortnightly\"\n",
      .error,
      "schedule \"@fortnightly\" of job \"pi\" is not a valid cron expression: unknown descriptor \"@fortnightly\"; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>",
      at: "8:13"),
    Case(
      "cronFields",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"0 3 * *\"\n",
      .error,
      "schedule \"0 3 * *\" of job \"pi\" is not a valid cron expression: it has 4 fields; cron needs 5 (minute hour day-of-month month day-of-week)",
      at: "8:13"),
    Case(
      "cronName",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"0 3 * * SUNDAY\"\n",
      .error,
      "schedule \"0 3 * * SUNDAY\" of job \"pi\" is not a valid cron expression: \"SUNDAY\" is not a valid day of week (0-6 or SUN-SAT)",
      at: "8:13"),
    Case(
      "cronStep",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"*/0 * * * *\"\n",
      .error,
      "schedule \"*/0 * * * *\" of job \"pi\" is not a valid cron expression: the step \"0\" in the minute field must be a positive number",
      at: "8:13"),
    Case(
      "driverName",
      "jobs:\n  - name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n",
      .error,
      "job \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is too long: its driver pod \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-driver\" has 64 characters (limit 63)",
      at: "4:11"),
    Case(
      "dupJob",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///y.py\n",
      .error, "job \"pi\" in namespace default is defined twice (first at 4:11)", at: "7:11"),
    Case(
      "dupKey", "metadata:\n  prefix: a\n  prefix: b\n",
      .error, "duplicate key \"prefix\" (first defined at 4:3)", at: "5:3"),
    Case(
      "earlyRef", "cluster:\n  name: ${dataLake.bucket}\n",
      .error, "${dataLake.bucket} cannot be used here", at: "4:9"),
    Case(
      "executorName",
      "jobs:\n  - name: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n",
      .error,
      "job \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\" is too long: executor pod names <name>-<16 hex>-exec-1 have 64 characters (limit 63)",
      at: "4:11"),
    Case(
      "fargateCPU",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    executor:\n      cores: 17\n",
      .error, "the executor of job \"pi\" requests 17 vCPU; a Fargate pod has at most 16", at: "8:14"),
    Case(
      "fargateMem",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    executor:\n      memory: 120g\n",
      .error,
      "the executor of job \"pi\" needs 168 GiB (memory + overhead + 256 MiB for Fargate); a Fargate pod has at most 120 GiB",
      at: "8:15"),
    Case(
      "k8sVersion", "cluster:\n  kubernetesVersion: 1.3\n",
      .error, "Kubernetes version \"1.3\" is not supported by EKS", at: "4:22"),
    Case(
      "malformed", "metadata:\n  prefix: a\n region: b\n",
      .error, "did not find expected key while parsing a block mapping started at 1:1", at: "5:2"),
    Case(
      "memFraction",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    executor:\n      memory: 1.5g\n",
      .error, "executor memory \"1.5g\" of job \"pi\" is not a size Spark accepts", at: "8:15"),
    Case(
      "memGi",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    driver:\n      memory: 2Gi\n",
      .error, "driver memory \"2Gi\" of job \"pi\" is not a size Spark accepts", at: "8:15"),
    Case(
      "memSmall",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    executor:\n      memory: 256m\n",
      .error, "executor memory of job \"pi\" is 256m; Spark needs at least 450m", at: "8:15"),
    Case(
      "missingName", "jobs:\n  - image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n",
      .error, "missing required key \"name\" in a job", at: "4:5"),
    Case(
      "missingUpload", "dataLake:\n  uploads:\n    - source: ./nope\n",
      .error, "upload source \"./nope\" does not exist", at: "5:15"),
    Case(
      "namespace", "serviceAccounts:\n  - name: spark\n    namespace: Spark_Jobs\n",
      .error, "namespace \"Spark_Jobs\" is invalid: it may contain only lowercase letters, digits and '-'",
      at: "5:16"),
    Case(
      "noMainClass",
      "jobs:\n  - name: etl\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///opt/app.jar\n",
      .error, "job \"etl\" is a Scala job without mainClass", at: "4:11"),
    Case(
      "openCidr", "access:\n  allowedCidrs: [0.0.0.0/0]\n",
      .warning, "allowed CIDR 0.0.0.0/0 opens the cluster API endpoint to the whole internet", at: "4:18"),
    Case(
      "prefixRole", "metadata:\n  prefix: a-very-long-prefix-for-a-stack-that-nobody-should-use-xx\n",
      .error,
      "the derived IAM role name \"a-very-long-prefix-for-a-stack-that-nobody-should-use-xx-cluster-role\" is invalid: it is 69 characters, over IAM's limit of 64",
      at: "4:11"),
    Case(
      "saRole",
      "serviceAccounts:\n  - name: a-service-account-with-a-rather-long-name\n    namespace: spark-jobs-namespace\n",
      .error,
      "the derived IAM role name \"spark-eks-sa-spark-jobs-namespace-a-service-account-with-a-rather-long-name\" is invalid: it is 75 characters, over IAM's limit of 64",
      at: "4:11"),
    Case(
      "stmt",
      "serviceAccounts:\n  - name: spark\n    policyStatements:\n      - actions: [s3:GetObject]\n        resources: [\"arn:aws-cn:s3:::other/*\", \"bucket\"]\n",
      .error, "ARN \"arn:aws-cn:s3:::other/*\" is in partition aws-cn, but region eu-west-1 is in aws",
      at: "7:21"),
    Case(
      "tzBad",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"@daily\"\n      timeZone: CET\n",
      .error,
      "time zone \"CET\" of job \"pi\" is invalid: time zones are IANA names like Europe/Amsterdam; abbreviations like CET or EST are ambiguous",
      at: "9:17"),
    Case(
      "tzUnlisted",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"@daily\"\n      timeZone: Europe/Amsterdm\n",
      .warning,
      "time zone \"Europe/Amsterdm\" of job \"pi\" is not in eks-spark's list of common zones; did you mean \"Europe/Amsterdam\"?",
      at: "9:17"),
    Case(
      "undefImage",
      "images:\n  - name: pi\n    context: .\njobs:\n  - name: pi\n    imageRef: py\n    mainApplicationFile: local:///x.py\n",
      .error, "job \"pi\" uses image \"py\", which is not defined", at: "8:15"),
    Case(
      "undefSA",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    serviceAccount: sparky\n",
      .error, "job \"pi\" runs as service account \"sparky\" in namespace \"default\", which is not defined",
      at: "7:21"),
    Case(
      "unknownKey", "access:\n  allowedCIDR: [10.0.0.0/8]\n",
      .error, "unknown key \"allowedCIDR\" in access; did you mean \"allowedCidrs\"?", at: "4:3"),
    Case(
      "unsched",
      "serviceAccounts:\n  - name: spark\n    namespace: analytics\njobs:\n  - name: pi\n    namespace: analytics\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n",
      .error,
      "no Fargate profile selects the driver pods of job \"pi\" in namespace \"analytics\": they would stay Pending",
      at: "8:16"),
    Case(
      "unschedOp",
      "cluster:\n  fargateProfiles:\n    - name: default\n      selectors:\n        - namespace: default\n        - namespace: kube-system\n",
      .error,
      "no Fargate profile selects the operator namespace \"spark-operator\": the operator pod would stay Pending",
      at: "5:5"),
    Case(
      "vpcConflict",
      "network:\n  vpcId: vpc-0a1b2c3d\n  subnetIds: [subnet-0a1b2c3d, subnet-1a1b2c3d]\n  cidr: 10.0.0.0/16\n",
      .error, "\"cidr\" in network describes a new VPC, but vpcId uses an existing one", at: "6:3"),
    Case(
      "wrongTypeInt", "network:\n  natGateways: one\n",
      .error, "\"natGateways\" in network must be an integer, not a string", at: "4:16"),
    Case(
      "wrongTypeMap", "metadata:\n  region:\n    name: eu-west-1\n",
      .error, "\"region\" in metadata must be a string, not a mapping", at: "5:5"),
    Case(
      "accountShape", "metadata:\n  accountId: \"12345\"\n",
      .error, "metadata.accountId \"12345\" is not a 12-digit AWS account id", at: "4:14"),
    Case(
      "azRange", "network:\n  availabilityZones: 1\n",
      .error, "\"availabilityZones\" in network is 1, outside 2...6", at: "4:22"),
    Case(
      "bothImages",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    imageRef: pi\n    mainApplicationFile: local:///x.py\n",
      .error, "job \"pi\" sets both image and imageRef", at: "6:5"),
    Case(
      "chartVersion", "operator:\n  version: latest\n",
      .error, "operator.version \"latest\" is not a chart version", at: "4:12"),
    Case(
      "choiceAuth", "access:\n  authenticationMode: aws_auth\n",
      .error,
      "\"authenticationMode\" in access is \"aws_auth\", not one of aws-auth, access-entries; did you mean \"aws-auth\"?",
      at: "4:23"),
    Case(
      "cidrPrefix", "network:\n  cidr: 10.0.0.0/12\n",
      .error, "network.cidr \"10.0.0.0/12\" is /12; a VPC block must be /16 to /28", at: "4:9"),
    Case(
      "coreDNS",
      "cluster:\n  fargateProfiles:\n    - name: default\n      selectors: [{namespace: default}, {namespace: spark-operator}]\n",
      .warning, "no Fargate profile selects namespace kube-system: CoreDNS pods stay Pending", at: "5:5"),
    Case(
      "coreReqFargate",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    driver:\n      coreRequest: \"17\"\n",
      .error, "the driver of job \"pi\" requests 17 vCPU; a Fargate pod has at most 16", at: "8:20"),
    Case(
      "cronRange",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"0 5-1 * * *\"\n",
      .error,
      "schedule \"0 5-1 * * *\" of job \"pi\" is not a valid cron expression: the hour range \"5-1\" runs backwards",
      at: "8:13"),
    Case(
      "dupProfile",
      "cluster:\n  fargateProfiles:\n    - name: default\n      selectors: [{namespace: default}, {namespace: kube-system}]\n    - name: default\n      selectors: [{namespace: spark-operator}]\n",
      .error, "Fargate profile \"default\" is defined twice (first at 5:13)", at: "7:13"),
    Case(
      "dupSA", "serviceAccounts:\n  - name: spark\n  - name: spark\n",
      .error, "service account \"spark\" in namespace default is defined twice (first at 4:11)", at: "5:11"),
    Case(
      "dynInitial",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    dynamicAllocation:\n      initialExecutors: 20\n      maxExecutors: 10\n",
      .error, "initialExecutors 20 of job \"pi\" is outside minExecutors...maxExecutors", at: "8:25"),
    Case(
      "dynMinMax",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    dynamicAllocation:\n      minExecutors: 5\n      maxExecutors: 2\n",
      .error, "dynamicAllocation of job \"pi\" has minExecutors 5 above maxExecutors 2", at: "8:21"),
    Case(
      "ecrRepo", "images:\n  - name: pi\n    context: ctx\n    repository: Spark/PI\n",
      .error,
      "ECR repository name \"Spark/PI\" is invalid: each '/'-separated part must be lowercase letters and digits, joined by '.', '_' or '-'",
      at: "6:17"),
    Case(
      "endpointClosed", "cluster:\n  endpoint:\n    public: false\n    private: false\n",
      .error, "the cluster endpoint is neither public nor private", at: "5:5"),
    Case(
      "envName",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    env:\n      1BAD: x\n",
      .error, "environment variable name \"1BAD\" of job \"pi\" is invalid", at: "8:13"),
    Case(
      "imageTag", "images:\n  - name: pi\n    context: ctx\n    tag: -latest\n",
      .error, "image tag \"-latest\" is invalid", at: "6:10"),
    Case(
      "jobNameUpper",
      "jobs:\n  - name: Pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n",
      .error, "job name \"Pi\" is invalid: it may contain only lowercase letters, digits and '-'", at: "4:11"),
    Case(
      "labelValue",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    labels:\n      team: data science\n",
      .error,
      "label \"team\" has an invalid value \"data science\": it may contain only letters, digits, '.', '_' and '-'",
      at: "8:13"),
    Case(
      "logType", "cluster:\n  logging: [api, audits]\n",
      .error, "unknown control-plane log type \"audits\"; did you mean \"audit\"?", at: "4:18"),
    Case(
      "memOverhead",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    executor:\n      memoryOverhead: 1GB5\n",
      .error, "executor memoryOverhead \"1GB5\" of job \"pi\" is not a size Spark accepts", at: "8:23"),
    Case(
      "mergeScalar", "metadata:\n  <<: 1\n",
      .error, "a << merge needs a mapping or a list of mappings, not an integer", at: "4:7"),
    Case(
      "multiDoc", "metadata: {}\n---\nkind: Stack\n",
      .error, "the stack file holds 2 documents; eks-spark reads one", at: "5:1"),
    Case(
      "natAboveAZ", "network:\n  natGateways: 3\n",
      .error, "network.natGateways is 3 but the VPC spans 2 availability zones", at: "4:16"),
    Case(
      "natZero", "network:\n  natGateways: 0\n",
      .warning, "network.natGateways is 0: Fargate pods in private subnets cannot pull images or reach S3",
      at: "4:16"),
    Case(
      "noContext", "images:\n  - name: pi\n    context: ./nope\n",
      .error, "build context \"./nope\" of image \"pi\" does not exist", at: "5:14"),
    Case(
      "noDockerfile", "images:\n  - name: pi\n    context: ctx\n    dockerfile: nope.Dockerfile\n",
      .error, "image \"pi\" has no nope.Dockerfile in ctx", at: "6:17"),
    Case(
      "noImage", "jobs:\n  - name: pi\n    mainApplicationFile: local:///x.py\n",
      .error, "job \"pi\" has no image", at: "4:5"),
    Case(
      "noMainFile", "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n",
      .error, "missing required key \"mainApplicationFile\" in a job", at: "4:5"),
    Case(
      "noSelectors",
      "cluster:\n  fargateProfiles:\n    - name: empty\n    - name: default\n      selectors: [{namespace: default}, {namespace: kube-system}, {namespace: spark-operator}]\n",
      .error, "Fargate profile \"empty\" selects no pods", at: "5:7"),
    Case(
      "prefixUpper", "metadata:\n  prefix: Spark\n",
      .error,
      "metadata.prefix \"Spark\" is not a valid prefix: it may contain only lowercase letters, digits and '-'",
      at: "4:11"),
    Case(
      "quotedInt", "network:\n  availabilityZones: \"3\"\n",
      .error, "\"availabilityZones\" in network must be an integer, not a string", at: "4:22"),
    Case(
      "regionShape", "metadata:\n  region: Ireland\n",
      .error, "metadata.region \"Ireland\" is not an AWS region name", at: "4:11"),
    Case(
      "releaseName", "operator:\n  release: rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr\n",
      .error,
      "operator release name \"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr\" is invalid: it is 54 characters, over the limit of 53",
      at: "4:12"),
    Case(
      "repoURL", "operator:\n  repository: kubeflow.github.io/spark-operator\n",
      .error, "operator.repository \"kubeflow.github.io/spark-operator\" is not a chart repository URL",
      at: "4:15"),
    Case(
      "sparkConfKey",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    sparkConf:\n      fs.s3a.endpoint: s3.eu-west-1.amazonaws.com\n",
      .warning,
      "Spark ignores the setting \"fs.s3a.endpoint\" in sparkConf of job \"pi\": it does not start with spark.",
      at: "8:24"),
    Case(
      "stmtAction",
      "serviceAccounts:\n  - name: spark\n    policyStatements:\n      - actions: [GetObject]\n        resources: [\"*\"]\n",
      .error, "IAM action \"GetObject\" must look like service:Action", at: "6:19"),
    Case(
      "stmtEmpty", "serviceAccounts:\n  - name: spark\n    policyStatements:\n      - effect: Allow\n",
      .error, "a policy statement of service account \"spark\" has no actions", at: "6:9"),
    Case(
      "subnetsMissing", "network:\n  vpcId: vpc-0a1b2c3d\n",
      .error, "network.vpcId needs subnetIds", at: "4:3"),
    Case(
      "tagReserved", "metadata:\n  tags:\n    aws:owner: me\n",
      .error, "tag key \"aws:owner\" uses the reserved prefix aws:", at: "5:16"),
    Case(
      "timeout", "operator:\n  timeout: five minutes\n",
      .error, "operator.timeout \"five minutes\" is not a duration", at: "4:12"),
    Case(
      "tooManySelectors",
      "cluster:\n  fargateProfiles:\n    - name: many\n      selectors: [{namespace: a}, {namespace: b}, {namespace: c}, {namespace: d}, {namespace: e}, {namespace: default}]\n    - name: system\n      selectors: [{namespace: kube-system}, {namespace: spark-operator}]\n",
      .error, "Fargate profile \"many\" has 6 selectors; EKS allows 5", at: "6:18"),
    Case(
      "tzArea",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"@daily\"\n      timeZone: Eurpe/Paris\n",
      .error,
      "time zone \"Eurpe/Paris\" of job \"pi\" is invalid: \"Eurpe\" is not an IANA area (Africa, America, Antarctica, Arctic, Asia, Atlantic, Australia, Europe, Indian, Pacific, Etc); did you mean Europe?",
      at: "9:17"),
    Case(
      "undefinedAlias", "metadata:\n  prefix: *nope\n",
      .error, "alias *nope refers to no anchor", at: "4:11"),
    Case(
      "unterminated",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    arguments: [\"${dataLake.bucket\"]\n",
      .error, "unterminated reference \"${dataLake.bucket\"", at: "7:18"),
    Case(
      "uploadPrefix", "dataLake:\n  uploads:\n    - source: .\n      prefix: ../up\n",
      .error, "upload prefix \"../up\" contains ..", at: "6:15"),
    Case(
      "valuesType", "operator:\n  values: [a]\n",
      .error, "operator.values must be a mapping of Helm values, not a sequence", at: "4:11"),
    Case(
      "vpcIdShape", "network:\n  vpcId: vpc-xyz\n  subnetIds: [subnet-0a1b2c3d]\n",
      .error, "vpcId \"vpc-xyz\" is not a VPC id", at: "4:10"),
    Case(
      "wrongTypeBool", "operator:\n  wait: yes\n",
      .error, "\"wait\" in operator must be true or false, not a string", at: "4:9"),
    Case(
      "wrongTypeList", "access:\n  adminArns: {a: b}\n",
      .error, "\"adminArns\" in access must be a list, not a mapping", at: "4:14"),
    Case(
      "s3Scheme",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: s3://bucket/pi.py\n",
      .warning, "s3://bucket/pi.py of job \"pi\" uses a scheme Spark on EKS cannot read", at: "6:26"),
  ]

  @Test("reports the rule's problem with its message and line:column", arguments: cases)
  func rule(_ rule: RuleCase) throws {
    let problems = validate(rule.body).problems
    let match = problems.first { $0.message == rule.message }
    let problem = try #require(match, "problems were: \(problems.map(\.description))")
    #expect(problem.severity == rule.severity)
    #expect(problem.mark.map(\.description) == rule.position)
    #expect(problem.hint != nil)
  }
}

@Test("a stack of another apiVersion is an error at the value")
func apiVersion() throws {
  let validation = StackLoader(pathExists: { _ in true }).validate(
    text: "apiVersion: eks-spark.io/v1\nkind: Stack\n", file: "stack.yaml")
  let problem = try #require(validation.errors.first)
  #expect(
    problem.message == "apiVersion is \"eks-spark.io/v1\"; this eks-spark reads \"eks-spark.io/v1alpha1\"")
  #expect(problem.mark == Mark(line: 1, column: 13))
}
