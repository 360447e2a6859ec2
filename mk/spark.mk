# Real Spark in the sandbox: PyPI pyspark (requirements/spark.txt) on a Debian JDK. The real-Spark
# tests run in test-k8s (sandbox/k8s/tests/test_real_spark.py); this measures one Pi run
# (bench-sandbox runs it too, after the start-up figures).

APT_PACKAGES += openjdk-17-jre-headless

.PHONY: bench-spark

## bench-spark: one real-Spark Pi run against an in-process emulator: wall time and peak memory.
bench-spark: venv
	$(PYTHON) -m sandbox.k8s.spark.bench

