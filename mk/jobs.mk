# The job commands (Sources/Jobs, Commands/Job): their sandbox suite runs in test-integration;
# the benchmark compares `job submit app.yaml` with `kubectl create` and times `job status`.

.PHONY: bench-jobs

## bench-jobs: job submit app.yaml vs kubectl create -f app.yaml; job status (target 50 ms).
bench-jobs: build venv
	bench/jobs/run.sh $(EKS_SPARK) $(PYTHON)

BENCH_TARGETS += bench-jobs
