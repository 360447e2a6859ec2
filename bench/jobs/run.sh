#!/usr/bin/env bash
# make bench-jobs: `job submit app.yaml` (the whole process: stack file, preflight reads,
# create) side by side with `kubectl create -f app.yaml` on the same sandbox, and `job
# status RUN` against its 50 ms target. Starts a sandbox of its own (SANDBOX_DIR in a
# temporary folder), the emulator's cluster with a Fargate profile, and the operator
# (tests/jobs/install_operator.py).
# Usage: bench/jobs/run.sh <eks-spark binary> <python of the venv> [runs]
set -euo pipefail
BIN=${1:?eks-spark binary}
PY=${2:?python}
RUNS=${3:-20}
cd "$(dirname "$0")/../.."
ROOT=$PWD
export SANDBOX_DIR
SANDBOX_DIR=$(mktemp -d)
trap '"$PY" -m sandbox down >/dev/null 2>&1 || true; rm -rf "$SANDBOX_DIR"' EXIT
"$PY" -m sandbox up --latency instant >/dev/null
set -a; source "$SANDBOX_DIR/env"; set +a

"$PY" - <<'PYEOF'
import boto3, os, time
eks, ec2, iam = boto3.client("eks"), boto3.client("ec2"), boto3.client("iam")
name = os.environ["SANDBOX_CLUSTER_NAME"]
eks.create_cluster(name=name, roleArn="arn:aws:iam::123456789012:role/eks", resourcesVpcConfig={"subnetIds": []})
while eks.describe_cluster(name=name)["cluster"]["status"] != "ACTIVE":
    time.sleep(0.2)
vpc = ec2.create_vpc(CidrBlock="10.91.0.0/16")["Vpc"]["VpcId"]
subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.91.1.0/24")["Subnet"]["SubnetId"]
trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks-fargate-pods.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
role = iam.create_role(RoleName="bench-pods", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
eks.create_fargate_profile(clusterName=name, fargateProfileName="bench", podExecutionRoleArn=role,
                           subnets=[subnet], selectors=[{"namespace": "bench"}, {"namespace": "spark-operator"}])
while eks.describe_fargate_profile(clusterName=name, fargateProfileName="bench")["fargateProfile"]["status"] != "ACTIVE":
    time.sleep(0.2)
PYEOF
"$PY" tests/jobs/install_operator.py spark-operator 1.1.6 >/dev/null
kubectl create namespace bench >/dev/null
kubectl create serviceaccount spark -n bench >/dev/null

WORK=$(mktemp -d)
cat > "$WORK/stack.yaml" <<YAML
apiVersion: eks-spark.io/v1alpha1
kind: Stack
metadata: {prefix: bench, region: eu-west-1}
access: {allowedCidrs: [203.0.113.0/24]}
cluster:
  name: $SANDBOX_CLUSTER_NAME
  fargateProfiles:
    - name: bench
      selectors: [{namespace: bench}, {namespace: kube-system}, {namespace: spark-operator}]
YAML
app() {  # app <metadata line>
  cat <<YAML
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  $1
  namespace: bench
spec:
  type: Python
  mode: cluster
  image: apache/spark:3.5.3-python3
  mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
  sparkVersion: 3.5.3
  restartPolicy: {type: Never}
  driver: {cores: 1, memory: 512m, serviceAccount: spark}
  executor: {cores: 1, memory: 512m, instances: 1}
YAML
}
app "name: bench" > "$WORK/app.yaml"
# kubectl needs a new name per create, as every submit makes one.
app "generateName: bench-" > "$WORK/app-kubectl.yaml"

"$PY" bench/harness.py --runs "$RUNS" --name "eks-spark job submit app.yaml" \
  --compare "kubectl create -f app.yaml" "kubectl create -f $WORK/app-kubectl.yaml" \
  -- "$BIN" job submit "$WORK/app.yaml" -f "$WORK/stack.yaml"
RUN=$("$BIN" job submit "$WORK/app.yaml" -f "$WORK/stack.yaml" 2>/dev/null)
"$PY" bench/harness.py --runs "$RUNS" --name "eks-spark job status RUN" --max-ms 50 \
  --compare "kubectl get sparkapplication RUN" "kubectl get sparkapplication $RUN -n bench" \
  -- "$BIN" job status "$RUN" -n bench -f "$WORK/stack.yaml"
rm -rf "$WORK"
