# The command-line layer: golden `--help` texts (Tests/EKSSparkTests/Golden/help/), checked
# by HelpGoldenTests in `make test-unit`.

.PHONY: golden-help

## golden-help: rewrite the --help golden file of every command (review the diff).
golden-help: deps
	$(SWIFT) build --build-tests
	@mkdir -p Tests/EKSSparkTests/Golden/help
	rm -f Tests/EKSSparkTests/Golden/help/*.txt
	UPDATE_GOLDENS=1 $(SWIFT) test --skip-build --filter HelpGoldenTests
