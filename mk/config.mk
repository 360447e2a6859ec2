# Config area (YAML, stack file, `eks-spark validate`).

BENCH_TARGETS += bench-validate

.PHONY: bench-validate validate-examples

## bench-validate: median wall time and peak RSS of `validate` and `--help` (release binary).
bench-validate: build
	bench/validate.sh

## validate-examples: the example stacks must stay valid.
validate-examples: build
	$(EKS_SPARK) validate -f examples/stack.yaml
	$(EKS_SPARK) validate -f examples/minimal.yaml
