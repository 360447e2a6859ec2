# Integration tests against one fresh sandbox: the AWS client suites, the
# Stack module's suite (StackApplyTests), then the CLI's stack suite on its own
# (StackCommandTests, with StackKillTests, injects faults and kill processes, which the other
# suites would feel), and the image suite on its own too (ImageCommandTests shortens every
# ECR login for a while), as is the job suite (it installs the operator chart with real Helm
# and scales it down for a moment). The sandbox is stopped even when a suite fails; the suites refuse
# to be skipped here (EKS_SPARK_REQUIRE_SANDBOX=1; images-tools installs skopeo, umoci, buildah).

TEST_TARGETS += test-integration

.PHONY: test-integration

test-integration: deps venv images-tools
	$(SWIFT) build --build-tests
	@$(PYTHON) -m sandbox up --latency fast >/dev/null
	@status=0; set -a; source .sandbox/env; set +a; export EKS_SPARK_REQUIRE_SANDBOX=1 \
	  EKS_SPARK_BIN="$(DEBUG_BIN_DIR)/eks-spark"; \
	$(SWIFT) test --skip-build --filter IntegrationTests --skip StackCommandTests --skip ImageCommandTests \
	  --skip JobCommandTests || status=$$?; \
	$(SWIFT) test --skip-build --filter JobCommandTests || status=$$?; \
	$(SWIFT) test --skip-build --filter StackCommandTests || status=$$?; \
	$(SWIFT) test --skip-build --filter ImageCommandTests || status=$$?; \
	PYTHONPATH=$(CURDIR) $(PYTHON) -m sandbox down >/dev/null; \
	exit $$status
