#!/usr/bin/env bash
# eks-spark's own image path against the sandbox's registry behind ECR (its login, its
# repositories): after a one-file change, `eks-spark image build` of a natively assembled
# image vs `buildah bud` + `buildah push` of the equivalent Dockerfile to the same ECR
# repository; then the no-change check (`plan --target image.pi`: preflight, hash the
# inputs, resolve the base, one manifest HEAD) and a no-change `image build` (with the lock).
# Usage: bench/images/stack.sh EKS_SPARK_BINARY PYTHON [RUNS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath "$1")
PY=$2
runs=${3:-10}
cd "$ROOT"
"$PY" -m sandbox up --no-k8s --latency fast >/dev/null
work=$(mktemp -d /tmp/images-stack-bench.XXXXXX)
trap 'PYTHONPATH=$ROOT "$PY" -m sandbox down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
set -a; source .sandbox/env; set +a
export XDG_CACHE_HOME=$work/cache
mkdir -p "$work/jobs/pi"
cp examples/jobs/pi/pi.py "$work/jobs/pi/pi.py"
cat > "$work/stack.yaml" <<YAML
apiVersion: eks-spark.io/v1alpha1
kind: Stack
metadata:
  prefix: imgbench
  region: eu-west-1
access:
  allowedCidrs: [203.0.113.0/24]
images:
  - name: pi
    base: \${aws.ecrRegistry}/docker-hub/apache/spark:\${spark.version}-python3
    files:
      jobs/pi/pi.py: /opt/spark/work-dir/pi.py
  - name: built
    context: jobs/pi
YAML
# The Dockerfile equivalent of pi: the same base plus the same file.
cat > "$work/jobs/pi/Dockerfile" <<DOCKERFILE
FROM $SANDBOX_REGISTRY/docker-hub/apache/spark:3.5.3-python3
COPY pi.py /opt/spark/work-dir/pi.py
DOCKERFILE
ebuild="$bin image build pi -f $work/stack.yaml --auto-approve"
$bin image build -f "$work/stack.yaml" --auto-approve > /dev/null 2>&1  # repositories, base in the cache
password=$("$PY" -c 'import base64, boto3
token = boto3.client("ecr").get_authorization_token()["authorizationData"][0]["authorizationToken"]
print(base64.b64decode(token).decode().split(":", 1)[1])')
buildah="buildah --root $work/buildah/storage --runroot $work/buildah/run --storage-driver vfs"
target="$SANDBOX_REGISTRY/imgbench/built:bench"
built="$buildah bud --quiet --isolation chroot --tls-verify=false --creds AWS:$password -t $target $work/jobs/pi > /dev/null \
  && $buildah push --quiet --tls-verify=false --creds AWS:$password $target docker://$target"
change="echo \"# \$(date +%s%N)\" >> $work/jobs/pi/pi.py"

echo "== sandbox ECR, after a one-file change: eks-spark image build (native) vs buildah bud + buildah push"
hyperfine --style basic --runs "$runs" --warmup 1 --prepare "$change" \
  -n "eks-spark image build pi (assemble + push)" "$ebuild > /dev/null 2>&1" \
  -n "buildah bud + buildah push" "$built"
$ebuild > /dev/null 2>&1
echo "== sandbox ECR, no change: the content-tag check, and image build finding nothing to do"
hyperfine --style basic --runs "$runs" --warmup 2 -N \
  -n "eks-spark plan --target image.pi" "$bin plan -f $work/stack.yaml --target image.pi" \
  -n "eks-spark image build pi (no change)" "$ebuild"
