# The local sandbox: moto behind a faithful front proxy, the container registry behind ECR, the
# chart repository and (when present) the Kubernetes API emulator. See sandbox/cli.py and
# sandbox/aws/control.py.

SANDBOX_PY = $(if $(wildcard $(PYTHON)),$(PYTHON),python3)

.PHONY: sandbox sandbox-up sandbox-down sandbox-reset sandbox-status test-sandbox bench-sandbox

## sandbox: install the sandbox's Python packages into .venv.
sandbox: venv

## sandbox-up: start (or restart fresh) the sandbox; writes and prints .sandbox/env.
sandbox-up: venv
	@$(PYTHON) -m sandbox up

## sandbox-down: stop exactly the processes sandbox-up started.
sandbox-down:
	@PYTHONPATH=$(CURDIR) $(SANDBOX_PY) -m sandbox down

sandbox-reset: venv
	@$(PYTHON) -m sandbox reset

sandbox-status:
	@PYTHONPATH=$(CURDIR) $(SANDBOX_PY) -m sandbox status || true

## test-sandbox: pytest of the AWS proxy's rules and of the sandbox's start/stop.
test-sandbox: venv
	$(PYTHON) -m pytest -q -p no:cacheprovider sandbox/tests

TEST_TARGETS += test-sandbox

## bench-sandbox: sandbox start-up (median of 5; also without the registry, target <= 5 s) and the
## registry seed push, peak RSS per process, proxy cost per call; then one real-Spark Pi run
## (wall time and peak memory of its processes, mk/spark.mk).
bench-sandbox: venv
	$(PYTHON) bench/sandbox.py
	$(PYTHON) -m sandbox.k8s.spark.bench

BENCH_TARGETS += bench-sandbox
