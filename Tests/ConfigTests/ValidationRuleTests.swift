import Testing
import YAML

@testable import Config

/// One case per validation rule: a stack body (after apiVersion and kind, so it starts on
/// line 3), and the problem it must produce: severity, exact message, line:column (the
/// value for a bad value, the key for a bad key) and hint.
struct RuleCase: CustomTestStringConvertible, Sendable {
  var rule: String
  var body: String
  var severity: StackProblem.Severity
  var message: String
  var position: String
  var hint: String?

  var testDescription: String { rule }
}

func Case(
  _ rule: String, _ body: String, _ severity: StackProblem.Severity, _ message: String, at position: String,
  hint: String?
) -> RuleCase {
  RuleCase(rule: rule, body: body, severity: severity, message: message, position: position, hint: hint)
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
      at: "6:15", hint: "write arn:aws-cn:iam:... for this region"),
    Case(
      "arnShape", "access:\n  adminArns: [\"arn:aws:iam::1234:role/Admin\"]\n",
      .error, "admin ARN \"arn:aws:iam::1234:role/Admin\" is not an IAM user or role ARN", at: "4:15",
      hint: "write arn:aws:iam::123456789012:role/Admin or arn:aws:iam::123456789012:user/alice"),
    Case(
      "badRef",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    arguments: [\"s3a://${dataLake.buckt}/in\"]\n",
      .error, "unknown reference ${dataLake.buckt}", at: "7:24", hint: "did you mean ${dataLake.bucket}?"),
    Case(
      "bucketDerived", "metadata:\n  prefix: spark-eks-with-a-long-prefix-for-the-team\n",
      .error,
      "the bucket name \"spark-eks-with-a-long-prefix-for-the-team-data-lake-${aws.accountId}\" is invalid: it is 64 characters; bucket names have 3 to 63",
      at: "4:11",
      hint: "bucket names are 3-63 lowercase letters, digits, '.' and '-' (an account id adds 12 characters)"),
    Case(
      "bucketIP", "dataLake:\n  bucket: 192.168.1.10\n",
      .error, "the bucket name \"192.168.1.10\" is invalid: it is formatted as an IP address", at: "4:11",
      hint: "bucket names are 3-63 lowercase letters, digits, '.' and '-' (an account id adds 12 characters)"),
    Case(
      "choice",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    restartPolicy:\n      type: OnFailures\n",
      .error,
      "\"type\" in restartPolicy of job \"pi\" is \"OnFailures\", not one of Never, OnFailure, Always; did you mean \"OnFailure\"?",
      at: "8:13", hint: "use one of: Never, OnFailure, Always"),
    Case(
      "cidrHost", "network:\n  cidr: 10.36.1.0/16\n",
      .error, "network.cidr \"10.36.1.0/16\" has host bits set", at: "4:9",
      hint: "use the network address 10.36.0.0/16"),
    Case(
      "cidrShape", "network:\n  cidr: 10.36.0/16\n",
      .error, "network.cidr \"10.36.0/16\" is not an IPv4 CIDR block: it must look like 10.0.0.0/16",
      at: "4:9", hint: "write an address and a prefix length, for example 10.36.0.0/16"),
    Case(
      "clusterName", "cluster:\n  name: my.cluster\n",
      .error, "the cluster name \"my.cluster\" is invalid: it may contain only letters, digits, '-' and '_'",
      at: "4:9",
      hint: "EKS cluster names are 1-100 letters, digits, '-' and '_', starting with a letter or digit"),
    Case(
      "cpuBad",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    driver:\n      coreLimit: 1Gi\n",
      .error, "driver coreLimit \"1Gi\" of job \"pi\" is not a CPU quantity", at: "8:18",
      hint: "write cores as 1, 0.5 or 500m (millicores)"),
    Case(
      "cpuBelow",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    driver:\n      cores: 2\n      coreLimit: 1500m\n",
      .error, "coreLimit 1500m of the driver of job \"pi\" is below its CPU request (2000m)", at: "9:18",
      hint: "Kubernetes rejects a limit under the request; raise coreLimit or lower cores"),
    Case(
      "cronDesc",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"@fortnightly\"\n",
      .error,
      "schedule \"@fortnightly\" of job \"pi\" is not a valid cron expression: unknown descriptor \"@fortnightly\"; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>",
      at: "8:13", hint: "write minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\", or @daily"),
    Case(
      "cronFields",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"0 3 * *\"\n",
      .error,
      "schedule \"0 3 * *\" of job \"pi\" is not a valid cron expression: it has 4 fields; cron needs 5 (minute hour day-of-month month day-of-week)",
      at: "8:13", hint: "write minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\", or @daily"),
    Case(
      "cronName",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"0 3 * * SUNDAY\"\n",
      .error,
      "schedule \"0 3 * * SUNDAY\" of job \"pi\" is not a valid cron expression: \"SUNDAY\" is not a valid day of week (0-6 or SUN-SAT)",
      at: "8:13", hint: "write minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\", or @daily"),
    Case(
      "cronStep",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"*/0 * * * *\"\n",
      .error,
      "schedule \"*/0 * * * *\" of job \"pi\" is not a valid cron expression: the step \"0\" in the minute field must be a positive number",
      at: "8:13", hint: "write minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\", or @daily"),
    Case(
      "driverName",
      "jobs:\n  - name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n",
      .error,
      "job \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is too long: its driver pod \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-driver\" has 64 characters (limit 63)",
      at: "4:11", hint: "shorten the job name to at most 56 characters"),
    Case(
      "dupJob",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///y.py\n",
      .error, "job \"pi\" in namespace default is defined twice (first at 4:11)", at: "7:11",
      hint: "give each job its own name"),
    Case(
      "dupKey", "metadata:\n  prefix: a\n  prefix: b\n",
      .error, "duplicate key \"prefix\" (first defined at 4:3)", at: "5:3",
      hint: "remove one of the two; a mapping holds each key once"),
    Case(
      "earlyRef", "cluster:\n  name: ${dataLake.bucket}\n",
      .error, "${dataLake.bucket} cannot be used here", at: "4:9",
      hint:
        "this value is resolved before dataLake.bucket; use one of: ${aws.accountId}, ${aws.region}, ${metadata.accountId}, ${metadata.prefix}, ${metadata.region}"
    ),
    Case(
      "executorName",
      "jobs:\n  - name: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n",
      .error,
      "job \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\" is too long: executor pod names <name>-<16 hex>-exec-1 have 64 characters (limit 63)",
      at: "4:11", hint: "shorten the job name to at most 39 characters"),
    Case(
      "fargateCPU",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    executor:\n      cores: 17\n",
      .error, "the executor of job \"pi\" requests 17 vCPU; a Fargate pod has at most 16", at: "8:14",
      hint: "use at most 16 cores and more executors"),
    Case(
      "fargateMem",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    executor:\n      memory: 120g\n",
      .error,
      "the executor of job \"pi\" needs 168 GiB (memory + overhead + 256 MiB for Fargate); a Fargate pod has at most 120 GiB",
      at: "8:15", hint: "use smaller executors and more of them"),
    Case(
      "k8sVersion", "cluster:\n  kubernetesVersion: 1.3\n",
      .error, "Kubernetes version \"1.3\" is not supported by EKS", at: "4:22",
      hint: "did you mean \"1.30\"? write the version in quotes"),
    Case(
      "malformed", "metadata:\n  prefix: a\n region: b\n",
      .error, "did not find expected key while parsing a block mapping started at 1:1", at: "5:2",
      hint: "check the indentation: keys of one mapping must start in the same column"),
    Case(
      "memFraction",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    executor:\n      memory: 1.5g\n",
      .error, "executor memory \"1.5g\" of job \"pi\" is not a size Spark accepts", at: "8:15",
      hint: "Spark does not accept fractions; write 1536m instead of 1.5g"),
    Case(
      "memGi",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    driver:\n      memory: 2Gi\n",
      .error, "driver memory \"2Gi\" of job \"pi\" is not a size Spark accepts", at: "8:15",
      hint: "Spark writes sizes as 512m or 2g, not Kubernetes' 2Gi; use 2g"),
    Case(
      "memSmall",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    executor:\n      memory: 256m\n",
      .error, "executor memory of job \"pi\" is 256m; Spark needs at least 450m", at: "8:15",
      hint: "Spark reserves 300m and refuses heaps under 1.5 times that; use 512m or more"),
    Case(
      "missingName", "jobs:\n  - image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n",
      .error, "missing required key \"name\" in a job", at: "4:5", hint: "add name: pi"),
    Case(
      "missingUpload", "dataLake:\n  uploads:\n    - source: ./nope\n",
      .error, "upload source \"./nope\" does not exist", at: "5:15",
      hint: "paths are relative to the stack file's folder (/stacks)"),
    Case(
      "namespace", "serviceAccounts:\n  - name: spark\n    namespace: Spark_Jobs\n",
      .error, "namespace \"Spark_Jobs\" is invalid: it may contain only lowercase letters, digits and '-'",
      at: "5:16",
      hint:
        "Kubernetes names are lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"
    ),
    Case(
      "noMainClass",
      "jobs:\n  - name: etl\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///opt/app.jar\n",
      .error, "job \"etl\" is a Scala job without mainClass", at: "4:11",
      hint: "add mainClass: org.example.Main, or set type: Python for a .py file"),
    Case(
      "openCidr", "access:\n  allowedCidrs: [0.0.0.0/0]\n",
      .warning, "allowed CIDR 0.0.0.0/0 opens the cluster API endpoint to the whole internet", at: "4:18",
      hint: "list the networks that need the API, for example your office or VPN range 203.0.113.0/24"),
    Case(
      "prefixRole", "metadata:\n  prefix: a-very-long-prefix-for-a-stack-that-nobody-should-use-xx\n",
      .error,
      "the derived IAM role name \"a-very-long-prefix-for-a-stack-that-nobody-should-use-xx-cluster-role\" is invalid: it is 69 characters, over IAM's limit of 64",
      at: "4:11", hint: "shorten metadata.prefix to at most 51 characters"),
    Case(
      "saRole",
      "serviceAccounts:\n  - name: a-service-account-with-a-rather-long-name\n    namespace: spark-jobs-namespace\n",
      .error,
      "the derived IAM role name \"spark-eks-sa-spark-jobs-namespace-a-service-account-with-a-rather-long-name\" is invalid: it is 75 characters, over IAM's limit of 64",
      at: "4:11",
      hint: "eks-spark names it <prefix>-sa-<namespace>-<name>; shorten the prefix, namespace or name"),
    Case(
      "stmt",
      "serviceAccounts:\n  - name: spark\n    policyStatements:\n      - actions: [s3:GetObject]\n        resources: [\"arn:aws-cn:s3:::other/*\", \"bucket\"]\n",
      .error, "ARN \"arn:aws-cn:s3:::other/*\" is in partition aws-cn, but region eu-west-1 is in aws",
      at: "7:21", hint: "write arn:aws:s3:... for this region"),
    Case(
      "tzBad",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"@daily\"\n      timeZone: CET\n",
      .error,
      "time zone \"CET\" of job \"pi\" is invalid: time zones are IANA names like Europe/Amsterdam; abbreviations like CET or EST are ambiguous",
      at: "9:17", hint: "write an IANA name such as UTC, Europe/Amsterdam or America/New_York"),
    Case(
      "tzUnlisted",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"@daily\"\n      timeZone: Europe/Amsterdm\n",
      .warning,
      "time zone \"Europe/Amsterdm\" of job \"pi\" is not in eks-spark's list of common zones; did you mean \"Europe/Amsterdam\"?",
      at: "9:17",
      hint:
        "check the spelling against the IANA list (e.g. Europe/Amsterdam); the operator rejects unknown zones"
    ),
    Case(
      "undefImage",
      "images:\n  - name: pi\n    context: .\njobs:\n  - name: pi\n    imageRef: py\n    mainApplicationFile: local:///x.py\n",
      .error, "job \"pi\" uses image \"py\", which is not defined", at: "8:15", hint: "did you mean \"pi\"?"),
    Case(
      "undefSA",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    serviceAccount: sparky\n",
      .error, "job \"pi\" runs as service account \"sparky\" in namespace \"default\", which is not defined",
      at: "7:21", hint: "define it under serviceAccounts (defined: spark)"),
    Case(
      "unknownKey", "access:\n  allowedCIDR: [10.0.0.0/8]\n",
      .error, "unknown key \"allowedCIDR\" in access; did you mean \"allowedCidrs\"?", at: "4:3",
      hint: "rename it to \"allowedCidrs\""),
    Case(
      "unsched",
      "serviceAccounts:\n  - name: spark\n    namespace: analytics\njobs:\n  - name: pi\n    namespace: analytics\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n",
      .error,
      "no Fargate profile selects the driver pods of job \"pi\" in namespace \"analytics\": they would stay Pending",
      at: "8:16",
      hint:
        "add {namespace: analytics} to a Fargate profile's selectors (selected: default, kube-system, spark-operator)"
    ),
    Case(
      "unschedOp",
      "cluster:\n  fargateProfiles:\n    - name: default\n      selectors:\n        - namespace: default\n        - namespace: kube-system\n",
      .error,
      "no Fargate profile selects the operator namespace \"spark-operator\": the operator pod would stay Pending",
      at: "5:5", hint: "add a Fargate profile with selectors: [{namespace: spark-operator}]"),
    Case(
      "vpcConflict",
      "network:\n  vpcId: vpc-0a1b2c3d\n  subnetIds: [subnet-0a1b2c3d, subnet-1a1b2c3d]\n  cidr: 10.0.0.0/16\n",
      .error, "\"cidr\" in network describes a new VPC, but vpcId uses an existing one", at: "6:3",
      hint: "remove cidr, or remove vpcId and subnetIds to create a VPC"),
    Case(
      "wrongTypeInt", "network:\n  natGateways: one\n",
      .error, "\"natGateways\" in network must be an integer, not a string", at: "4:16",
      hint: "write a whole number, for example natGateways: 1"),
    Case(
      "wrongTypeMap", "metadata:\n  region:\n    name: eu-west-1\n",
      .error, "\"region\" in metadata must be a string, not a mapping", at: "5:5",
      hint: "write a single value on the same line as the key"),
  ]

  @Test(
    "reports the rule's problem with its message, line:column and hint",
    arguments: cases + moreCases + issueCases + imageCases + operatorCases)
  func rule(_ rule: RuleCase) throws {
    let problems = validate(rule.body).problems
    let match = problems.first { $0.message == rule.message }
    let problem = try #require(match, "problems were: \(problems.map(\.description))")
    #expect(problem.severity == rule.severity)
    #expect(problem.mark.map(\.description) == rule.position)
    #expect(problem.hint == rule.hint)
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
  #expect(problem.hint == "write apiVersion: eks-spark.io/v1alpha1")
}
