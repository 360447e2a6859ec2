import Testing

@testable import Config

extension ValidationRuleTests {
  /// The second half of the rule cases (one file would pass 400 lines).
  static let moreCases: [RuleCase] = [
    Case(
      "accountShape", "metadata:\n  accountId: \"12345\"\n",
      .error, "metadata.accountId \"12345\" is not a 12-digit AWS account id", at: "4:14",
      hint: "quote it to keep leading zeros: accountId: \"012345678901\""),
    Case(
      "azRange", "network:\n  availabilityZones: 1\n",
      .error, "\"availabilityZones\" in network is 1, outside 2...6", at: "4:22",
      hint: "use a value from 2 to 6"),
    Case(
      "bothImages",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    imageRef: pi\n    mainApplicationFile: local:///x.py\n",
      .error, "job \"pi\" sets both image and imageRef", at: "6:5",
      hint: "use imageRef for an image this stack builds, image for one that exists already"),
    Case(
      "chartVersion", "operator:\n  version: latest\n",
      .error, "operator.version \"latest\" is not a chart version", at: "4:12",
      hint: "write an exact semantic version such as 1.1.6"),
    Case(
      "choiceAuth", "access:\n  authenticationMode: aws_auth\n",
      .error,
      "\"authenticationMode\" in access is \"aws_auth\", not one of aws-auth, access-entries; did you mean \"aws-auth\"?",
      at: "4:23", hint: "use one of: aws-auth, access-entries"),
    Case(
      "cidrPrefix", "network:\n  cidr: 10.0.0.0/12\n",
      .error, "network.cidr \"10.0.0.0/12\" is /12; a VPC block must be /16 to /28", at: "4:9",
      hint: "use a /16 such as 10.36.0.0/16"),
    Case(
      "coreDNS",
      "cluster:\n  fargateProfiles:\n    - name: default\n      selectors: [{namespace: default}, {namespace: spark-operator}]\n",
      .warning, "no Fargate profile selects namespace kube-system: CoreDNS pods stay Pending", at: "5:5",
      hint: "add a selector {namespace: kube-system} so cluster DNS runs"),
    Case(
      "coreReqFargate",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    driver:\n      coreRequest: \"17\"\n",
      .error, "the driver of job \"pi\" requests 17 vCPU; a Fargate pod has at most 16", at: "8:20",
      hint: "use at most 16 cores and more executors"),
    Case(
      "cronRange",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"0 5-1 * * *\"\n",
      .error,
      "schedule \"0 5-1 * * *\" of job \"pi\" is not a valid cron expression: the hour range \"5-1\" runs backwards",
      at: "8:13", hint: "write minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\", or @daily"),
    Case(
      "dupProfile",
      "cluster:\n  fargateProfiles:\n    - name: default\n      selectors: [{namespace: default}, {namespace: kube-system}]\n    - name: default\n      selectors: [{namespace: spark-operator}]\n",
      .error, "Fargate profile \"default\" is defined twice (first at 5:13)", at: "7:13",
      hint: "give each Fargate profile its own name"),
    Case(
      "dupSA", "serviceAccounts:\n  - name: spark\n  - name: spark\n",
      .error, "service account \"spark\" in namespace default is defined twice (first at 4:11)", at: "5:11",
      hint: "give each service account its own name"),
    Case(
      "dynInitial",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    dynamicAllocation:\n      initialExecutors: 20\n      maxExecutors: 10\n",
      .error, "initialExecutors 20 of job \"pi\" is outside minExecutors...maxExecutors", at: "8:25",
      hint: "use a value from 0 to 10"),
    Case(
      "dynMinMax",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    dynamicAllocation:\n      minExecutors: 5\n      maxExecutors: 2\n",
      .error, "dynamicAllocation of job \"pi\" has minExecutors 5 above maxExecutors 2", at: "8:21",
      hint: "make minExecutors at most maxExecutors"),
    Case(
      "ecrRepo", "images:\n  - name: pi\n    context: ctx\n    repository: Spark/PI\n",
      .error,
      "ECR repository name \"Spark/PI\" is invalid: each '/'-separated part must be lowercase letters and digits, joined by '.', '_' or '-'",
      at: "6:17", hint: "ECR repositories are lowercase, like spark-eks/pi"),
    Case(
      "endpointClosed", "cluster:\n  endpoint:\n    public: false\n    private: false\n",
      .error, "the cluster endpoint is neither public nor private", at: "5:5",
      hint: "set public: true, private: true, or both"),
    Case(
      "envName",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    env:\n      1BAD: x\n",
      .error, "environment variable name \"1BAD\" of job \"pi\" is invalid", at: "8:7",
      hint:
        "rename it: environment variable names are letters, digits, '_', '-' and '.', not starting with a digit"
    ),
    Case(
      "imageTag", "images:\n  - name: pi\n    context: ctx\n    tag: -latest\n",
      .error, "image tag \"-latest\" is invalid", at: "6:10",
      hint: "tags are up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'"),
    Case(
      "jobNameUpper",
      "jobs:\n  - name: Pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n",
      .error, "job name \"Pi\" is invalid: it may contain only lowercase letters, digits and '-'", at: "4:11",
      hint: "job names become pod names: lowercase letters, digits and '-'"),
    Case(
      "labelValue",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    labels:\n      team: data science\n",
      .error,
      "label \"team\" has an invalid value \"data science\": it may contain only letters, digits, '.', '_' and '-'",
      at: "8:13",
      hint:
        "a label value is at most 63 letters, digits, '.', '_' and '-', starting and ending with a letter or digit; use an annotation for free text"
    ),
    Case(
      "logType", "cluster:\n  logging: [api, audits]\n",
      .error, "unknown control-plane log type \"audits\"; did you mean \"audit\"?", at: "4:18",
      hint: "log types are api, audit, authenticator, controllerManager, scheduler"),
    Case(
      "memOverhead",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    executor:\n      memoryOverhead: 1GB5\n",
      .error, "executor memoryOverhead \"1GB5\" of job \"pi\" is not a size Spark accepts", at: "8:23",
      hint: "write a whole number with k, m, g or t, for example 512m or 2g"),
    Case(
      "mergeScalar", "metadata:\n  <<: 1\n",
      .error, "a << merge needs a mapping or a list of mappings, not an integer", at: "4:7",
      hint: "merge an alias of a mapping: <<: *defaults, or <<: [*a, *b]"),
    Case(
      "multiDoc", "metadata: {}\n---\nkind: Stack\n",
      .error, "the stack file holds 2 documents; eks-spark reads one", at: "5:1",
      hint: "keep one stack per file, or remove the --- separator"),
    Case(
      "natAboveAZ", "network:\n  natGateways: 3\n",
      .error, "network.natGateways is 3 but the VPC spans 2 availability zones", at: "4:16",
      hint: "use at most one NAT gateway per availability zone"),
    Case(
      "natZero", "network:\n  natGateways: 0\n",
      .warning, "network.natGateways is 0: Fargate pods in private subnets cannot pull images or reach S3",
      at: "4:16", hint: "use natGateways: 1, or add VPC endpoints for ECR, S3 and STS yourself"),
    Case(
      "noContext", "images:\n  - name: pi\n    context: ./nope\n",
      .error, "build context \"./nope\" of image \"pi\" does not exist", at: "5:14",
      hint: "paths are relative to the stack file's folder (/stacks)"),
    Case(
      "noDockerfile", "images:\n  - name: pi\n    context: ctx\n    dockerfile: nope.Dockerfile\n",
      .error, "image \"pi\" has no nope.Dockerfile in ctx", at: "6:17",
      hint: "add a Dockerfile to the build context, or set dockerfile: to its path inside the context"),
    Case(
      "noImage", "jobs:\n  - name: pi\n    mainApplicationFile: local:///x.py\n",
      .error, "job \"pi\" has no image", at: "4:5",
      hint: "add imageRef: <name of an entry in images>, or image: <registry>/<repository>:<tag>"),
    Case(
      "noMainFile", "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n",
      .error, "missing required key \"mainApplicationFile\" in a job", at: "4:5",
      hint: "add mainApplicationFile: local:///opt/spark/work-dir/main.py"),
    Case(
      "noSelectors",
      "cluster:\n  fargateProfiles:\n    - name: empty\n    - name: default\n      selectors: [{namespace: default}, {namespace: kube-system}, {namespace: spark-operator}]\n",
      .error, "Fargate profile \"empty\" selects no pods", at: "5:7",
      hint: "add selectors: [{namespace: empty}]"),
    Case(
      "prefixUpper", "metadata:\n  prefix: Spark\n",
      .error,
      "metadata.prefix \"Spark\" is not a valid prefix: it may contain only lowercase letters, digits and '-'",
      at: "4:11",
      hint: "the prefix names the cluster, roles and bucket; use lowercase letters, digits and '-'"),
    Case(
      "quotedInt", "network:\n  availabilityZones: \"3\"\n",
      .error, "\"availabilityZones\" in network must be an integer, not a string", at: "4:22",
      hint: "remove the quotes"),
    Case(
      "regionShape", "metadata:\n  region: Ireland\n",
      .error, "metadata.region \"Ireland\" is not an AWS region name", at: "4:11",
      hint: "write a region code such as eu-west-1 or us-east-1"),
    Case(
      "releaseName", "operator:\n  release: rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr\n",
      .error,
      "operator release name \"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr\" is invalid: it is 54 characters, over the limit of 53",
      at: "4:12", hint: "Helm release names are DNS labels of at most 53 characters"),
    Case(
      "repoURL", "operator:\n  repository: kubeflow.github.io/spark-operator\n",
      .error, "operator.repository \"kubeflow.github.io/spark-operator\" is not a chart repository URL",
      at: "4:15", hint: "write an https:// (or oci://) URL such as https://kubeflow.github.io/spark-operator"),
    Case(
      "sparkConfKey",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    sparkConf:\n      fs.s3a.endpoint: s3.eu-west-1.amazonaws.com\n",
      .warning,
      "Spark ignores the setting \"fs.s3a.endpoint\" in sparkConf of job \"pi\": it does not start with spark.",
      at: "8:7", hint: "Hadoop settings go under hadoopConf (or as spark.hadoop.fs.s3a.endpoint)"),
    Case(
      "stmtAction",
      "serviceAccounts:\n  - name: spark\n    policyStatements:\n      - actions: [GetObject]\n        resources: [\"*\"]\n",
      .error, "IAM action \"GetObject\" must look like service:Action", at: "6:19",
      hint: "for example s3:GetObject or s3:*"),
    Case(
      "stmtEmpty", "serviceAccounts:\n  - name: spark\n    policyStatements:\n      - effect: Allow\n",
      .error, "a policy statement of service account \"spark\" has no actions", at: "6:9",
      hint: "add actions: [s3:GetObject] or the actions the job needs"),
    Case(
      "subnetsMissing", "network:\n  vpcId: vpc-0a1b2c3d\n",
      .error, "network.vpcId needs subnetIds", at: "4:3",
      hint: "list the private subnets of the VPC in at least two availability zones under subnetIds"),
    Case(
      "tagReserved", "metadata:\n  tags:\n    aws:owner: me\n",
      .error, "tag key \"aws:owner\" uses the reserved prefix aws:", at: "5:5", hint: "choose another key"),
    Case(
      "timeout", "operator:\n  timeout: five minutes\n",
      .error, "operator.timeout \"five minutes\" is not a duration", at: "4:12",
      hint: "write a number with a unit: 300s, 5m, 1h30m"),
    Case(
      "tooManySelectors",
      "cluster:\n  fargateProfiles:\n    - name: many\n      selectors: [{namespace: a}, {namespace: b}, {namespace: c}, {namespace: d}, {namespace: e}, {namespace: default}]\n    - name: system\n      selectors: [{namespace: kube-system}, {namespace: spark-operator}]\n",
      .error, "Fargate profile \"many\" has 6 selectors; EKS allows 5", at: "6:18",
      hint: "split it into two profiles"),
    Case(
      "tzArea",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    schedule:\n      cron: \"@daily\"\n      timeZone: Eurpe/Paris\n",
      .error,
      "time zone \"Eurpe/Paris\" of job \"pi\" is invalid: \"Eurpe\" is not an IANA area (Africa, America, Antarctica, Arctic, Asia, Atlantic, Australia, Europe, Indian, Pacific, Etc); did you mean Europe?",
      at: "9:17", hint: "write an IANA name such as UTC, Europe/Amsterdam or America/New_York"),
    Case(
      "undefinedAlias", "metadata:\n  prefix: *nope\n",
      .error, "alias *nope refers to no anchor", at: "4:11", hint: "define &nope on a node before this alias"),
    Case(
      "unterminated",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    arguments: [\"${dataLake.bucket\"]\n",
      .error, "unterminated reference \"${dataLake.bucket\"", at: "7:18",
      hint: "close it with }, or write $${ for a literal ${"),
    Case(
      "uploadOutside", "dataLake:\n  uploads:\n    - source: ../../etc\n",
      .error, "upload source \"../../etc\" is outside the stack file's folder (it is /etc)", at: "5:15",
      hint: "move the data under /stacks, or add outsideStackFolder: true to this upload to allow it"),
    Case(
      "uploadAbsolute", "dataLake:\n  uploads:\n    - source: /root\n",
      .error, "upload source \"/root\" is outside the stack file's folder (it is /root)", at: "5:15",
      hint: "move the data under /stacks, or add outsideStackFolder: true to this upload to allow it"),
    Case(
      "uploadPrefix", "dataLake:\n  uploads:\n    - source: .\n      prefix: ../up\n",
      .error, "upload prefix \"../up\" contains ..", at: "6:15",
      hint: "write a key prefix inside the bucket, such as raw/weather/"),
    Case(
      "valuesType", "operator:\n  values: [a]\n",
      .error, "operator.values must be a mapping of Helm values, not a sequence", at: "4:11",
      hint: "write the chart's values indented below values:"),
    Case(
      "vpcIdShape", "network:\n  vpcId: vpc-xyz\n  subnetIds: [subnet-0a1b2c3d]\n",
      .error, "vpcId \"vpc-xyz\" is not a VPC id", at: "4:10", hint: "VPC ids look like vpc-0a1b2c3d4e5f67890"
    ),
    Case(
      "wrongTypeBool", "operator:\n  wait: yes\n",
      .error, "\"wait\" in operator must be true or false, not a string", at: "4:9",
      hint: "YAML 1.2 reads yes as a string; write wait: true or wait: false"),
    Case(
      "wrongTypeList", "access:\n  adminArns: {a: b}\n",
      .error, "\"adminArns\" in access must be a list, not a mapping", at: "4:14",
      hint: "write one \"- value\" per line below the key"),
    Case(
      "s3Scheme",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: s3://bucket/pi.py\n",
      .warning, "s3://bucket/pi.py of job \"pi\" uses a scheme Spark on EKS cannot read", at: "6:26",
      hint: "write s3a://bucket/pi.py: hadoop-aws serves S3 as s3a://"),
  ]

  /// Cases named after issue 2's list of what validate must catch, where the cases above
  /// did not already cover the item.
  static let issueCases: [RuleCase] = [
    // Names over limits, counting derived names: a cluster name built from a reference.
    Case(
      "clusterNameLong",
      "metadata:\n  prefix: team\ncluster:\n  name: ${metadata.prefix}-cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n",
      .error,
      "the cluster name \"team-cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\" is invalid: it is 101 characters, over EKS's limit of 100",
      at: "6:9",
      hint: "EKS cluster names are 1-100 letters, digits, '-' and '_', starting with a letter or digit"),
    // An unsupported Kubernetes version that is well-formed (quoted, so not a number).
    Case(
      "k8sUnsupported", "cluster:\n  kubernetesVersion: \"1.20\"\n",
      .error, "Kubernetes version \"1.20\" is not supported by EKS", at: "4:22",
      hint: "use one of 1.28, 1.29, 1.30, 1.31, 1.32, 1.33 (in quotes, e.g. \"1.32\")"),
    // Host bits in an allowed CIDR, with the network address as the hint.
    Case(
      "cidrHostAllowed", "access:\n  allowedCidrs: [203.0.113.5/24]\n",
      .error, "allowed CIDR \"203.0.113.5/24\" has host bits set", at: "4:18",
      hint: "use the network address 203.0.113.0/24"),
    // DNS-1123 labels: a namespace over 63 characters.
    Case(
      "namespaceLong",
      "serviceAccounts:\n  - name: spark\n    namespace: nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\n",
      .error,
      "namespace \"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\" is invalid: it is 64 characters, over the limit of 63",
      at: "5:16", hint: StackValidator.dnsHint),
    // DNS-1123 subdomains: a service account name.
    Case(
      "saName", "serviceAccounts:\n  - name: Spark\n",
      .error,
      "service account name \"Spark\" is invalid: it may contain only lowercase letters, digits and '-'",
      at: "4:11", hint: StackValidator.dnsHint),
    // Bucket naming rules on a bucket the user names.
    Case(
      "bucketChars", "dataLake:\n  bucket: My_Bucket\n",
      .error,
      "the bucket name \"My_Bucket\" is invalid: it may contain only lowercase letters, digits, '.' and '-'",
      at: "4:11",
      hint: "bucket names are 3-63 lowercase letters, digits, '.' and '-' (an account id adds 12 characters)"),
    // Missing required values in a section other than jobs.
    Case(
      "missingContext", "images:\n  - name: pi\n",
      .error, "missing required key \"context\" in an image", at: "4:5", hint: "add context: ./jobs/pi"),
    // A bad key (not value) points at the key.
    Case(
      "labelKey",
      "jobs:\n  - name: pi\n    image: apache/spark:3.5.3\n    mainApplicationFile: local:///x.py\n    labels:\n      -team: data\n",
      .error, "label key \"-team\" is invalid: it must start and end with a letter or digit", at: "8:7",
      hint: StackValidator.labelKeyHint),
    Case(
      "tagKeyLong",
      "metadata:\n  tags:\n    kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: v\n",
      .error,
      "tag key \"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\" must have 1 to 128 characters",
      at: "5:5",
      hint: "shorten the key"),
  ]
}

@Suite("derived problems")
struct DerivedProblemTests {
  @Test(
    "a problem is reported once, not again through values derived from it",
    arguments: ["serviceAccounts:\n  - name: Spark\n", "images:\n  - name: pi\n"])
  func reportedOnce(body: String) {
    let errors = validate(body).errors
    #expect(errors.count == 1, "\(errors.map(\.description))")
  }
}
