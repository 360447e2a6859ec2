# Integration tests against a fresh sandbox (issue 5): the AWS client suites, then the
# CLI's stack suite on its own (StackApplyTests, the Stack module's, runs in mk/engine.mk) (they inject faults the other suites would feel). The sandbox
# is stopped even when a suite fails; the suites refuse to be skipped here
# (EKS_SPARK_REQUIRE_SANDBOX=1).

TEST_TARGETS += test-integration

.PHONY: test-integration

test-integration: deps venv
	$(SWIFT) build --build-tests
	@$(PYTHON) -m sandbox up --latency fast >/dev/null
	@status=0; set -a; source .sandbox/env; set +a; export EKS_SPARK_REQUIRE_SANDBOX=1 \
	  EKS_SPARK_BIN="$(DEBUG_BIN_DIR)/eks-spark"; \
	$(SWIFT) test --skip-build --filter IntegrationTests --skip 'StackCommandTests|StackApplyTests' || status=$$?; \
	$(SWIFT) test --skip-build --filter StackCommandTests || status=$$?; \
	PYTHONPATH=$(CURDIR) $(PYTHON) -m sandbox down >/dev/null; \
	exit $$status
