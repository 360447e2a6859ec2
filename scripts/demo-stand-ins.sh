#!/usr/bin/env bash
# Stand-ins for what `apply` does not do on this branch yet, each skipped as soon as apply
# does it: the Spark Operator release (real Helm, tests/jobs/install_operator.py), the RBAC
# of the `spark` service account, and the job images (the sandbox's seed image copied into
# the images' ECR repositories with skopeo: in the sandbox, real Spark takes the work dir
# from examples/jobs/<repository name>/, so the image's content does not matter).
# Usage: scripts/demo-stand-ins.sh <python of the venv>   (with .sandbox/env sourced)
set -euo pipefail
PY=${1:?python}
cd "$(dirname "$0")/.."

if [ -z "$(kubectl get deploy -A -l app.kubernetes.io/name=spark-operator -o name)" ]; then
  echo "stand-in: the Spark Operator chart 1.4.6, installed with real Helm"
  # 1.4.6, not the example's 1.1.6: the sandbox submits with Spark 3.5's spark-submit,
  # which patches the driver's Service, and 1.1.6's operator role cannot patch Services
  # (its real image submits with its own older Spark). The 1.x webhook needs its init
  # Job's certificates, which the sandbox's operator image does not make, so it is off.
  "$PY" tests/jobs/install_operator.py spark-operator 1.4.6 '{"sparkJobNamespaces": ["default"]}'
fi

if ! kubectl get serviceaccount spark -n default >/dev/null 2>&1; then
  echo "stand-in: service account default/spark with the RBAC Spark's driver needs"
  kubectl create serviceaccount spark -n default
  kubectl create role eks-spark-demo-driver -n default --verb='*' \
    --resource=pods,services,configmaps,persistentvolumeclaims
  kubectl create rolebinding eks-spark-demo-driver -n default --role=eks-spark-demo-driver \
    --serviceaccount=default:spark
fi

password=$("$PY" -c 'import base64, boto3; t = boto3.client("ecr").get_authorization_token()["authorizationData"][0]["authorizationToken"]; print(base64.b64decode(t).decode().split(":", 1)[1])')
for repository in spark-eks/pi spark-eks/weather; do
  if "$PY" -c "import boto3, sys; sys.exit(0 if boto3.client('ecr').describe_images(repositoryName='$repository')['imageDetails'] else 1)" 2>/dev/null; then
    continue
  fi
  echo "stand-in: the seed image pushed to $repository"
  "$PY" -c "
import boto3
ecr = boto3.client('ecr')
if '$repository' not in [r['repositoryName'] for r in ecr.describe_repositories()['repositories']]:
    ecr.create_repository(repositoryName='$repository')"
  skopeo copy --quiet --src-tls-verify=false --dest-tls-verify=false \
    --src-creds "AWS:$password" --dest-creds "AWS:$password" \
    "docker://$SANDBOX_REGISTRY/sandbox/base:latest" "docker://$SANDBOX_REGISTRY/$repository:demo"
done
