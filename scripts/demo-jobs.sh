#!/usr/bin/env bash
# make demo, second half: the example stack's jobs run on the sandbox that demo-stack.sh left
# applied — `job submit pi --wait` (start-up timeline, then the Pi estimate from the driver
# log), the weather job, and `job list`.
#
# Three stand-ins cover what `apply` does not do on this branch yet, each skipped as soon as
# apply does it: the Spark Operator release (real Helm, tests/jobs/install_operator.py), the
# `spark` service account with the RBAC Spark's driver needs (kubectl), and the job images
# (the sandbox's seed image copied into the images' ECR repositories with skopeo: in the
# sandbox, real Spark takes the work dir from examples/jobs/<repository name>/, so the
# image's content does not matter).
# Usage: scripts/demo-jobs.sh <eks-spark binary> <python of the venv>
set -euo pipefail
BIN=${1:?eks-spark binary}
PY=${2:?python}
STACK=examples/stack.yaml
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
set -a; source .sandbox/env; set +a

now() { echo "$EPOCHREALTIME"; }
declare -a TIMINGS=()
step() {
  local title=$1; shift
  printf '\n\033[1m== %s\033[0m\n$ %s\n' "$title" "$*"
  local start; start=$(now)
  local status=0
  "$@" || status=$?
  TIMINGS+=("$(printf '%-44s %6.2f s  (exit %d)' "$title" "$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')" "$status")")
  return $status
}

stand_in_operator() {
  if [ -n "$(kubectl get deploy -A -l app.kubernetes.io/name=spark-operator -o name)" ]; then return 0; fi
  echo "(stand-in: the Spark Operator chart installed with real Helm until apply installs it)"
  "$PY" tests/jobs/install_operator.py spark-operator 1.1.6 \
    '{"sparkJobNamespace": "default", "webhook": {"enable": true}}'
}

stand_in_service_account() {
  if kubectl get rolebinding -n default -o name | grep -q .; then return 0; fi
  echo "(stand-in: RBAC for the spark service account until apply binds it)"
  kubectl get serviceaccount spark -n default >/dev/null 2>&1 || kubectl create serviceaccount spark -n default
  kubectl create role spark -n default --verb='*' --resource=pods,services,configmaps,persistentvolumeclaims
  kubectl create rolebinding spark -n default --role=spark --serviceaccount=default:spark
}

stand_in_images() {
  local registry=$SANDBOX_REGISTRY password
  password=$("$PY" -c 'import base64, boto3; t = boto3.client("ecr").get_authorization_token()["authorizationData"][0]["authorizationToken"]; print(base64.b64decode(t).decode().split(":", 1)[1])')
  for repository in spark-eks/pi spark-eks/weather; do
    if "$PY" -c "import boto3, sys; sys.exit(0 if boto3.client('ecr').describe_images(repositoryName='$repository')['imageDetails'] else 1)" 2>/dev/null; then
      continue
    fi
    echo "(stand-in: $repository gets the sandbox's seed image until apply builds and pushes it)"
    "$PY" -c "import boto3; e = boto3.client('ecr'); [e.create_repository(repositoryName='$repository') for _ in [0] if not [r for r in e.describe_repositories()['repositories'] if r['repositoryName'] == '$repository']]"
    skopeo copy --quiet --src-tls-verify=false --dest-tls-verify=false \
      --src-creds "AWS:$password" --dest-creds "AWS:$password" \
      "docker://$registry/sandbox/base:latest" "docker://$registry/$repository:demo"
  done
}

step "cluster side (stand-ins where apply does not do it yet)" bash -c "$(declare -f stand_in_operator stand_in_service_account stand_in_images); PY=$PY; stand_in_operator && stand_in_service_account && stand_in_images"

RUN_FILE=$(mktemp)
step "job submit pi --wait (real Spark)" bash -c "'$BIN' job submit pi -f '$STACK' --wait --timeout 10m | tee '$RUN_FILE'"
RUN=$(tail -1 "$RUN_FILE")
printf '\n\033[1m== the Pi estimate, from the driver log\033[0m\n$ %s job logs %s -f %s | grep "Pi is roughly"\n' "$BIN" "$RUN" "$STACK"
"$BIN" job logs "$RUN" -f "$STACK" 2>/dev/null | grep "Pi is roughly"
step "job submit weather --wait" "$BIN" job submit weather -f "$STACK" --wait --timeout 10m
step "job list" "$BIN" job list -f "$STACK"
rm -f "$RUN_FILE"

printf '\n\033[1m== job timings\033[0m\n'
printf '%s\n' "${TIMINGS[@]}"
