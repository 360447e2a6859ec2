"""Conformance: the stock kubectl against the emulator, inside a whole sandbox (`python -m
sandbox up` in a directory of its own: moto behind the SigV4 proxy, and the emulator).

The `kubectl` on these machines dispatches to the client matching the server's minor version
(1.30 for this EKS-like server); other installed minors are smoke-tested at the end.
"""

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from .kubectl_sandbox import KUBECTL, Sandbox, wait_until

NS = "conformance"
pytestmark = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed")


@pytest.fixture(scope="module")
def sb():
    s = Sandbox()
    try:
        s.create_cluster_and_profile(NS)
        yield s
    finally:
        s.down()


def test_sandbox_starts_quickly(sb):
    print(f"sandbox up (with the emulator): {sb.startup:.2f} s")
    assert sb.startup < 15


def test_version(sb):
    out = json.loads(sb.kubectl("version", "-o", "json").stdout)
    assert out["serverVersion"]["gitVersion"].startswith("v1.30.") and "-eks-" in out["serverVersion"]["gitVersion"]


def test_api_resources(sb):
    out = sb.kubectl("api-resources").stdout
    for line in ("deployments ", "customresourcedefinitions ", "selfsubjectaccessreviews ", "leases ", "poddisruptionbudgets "):
        assert line in out
    wide = sb.kubectl("api-resources", "--api-group=apps", "-o", "wide").stdout
    assert "deploy" in wide and "create,delete,deletecollection,get,list,patch,update,watch" in wide.replace(" ", "").replace("[", "").replace("]", "")


def test_round_trips_are_fast(sb):
    sb.kubectl("get", "ns")
    times = []
    for _ in range(5):
        t = time.monotonic()
        sb.kubectl("get", "ns", "default")
        times.append(time.monotonic() - t)
    print(f"kubectl get ns default: median {sorted(times)[2] * 1000:.0f} ms (process included)")


def test_create_namespace(sb):
    assert sb.kubectl("create", "namespace", NS).stdout.strip() == f"namespace/{NS} created"
    r = sb.kubectl("create", "namespace", NS, check=False)
    assert r.returncode == 1 and 'namespaces "conformance" already exists' in r.stderr


DEPLOYMENT = f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: {NS}
  labels: {{app: web}}
