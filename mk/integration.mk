# Integration tests against one fresh sandbox: the AWS client suites, the
# Stack module's suite (StackApplyTests), then the CLI's stack suite on its own
# (StackCommandTests, with StackKillTests, injects faults and kill processes, which the other
# suites would feel). The sandbox is stopped even when a suite fails; the suites refuse to
# be skipped here (EKS_SPARK_REQUIRE_SANDBOX=1).

TEST_TARGETS += test-integration

.PHONY: test-integration

test-integration: deps venv
	$(SWIFT) build --build-tests
	@$(PYTHON) -m sandbox up --latency fast >/dev/null
	@status=0; set -a; source .sandbox/env; set +a; export EKS_SPARK_REQUIRE_SANDBOX=1 \
	  EKS_SPARK_BIN="$(DEBUG_BIN_DIR)/eks-spark"; \
	$(SWIFT) test --skip-build --filter IntegrationTests --skip StackCommandTests || status=$$?; \
	$(SWIFT) test --skip-build --filter StackCommandTests || status=$$?; \
	PYTHONPATH=$(CURDIR) $(PYTHON) -m sandbox down >/dev/null; \
	exit $$status
