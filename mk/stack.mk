# Stack commands: the plan benchmark against Terraform and apply vs critical path.

BENCH_TARGETS += bench-stack

.PHONY: bench-stack

## bench-stack: eks-spark plan vs terraform plan (side by side), apply wall vs critical path.
bench-stack: build venv
	bench/stack/bench_stack.sh $(EKS_SPARK) $(PYTHON)