spec:
  replicas: 2
  selector:
    matchLabels: {{app: web}}
  template:
    metadata:
      labels: {{app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports: [{{containerPort: 80}}]
        env: [{{name: MODE, value: one}}]
        resources: {{requests: {{cpu: 500m, memory: 1Gi}}}}
"""


def test_client_side_apply_twice(sb):
    assert sb.kubectl("apply", "-f", "-", input=DEPLOYMENT).stdout.strip() == "deployment.apps/web created"
    assert sb.kubectl("apply", "-f", "-", input=DEPLOYMENT).stdout.strip() == "deployment.apps/web unchanged"
    changed = DEPLOYMENT.replace("value: one", "value: two")
    assert sb.kubectl("apply", "-f", "-", input=changed).stdout.strip() == "deployment.apps/web configured"
    dep = json.loads(sb.kubectl("get", "deploy", "web", "-n", NS, "-o", "json").stdout)
    assert dep["spec"]["template"]["spec"]["containers"][0]["env"] == [{"name": "MODE", "value": "two"}]
    assert "kubectl.kubernetes.io/last-applied-configuration" in dep["metadata"]["annotations"]


CONFIGMAP = f"""apiVersion: v1
kind: ConfigMap
metadata: {{name: settings, namespace: {NS}}}
data: {{level: info, size: "3"}}
"""


def test_server_side_apply_conflict_then_force(sb):
    assert sb.kubectl("apply", "--server-side", "-f", "-", input=CONFIGMAP).stdout.strip() == "configmap/settings serverside-applied"
    assert sb.kubectl("apply", "--server-side", "-f", "-", input=CONFIGMAP).stdout.strip() == "configmap/settings serverside-applied"
    other = CONFIGMAP.replace("level: info", "level: debug")
    r = sb.kubectl("apply", "--server-side", "--field-manager=operator", "-f", "-", input=other, check=False)
    assert r.returncode != 0
    assert 'Apply failed with 1 conflict: conflict with "kubectl": .data.level' in r.stderr
    r = sb.kubectl("apply", "--server-side", "--field-manager=operator", "--force-conflicts", "-f", "-", input=other)
    cm = json.loads(sb.kubectl("get", "cm", "settings", "-n", NS, "-o", "json", "--show-managed-fields").stdout)
    assert cm["data"]["level"] == "debug"
    owners = {e["manager"]: e["fieldsV1"] for e in cm["metadata"]["managedFields"]}
    assert owners["operator"]["f:data"] == {"f:level": {}, "f:size": {}}
    assert owners["kubectl"]["f:data"] == {"f:size": {}}


def test_get_output_formats(sb):
    y = yaml.safe_load(sb.kubectl("get", "cm", "settings", "-n", NS, "-o", "yaml").stdout)
    assert y["kind"] == "ConfigMap" and y["metadata"]["namespace"] == NS
    j = json.loads(sb.kubectl("get", "cm", "-n", NS, "-o", "json").stdout)
    assert j["kind"] == "List" and {i["metadata"]["name"] for i in j["items"]} >= {"settings", "kube-root-ca.crt"}
    assert sb.kubectl("get", "cm", "settings", "-n", NS, "-o", "jsonpath={.data.size}").stdout == "3"
    table = sb.kubectl("get", "cm", "-n", NS).stdout.splitlines()
    assert table[0].split() == ["NAME", "DATA", "AGE"]
    wide = sb.kubectl("get", "deploy", "-n", NS, "-o", "wide").stdout.splitlines()[0].split()
    assert wide[:5] == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"] and "SELECTOR" in wide


def test_get_watch_sees_added_modified_deleted(sb):
    cmd = [KUBECTL, "--cache-dir", sb.cache, "get", "cm", "-n", NS, "-w", "--output-watch-events", "--request-timeout=20s"]
    w = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=sb.kenv)
    try:
        time.sleep(1.0)
        sb.kubectl("create", "configmap", "watched", "-n", NS, "--from-literal=a=b")
        sb.kubectl("label", "configmap", "watched", "-n", NS, "seen=yes")
        sb.kubectl("delete", "configmap", "watched", "-n", NS)
        time.sleep(1.0)
    finally:
        w.terminate()
        out, err = w.communicate(timeout=10)
    events = [l.split()[:2] for l in out.splitlines()[1:] if l.strip()]
    assert ["ADDED", "watched"] in events and ["MODIFIED", "watched"] in events and ["DELETED", "watched"] in events, out + err


def test_patch_of_each_type(sb):
    sb.kubectl("patch", "deploy", "web", "-n", NS, "--type=merge", "-p", '{"metadata":{"annotations":{"merged":"yes"}}}')
    sb.kubectl("patch", "deploy", "web", "-n", NS, "--type=json", "-p",
               '[{"op":"add","path":"/metadata/annotations/jsonpatched","value":"yes"}]')
    sb.kubectl("patch", "deploy", "web", "-n", NS, "--type=strategic", "-p",
               '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"EXTRA","value":"1"}]}]}}}}')
    dep = json.loads(sb.kubectl("get", "deploy", "web", "-n", NS, "-o", "json").stdout)
    ann = dep["metadata"]["annotations"]
    assert ann["merged"] == "yes" and ann["jsonpatched"] == "yes"
    c = dep["spec"]["template"]["spec"]["containers"][0]
    assert c["image"] == "nginx:1.25" and {e["name"] for e in c["env"]} == {"MODE", "EXTRA"}
    r = sb.kubectl("patch", "deploy", "web", "-n", NS, "--type=json", "-p",
                   '[{"op":"test","path":"/spec/replicas","value":99}]', check=False)
    assert r.returncode != 0 and "Invalid" in r.stderr or "invalid" in r.stderr


def test_label_annotate_scale_rollout(sb):
    assert sb.kubectl("label", "deploy", "web", "-n", NS, "tier=frontend").stdout.strip() == "deployment.apps/web labeled"
    assert sb.kubectl("annotate", "deploy", "web", "-n", NS, "owner=team-a").stdout.strip() == "deployment.apps/web annotated"
    assert sb.kubectl("scale", "deploy", "web", "-n", NS, "--replicas=3").stdout.strip() == "deployment.apps/web scaled"
    out = sb.kubectl("rollout", "status", "deploy/web", "-n", NS, "--timeout=60s").stdout
    assert 'deployment "web" successfully rolled out' in out
    pods = json.loads(sb.kubectl("get", "pods", "-n", NS, "-l", "app=web", "-o", "json").stdout)["items"]
    pods = [p for p in pods if not p["metadata"].get("deletionTimestamp")]  # the old ones may still be Terminating
    assert len(pods) == 3
    for p in pods:
        assert p["status"]["phase"] == "Running"
        assert p["spec"]["nodeName"].startswith("fargate-ip-")
        assert p["metadata"]["annotations"]["CapacityProvisioned"] == "0.5vCPU 2GB"
    assert "tier=frontend" in sb.kubectl("get", "deploy", "web", "-n", NS, "--show-labels").stdout


def test_pending_without_a_profile(sb):
    r = sb.kubectl("get", "pods", "-n", "kube-system", "-l", "k8s-app=kube-dns", "-o", "jsonpath={.items[*].status.phase}")
    assert r.stdout.split() == ["Pending", "Pending"]
    ev = sb.kubectl("get", "events", "-n", "kube-system", "--field-selector", "reason=FailedScheduling").stdout
    assert "FailedScheduling" in ev


CRD = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.conformance.example.com}
spec:
  group: conformance.example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wdg]}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
    subresources: {status: {}}
    additionalPrinterColumns: [{name: Size, type: integer, jsonPath: .spec.size}]
"""


def test_crd_established_and_custom_resources(sb):
    sb.kubectl("apply", "-f", "-", input=CRD)
    out = sb.kubectl("wait", "--for=condition=Established", "crd/widgets.conformance.example.com", "--timeout=30s").stdout
    assert "condition met" in out
    cr = f"apiVersion: conformance.example.com/v1\nkind: Widget\nmetadata: {{name: w1, namespace: {NS}}}\nspec: {{size: 3}}\n"
    assert sb.kubectl("apply", "-f", "-", input=cr).stdout.strip() == "widget.conformance.example.com/w1 created"
    assert sb.kubectl("apply", "-f", "-", input=cr).stdout.strip() == "widget.conformance.example.com/w1 unchanged"
    sb.kubectl("create", "-f", "-", input=cr.replace("w1", "w2").replace("size: 3", "size: 5"))
    lines = sb.kubectl("get", "widgets", "-n", NS).stdout.splitlines()
    assert lines[0].split() == ["NAME", "SIZE"] and lines[1].split() == ["w1", "3"] and lines[2].split() == ["w2", "5"]
    assert sb.kubectl("get", "wdg", "w2", "-n", NS, "-o", "jsonpath={.spec.size}").stdout == "5"


def test_logs(sb):
    items = json.loads(sb.kubectl("get", "pods", "-n", NS, "-l", "app=web", "-o", "json").stdout)["items"]
    pod = [p for p in items if not p["metadata"].get("deletionTimestamp")][0]["metadata"]["name"]
    sb.k8s_post(f"/_sandbox/logs/{NS}/{pod}/nginx", b"line one\nline two\nline three\n")
    assert sb.kubectl("logs", "-n", NS, pod).stdout == "line one\nline two\nline three\n"
    assert sb.kubectl("logs", "-n", NS, pod, "--tail=1").stdout == "line three\n"
    assert sb.kubectl("logs", "-n", NS, pod, "-c", "nginx", "--tail=2").stdout == "line two\nline three\n"
    f = subprocess.Popen([KUBECTL, "--cache-dir", sb.cache, "logs", "-f", "-n", NS, pod], stdout=subprocess.PIPE, text=True, env=sb.kenv)
    try:
        time.sleep(0.8)
        sb.k8s_post(f"/_sandbox/logs/{NS}/{pod}/nginx", b"followed\n")
        time.sleep(1.2)
    finally:
        f.terminate()
        out, _ = f.communicate(timeout=10)
    assert out.endswith("line three\nfollowed\n")


def test_auth_can_i(sb):
    assert sb.kubectl("auth", "can-i", "create", "deployments", "-n", NS).stdout.strip() == "yes"
    sb.kubectl("create", "serviceaccount", "reader", "-n", NS)
    sb.kubectl("create", "rolebinding", "reader-view", "-n", NS, "--clusterrole=view", f"--serviceaccount={NS}:reader")
    token = sb.kubectl("create", "token", "reader", "-n", NS).stdout.strip()
    assert sb.kubectl("--token", token, "auth", "can-i", "list", "pods", "-n", NS).stdout.strip() == "yes"
    r = sb.kubectl("--token", token, "auth", "can-i", "delete", "pods", "-n", NS, check=False)
    assert r.returncode == 1 and r.stdout.strip() == "no"
    r = sb.kubectl("--token", token, "delete", "cm", "settings", "-n", NS, check=False)
    assert 'Error from server (Forbidden): configmaps "settings" is forbidden: User "system:serviceaccount:conformance:reader" cannot delete resource "configmaps" in API group "" in the namespace "conformance"' in r.stderr


def eks_token(sb, key, secret):
    env = dict(sb.kenv, AWS_ACCESS_KEY_ID=key, AWS_SECRET_ACCESS_KEY=secret, AWS_ENDPOINT_URL_STS=sb.env["AWS_ENDPOINT_URL"])
    r = subprocess.run(["aws", "eks", "get-token", "--cluster-name", "spark-eks-cluster", "--output", "json"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["status"]["token"]


@pytest.mark.skipif(shutil.which("aws") is None, reason="awscli is not installed")
def test_eks_tokens_through_aws_auth(sb):
    # The cluster creator (the sandbox admin user) is admin through an exec kubeconfig, as eks-spark writes it.
    kubeconfig = sb.dir / "eks-kubeconfig"
    server = sb.env["EKS_SPARK_KUBE_SERVER"]
    kubeconfig.write_text(yaml.safe_dump({
        "apiVersion": "v1", "kind": "Config", "current-context": "eks",
        "clusters": [{"name": "eks", "cluster": {"server": server, "certificate-authority": sb.env["EKS_SPARK_KUBE_CA_FILE"]}}],
        "contexts": [{"name": "eks", "context": {"cluster": "eks", "user": "eks"}}],
        "users": [{"name": "eks", "user": {"exec": {
            "apiVersion": "client.authentication.k8s.io/v1beta1", "command": "aws",
            "args": ["eks", "get-token", "--cluster-name", "spark-eks-cluster", "--output", "json"],
            "env": [{"name": "AWS_ENDPOINT_URL_STS", "value": sb.env["AWS_ENDPOINT_URL"]}],
            "interactiveMode": "Never"}}}]}))
    env = dict(sb.kenv, KUBECONFIG=str(kubeconfig))
    who = sb.kubectl("auth", "whoami", "-o", "json", env=env)
    assert json.loads(who.stdout)["status"]["userInfo"]["username"] == "kubernetes-admin"
    assert "default" in sb.kubectl("get", "ns", env=env).stdout

    alt = eks_token(sb, sb.env["SANDBOX_ALT_ACCESS_KEY_ID"], sb.env["SANDBOX_ALT_SECRET_ACCESS_KEY"])
    r = sb.kubectl("--token", alt, "get", "pods", "-n", NS, check=False)
    assert r.returncode == 1 and "Unauthorized" in r.stderr  # validly signed but unmapped: 401 as on EKS

    bad = alt[:-6] + ("AAAAAA" if not alt.endswith("AAAAAA") else "BBBBBB")
    assert "Unauthorized" in sb.kubectl("--token", bad, "get", "ns", check=False).stderr

    aws_auth = f"""apiVersion: v1
kind: ConfigMap
metadata: {{name: aws-auth, namespace: kube-system}}
data:
  mapUsers: |
    - userarn: {sb.env['SANDBOX_ALT_ARN']}
      username: alt-user
      groups: [conformance-viewers]
"""
    sb.kubectl("apply", "-f", "-", input=aws_auth)
    sb.kubectl("create", "rolebinding", "viewers", "-n", NS, "--clusterrole=view", "--group=conformance-viewers")
    alt = eks_token(sb, sb.env["SANDBOX_ALT_ACCESS_KEY_ID"], sb.env["SANDBOX_ALT_SECRET_ACCESS_KEY"])
    assert "web-" in sb.kubectl("--token", alt, "get", "pods", "-n", NS).stdout
    r = sb.kubectl("--token", alt, "create", "configmap", "nope", "-n", NS, check=False)
    assert 'configmaps is forbidden: User "alt-user" cannot create resource "configmaps"' in r.stderr


@pytest.mark.skipif(shutil.which("aws") is None, reason="awscli is not installed")
def test_eks_token_of_an_assumed_role_maps_through_map_roles(sb):
    iam = sb.aws("iam")
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                     "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}
    role = iam.create_role(RoleName="spark-admins", Path="/teams/", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    creds = sb.aws("sts").assume_role(RoleArn=role, RoleSessionName="carol@example.com")["Credentials"]
    env = dict(sb.kenv, AWS_ACCESS_KEY_ID=creds["AccessKeyId"], AWS_SECRET_ACCESS_KEY=creds["SecretAccessKey"],
               AWS_SESSION_TOKEN=creds["SessionToken"], AWS_ENDPOINT_URL_STS=sb.env["AWS_ENDPOINT_URL"])
    r = subprocess.run(["aws", "eks", "get-token", "--cluster-name", "spark-eks-cluster", "--output", "json"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    token = json.loads(r.stdout)["status"]["token"]
    assert "Unauthorized" in sb.kubectl("--token", token, "auth", "whoami", check=False).stderr
    cm = yaml.safe_load(sb.kubectl("get", "cm", "aws-auth", "-n", "kube-system", "-o", "yaml").stdout)
    # Appended: EKS's entry for the Fargate pod execution role stays, or new Fargate pods would stay Pending.
    cm["data"]["mapRoles"] += f"- rolearn: {role}\n  username: admin:{{{{SessionName}}}}\n  groups: [system:masters]\n"
    for k in ("resourceVersion", "uid", "creationTimestamp", "managedFields"):
        cm["metadata"].pop(k, None)
    sb.kubectl("apply", "-f", "-", input=yaml.safe_dump(cm))
    who = json.loads(sb.kubectl("--token", token, "auth", "whoami", "-o", "json").stdout)["status"]["userInfo"]
    assert who["username"] == "admin:carol-example.com" and "system:masters" in who["groups"]


def test_eks_token_signed_for_the_real_sts_host(sb):
    """A token presigned for sts.<region>.amazonaws.com (a client that does not use the STS
    endpoint override) is checked the same way, the call going to the sandbox's AWS endpoint."""
    import base64

    import botocore.session
    from botocore.signers import RequestSigner

    session = botocore.session.get_session()
    sts = session.create_client("sts", region_name="eu-west-1", endpoint_url="https://sts.eu-west-1.amazonaws.com",
                                aws_access_key_id=sb.env["AWS_ACCESS_KEY_ID"], aws_secret_access_key=sb.env["AWS_SECRET_ACCESS_KEY"])
    signer = RequestSigner(sts.meta.service_model.service_id, "eu-west-1", "sts", "v4", sts._request_signer._credentials,
                           session.get_component("event_emitter"))
    url = signer.generate_presigned_url({"method": "GET", "url": "https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
                                         "body": {}, "headers": {"x-k8s-aws-id": "spark-eks-cluster"}, "context": {}},
                                        region_name="eu-west-1", expires_in=60, operation_name="")
    token = "k8s-aws-v1." + base64.urlsafe_b64encode(url.encode()).decode().rstrip("=")
    who = json.loads(sb.kubectl("--token", token, "auth", "whoami", "-o", "json").stdout)["status"]["userInfo"]
    assert who["username"] == "kubernetes-admin"
    wrong_cluster = signer.generate_presigned_url(
        {"method": "GET", "url": "https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
         "body": {}, "headers": {"x-k8s-aws-id": "another-cluster"}, "context": {}},
        region_name="eu-west-1", expires_in=60, operation_name="")
    token = "k8s-aws-v1." + base64.urlsafe_b64encode(wrong_cluster.encode()).decode().rstrip("=")
    assert "Unauthorized" in sb.kubectl("--token", token, "auth", "whoami", check=False).stderr


@pytest.mark.skipif(shutil.which("aws") is None, reason="awscli is not installed")
def test_eks_access_entries_in_api_and_config_map_mode(sb):
    eks = sb.aws("eks")
    eks.update_cluster_config(name="spark-eks-cluster", accessConfig={"authenticationMode": "API_AND_CONFIG_MAP"})
    wait_until(lambda: eks.describe_cluster(name="spark-eks-cluster")["cluster"]["status"] == "ACTIVE")
    alt_arn = sb.env["SANDBOX_ALT_ARN"]
    eks.create_access_entry(clusterName="spark-eks-cluster", principalArn=alt_arn, kubernetesGroups=["entry-group"])
    eks.associate_access_policy(clusterName="spark-eks-cluster", principalArn=alt_arn,
                                policyArn="arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
                                accessScope={"type": "namespace", "namespaces": [NS]})
    time.sleep(2.2)  # the emulator caches access entries for 2 s
    alt = eks_token(sb, sb.env["SANDBOX_ALT_ACCESS_KEY_ID"], sb.env["SANDBOX_ALT_SECRET_ACCESS_KEY"])
    who = json.loads(sb.kubectl("--token", alt, "auth", "whoami", "-o", "json").stdout)["status"]["userInfo"]
    assert who["username"] == alt_arn and "entry-group" in who["groups"]  # the entry wins over aws-auth
    assert sb.kubectl("--token", alt, "auth", "can-i", "list", "pods", "-n", NS).stdout.strip() == "yes"
    assert sb.kubectl("--token", alt, "auth", "can-i", "list", "pods", "-n", "default", check=False).stdout.strip() == "no"
    r = sb.kubectl("--token", alt, "delete", "deploy", "web", "-n", NS, check=False)
    assert f'User "{alt_arn}" cannot delete resource "deployments" in API group "apps"' in r.stderr
    eks.delete_access_entry(clusterName="spark-eks-cluster", principalArn=alt_arn)
    time.sleep(2.2)
    who = json.loads(sb.kubectl("--token", alt, "auth", "whoami", "-o", "json").stdout)["status"]["userInfo"]
    assert who["username"] == "alt-user"  # back to its aws-auth mapping


def test_delete_namespace_with_contents(sb):
    out = sb.kubectl("delete", "namespace", NS, "--timeout=60s").stdout
    assert out.strip() == f'namespace "{NS}" deleted'
    r = sb.kubectl("get", "namespace", NS, check=False)
    assert r.returncode == 1 and f'namespaces "{NS}" not found' in r.stderr
    assert "No resources found" in sb.kubectl("get", "pods", "-n", NS).stderr


# kubectl 1.27/1.28 need the protobuf OpenAPI v2 document for client-side apply, and 1.32+
# send protobuf bodies from their typed clients (`create namespace`); the emulator speaks
# JSON only, so the minors around the server's (1.30) are the ones checked.
OTHER_KUBECTLS = [p for p in sorted(Path("/usr/lib/google-cloud-sdk/bin").glob("kubectl.1.*"))
                  if p.name in ("kubectl.1.29", "kubectl.1.30", "kubectl.1.31")]


@pytest.mark.parametrize("binary", OTHER_KUBECTLS, ids=[p.name for p in OTHER_KUBECTLS])
def test_other_kubectl_minors_smoke(sb, binary):
    ns = "smoke-" + binary.name.split(".")[-1]
    sb.kubectl("create", "ns", ns, kubectl=str(binary))
    cm = f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c, namespace: {ns}}}\ndata: {{a: b}}\n"
    assert "created" in sb.kubectl("apply", "-f", "-", input=cm, kubectl=str(binary)).stdout
    assert "serverside-applied" in sb.kubectl("apply", "--server-side", "-f", "-", input=cm, kubectl=str(binary)).stdout
    assert sb.kubectl("get", "cm", "c", "-n", ns, "-o", "jsonpath={.data.a}", kubectl=str(binary)).stdout == "b"
    sb.kubectl("delete", "ns", ns, kubectl=str(binary))
