# The Kubernetes API server emulator (sandbox/k8s): its semantics tests and the conformance
# suite run with the real kubectl (and awscli for EKS tokens) against a sandbox it starts
# itself in a temporary directory (`python -m sandbox up` with SANDBOX_DIR), never a user's.

.PHONY: test-k8s k8s-serve bench-k8s

## test-k8s: emulator semantics (in-process) and kubectl conformance (whole sandbox).
test-k8s: venv
	$(PYTHON) -m pytest -q -p no:cacheprovider sandbox/k8s/tests

## k8s-serve: the emulator alone on a free port (state in .sandbox-k8s/), for poking at it.
k8s-serve: venv
	$(PYTHON) -m sandbox.k8s --state-dir $(CURDIR)/.sandbox-k8s --port 0

TEST_TARGETS += test-k8s

## bench-k8s: emulator round trips (GET, LIST, CREATE, PATCH, SSA, kubectl) and peak RSS.
bench-k8s: venv
	$(PYTHON) bench/k8s_api.py

BENCH_TARGETS += bench-k8s
