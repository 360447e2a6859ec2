# The Spark Operator release: its benchmark against real Helm.

BENCH_TARGETS += bench-operator

.PHONY: bench-operator

## bench-operator: operator install with no changes vs helm-python-sdk's upgrade of the same release.
bench-operator: build venv
	bench/operator/bench_operator.sh $(EKS_SPARK) $(PYTHON)
