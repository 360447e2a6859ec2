# Start-up benchmarks of the command line itself (issue 2).
BENCH_TARGETS += bench-cli

.PHONY: bench-cli
bench-cli: build
	@echo "== eks-spark start-up (release, static stdlib)"
	@python3 bench/harness.py --runs 40 --name "eks-spark --help" --max-ms 10 -- $(EKS_SPARK) --help
	@if $(EKS_SPARK) validate --help >/dev/null 2>&1; then \
	  python3 bench/harness.py --runs 40 --name "eks-spark validate examples/stack.yaml" --max-ms 20 \
	    -- $(EKS_SPARK) validate -f examples/stack.yaml; \
	fi
