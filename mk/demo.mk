# `make demo`: the example stack applied in the sandbox, then its jobs run (real Spark for pi).
# See scripts/demo-stack.sh and scripts/demo-jobs.sh.

DEMO_TARGETS += demo-stack demo-jobs

.PHONY: demo-stack demo-jobs

## demo-stack: sandbox up (real Spark), validate, plan, apply --auto-approve, plan (no changes), status.
demo-stack: build venv
	SANDBOX_SPARK=real scripts/demo-stack.sh $(EKS_SPARK) $(PYTHON)

## demo-jobs: on the sandbox demo-stack left: job submit pi --wait (timeline, Pi estimate), weather, job list.
demo-jobs: demo-stack
	scripts/demo-jobs.sh $(EKS_SPARK) $(PYTHON)
