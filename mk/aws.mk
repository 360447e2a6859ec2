# The HTTP and AWS modules: benchmarks. Their integration suites run in
# mk/integration.mk, on the same sandbox as the stack suites.

.PHONY: bench-aws

## bench-aws: get-token vs aws eks get-token, 50 concurrent DescribeCluster, peak RSS.
bench-aws: build venv
	$(SWIFT) build $(RELEASE_FLAGS) --product aws-bench
	$(PYTHON) bench/aws/run.py --eks-spark $(EKS_SPARK) --aws-bench "$(BIN_DIR)/aws-bench" --python $(PYTHON)

BENCH_TARGETS += bench-aws
