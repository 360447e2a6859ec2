# Engine and Stack (issue 5): the AWS half of the stack applied against a private sandbox,
# and apply's wall time against the critical path with the sandbox's latency profile on.

STACK_IT_SANDBOX := $(CURDIR)/.sandbox-stack-it

.PHONY: test-stack-integration bench-stack-apply

## test-stack-integration: apply, re-plan, drift, orphans, destroy, existing VPC and the
## one-writer lock, against a sandbox of its own (started and stopped here).
test-stack-integration: venv
	$(SWIFT) build --build-tests
	@SANDBOX_DIR=$(STACK_IT_SANDBOX) $(PYTHON) -m sandbox up --no-k8s >/dev/null
	@set -a; . $(STACK_IT_SANDBOX)/env; set +a; \
	  $(SWIFT) test --skip-build --filter 'IntegrationTests\.StackApplyTests'; status=$$?; \
	  SANDBOX_DIR=$(STACK_IT_SANDBOX) $(PYTHON) -m sandbox down >/dev/null; exit $$status

## bench-stack-apply: apply's wall time next to the critical path (issue 5: within 1.15x).
bench-stack-apply: venv
	bench/stack-apply.sh

TEST_TARGETS += test-stack-integration
BENCH_TARGETS += bench-stack-apply
