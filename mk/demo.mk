# `make demo`: the example stack applied in the sandbox. See scripts/demo-stack.sh.

DEMO_TARGETS += demo-stack

.PHONY: demo-stack

## demo-stack: sandbox up, validate, plan, apply --auto-approve, plan (no changes), status.
demo-stack: build venv
	scripts/demo-stack.sh $(EKS_SPARK) $(PYTHON)
