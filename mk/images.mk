# Images (native assembly, registry client, Dockerfile builds through buildah): the suite
# against a local docker-registry, which `make test` must run, never skip; and the
# native-vs-buildah benchmark.

IMAGES_APT_PACKAGES := docker-registry skopeo umoci buildah

TEST_TARGETS += test-images
BENCH_TARGETS += bench-images

.PHONY: images-tools test-images bench-images

## images-tools: the Debian tools the image suite and benchmark run (only those missing).
images-tools:
	@missing=""; for p in $(IMAGES_APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  sudo_cmd=""; [ "$$(id -u)" = 0 ] || sudo_cmd="sudo"; \
	  $$sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo_cmd apt-get install -y -qq $$missing; \
	fi

## test-images: ImagesTests with the registry suite required (a missing tool fails it).
test-images: deps images-tools
	$(SWIFT) build --build-tests
	EKS_SPARK_REQUIRE_IMAGE_TOOLS=1 $(SWIFT) test --skip-build --filter ImagesTests

## bench-images: after a one-file change, native assemble + push vs buildah bud + push; no-change check.
## First the Images module alone on a local docker-registry, then eks-spark itself against the
## sandbox's registry behind ECR (bench/images/stack.sh).
bench-images: deps images-tools build venv
	$(SWIFT) build $(RELEASE_FLAGS) --product images-bench
	bench/images/run.sh "$(BIN_DIR)/images-bench"
	bench/images/stack.sh $(EKS_SPARK) $(PYTHON)
