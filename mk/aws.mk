# The HTTP and AWS modules (issue 4): integration tests against the sandbox, benchmarks.

AWS_IT_SANDBOX := $(CURDIR)/.sandbox-aws-it
AWS_IT_FILTER := IntegrationTests\.(STS|IAM|EC2|EKS|S3ECR)IntegrationTests

.PHONY: test-aws-integration bench-aws

## test-aws-integration: starts a private sandbox, runs the AWS integration suites, stops it.
test-aws-integration: venv
	$(SWIFT) build --build-tests
	@SANDBOX_DIR=$(AWS_IT_SANDBOX) $(PYTHON) -m sandbox up --no-k8s >/dev/null
	@set -a; . $(AWS_IT_SANDBOX)/env; set +a; \
	  $(SWIFT) test --skip-build --filter '$(AWS_IT_FILTER)'; status=$$?; \
	  SANDBOX_DIR=$(AWS_IT_SANDBOX) $(PYTHON) -m sandbox down >/dev/null; exit $$status

## bench-aws: get-token vs aws eks get-token, 50 concurrent DescribeCluster, peak RSS.
bench-aws: build venv
	$(SWIFT) build $(RELEASE_FLAGS) --product aws-bench
	$(PYTHON) bench/aws/run.py --eks-spark $(EKS_SPARK) --aws-bench "$(BIN_DIR)/aws-bench" --python $(PYTHON)

TEST_TARGETS += test-aws-integration
BENCH_TARGETS += bench-aws
