# Template engine: the checked-in oracle results (Tests/HelmTests/Template/Oracle) must be
# exactly what the real Helm engine (helm-python-sdk) renders for the same cases.

TEST_TARGETS += test-template-oracle

.PHONY: test-template-oracle template-oracle

## test-template-oracle: re-render the oracle cases with real Helm and compare with the checked-in results.
test-template-oracle: venv
	@out=$$(mktemp); \
	$(PYTHON) tests/template-oracle/oracle.py --output $$out && \
	if diff -u Tests/HelmTests/Template/Oracle/expected.json $$out; then echo "template oracle: Helm agrees with expected.json"; rm -f $$out; \
	else echo "template oracle: expected.json is stale; run make template-oracle"; rm -f $$out; exit 1; fi

## template-oracle: regenerate the oracle cases and Helm's results after editing make_cases.py.
template-oracle: venv
	$(PYTHON) tests/template-oracle/make_cases.py
	$(PYTHON) tests/template-oracle/oracle.py
