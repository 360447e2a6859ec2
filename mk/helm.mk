# Helm: golden renders run in `make test-unit` (HelmTests); the differential test against
# the real Helm engine (helm-python-sdk) and the render benchmark live here.

TEST_TARGETS += test-helm-diff
BENCH_TARGETS += bench-helm

HELM_DIFF_COUNT ?= 200

.PHONY: test-helm-diff bench-helm

## test-helm-diff: >=200 generated value sets per chart version, eks-spark vs real Helm.
test-helm-diff: build venv
	$(PYTHON) tests/helm-diff/helm_diff.py --binary $(EKS_SPARK) --count $(HELM_DIFF_COUNT)

## bench-helm: in-process render and archive load (eks-spark vs helm-python-sdk), whole process.
bench-helm: build venv
	$(PYTHON) bench/helm/bench_helm.py --binary $(EKS_SPARK)
