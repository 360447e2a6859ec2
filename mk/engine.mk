# Engine and Stack: the AWS half of the stack applied against the sandbox.

.PHONY: test-stack-integration

## test-stack-integration: apply, re-plan, drift, orphans and destroy of the example stack's
## AWS half against a fresh sandbox (needs the sandbox's make rules, mk/sandbox.mk).
test-stack-integration: venv
	@$(MAKE) --no-print-directory sandbox-up >/dev/null
	@set -a; . ./.sandbox/env; set +a; \
	  $(SWIFT) test --filter 'IntegrationTests.StackApplyTests'; status=$$?; \
	  $(MAKE) --no-print-directory sandbox-down; exit $$status

ifneq ($(wildcard mk/sandbox.mk),)
TEST_TARGETS += test-stack-integration
endif

.PHONY: bench-stack-apply

## bench-stack-apply: apply's wall time against the critical path, sandbox latency on.
bench-stack-apply: venv
	bench/stack-apply.sh

ifneq ($(wildcard mk/sandbox.mk),)
BENCH_TARGETS += bench-stack-apply
endif
