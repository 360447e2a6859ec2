"""The Fargate pod execution role's mapping in a whole sandbox: the Fargate profile is created
through the AWS proxy as eks-spark would, and the real kubectl looks at the emulator."""

import json
import time
import urllib.request

import pytest
import yaml

from .kubectl_sandbox import KUBECTL, Sandbox, wait_until

NS = "mapped"
ROLE = "arn:aws:iam::123456789012:role/pod-execution"
EKS_ENTRY = ("- groups:\n  - system:bootstrappers\n  - system:nodes\n  - system:node-proxier\n"
             f"  rolearn: {ROLE}\n  username: system:node:{{{{SessionName}}}}\n")
ADMIN = "- rolearn: arn:aws:iam::123456789012:role/admins\n  username: admin\n  groups:\n  - system:masters\n"
BLOCKED = ("Misconfigured Fargate Profile: fargate profile conformance blocked for new launches due to: Pod execution "
           "role is not found in auth config or does not have all required permissions for launching fargate pods.")
pytestmark = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed")


@pytest.fixture(scope="module")
def sb():
    s = Sandbox()
    try:
        s.create_cluster_and_profile(NS)
        s.kubectl("create", "namespace", NS)
        yield s
    finally:
        s.down()


def map_roles(sb):
    r = sb.kubectl("get", "cm", "aws-auth", "-n", "kube-system", "-o", "json", check=False)
    return json.loads(r.stdout)["data"].get("mapRoles") if r.returncode == 0 else None


def rewrite_map_roles(sb, text):
    """What a client that owns aws-auth wholesale does: replace mapRoles with its own list."""
    cm = json.loads(sb.kubectl("get", "cm", "aws-auth", "-n", "kube-system", "-o", "json").stdout)
    cm["data"]["mapRoles"] = text
    sb.kubectl("replace", "-f", "-", input=json.dumps(cm))


def node_of(sb, pod):
    return sb.kubectl("get", "pod", pod, "-n", NS, "-o", "jsonpath={.spec.nodeName}").stdout


def run(sb, pod):
    sb.kubectl("run", pod, "-n", NS, "--image=nginx", "--restart=Never")


def failed_scheduling(sb, pod):
    events = yaml.safe_load(sb.kubectl("get", "events", "-n", NS, "--field-selector", f"involvedObject.name={pod}",
                                       "-o", "yaml").stdout)["items"]
    return [(e["type"], e["message"], e["source"]["component"]) for e in events if e["reason"] == "FailedScheduling"]


def test_creating_the_profile_put_its_role_in_aws_auth(sb):
    assert wait_until(lambda: map_roles(sb)) == EKS_ENTRY


def test_watching_for_new_profiles_leaves_the_request_log_alone(sb):
    """The emulator learns of profiles from the control API, which is neither logged nor
    faulted: tests that count AWS calls or inject faults see only their own clients' calls."""
    def count():
        with urllib.request.urlopen(sb.control + "/requests", timeout=10) as r:
            return json.loads(r.read())["count"]

    before = count()
    time.sleep(3)
    assert count() == before


def test_an_unmapped_role_keeps_new_fargate_pods_pending_until_it_is_back(sb):
    run(sb, "first")
    assert wait_until(lambda: node_of(sb, "first")).startswith("fargate-ip-")
    rewrite_map_roles(sb, ADMIN)
    run(sb, "second")
    assert wait_until(lambda: failed_scheduling(sb, "second")) == [("Warning", BLOCKED, "fargate-scheduler")]
    pod = json.loads(sb.kubectl("get", "pod", "second", "-n", NS, "-o", "json").stdout)
    assert pod["status"]["phase"] == "Pending" and not node_of(sb, "second")
    assert node_of(sb, "first")  # the running one stays where it is
    rewrite_map_roles(sb, ADMIN + EKS_ENTRY)
    assert wait_until(lambda: node_of(sb, "second")).startswith("fargate-ip-")
    assert map_roles(sb) == ADMIN + EKS_ENTRY  # the user's entry untouched, EKS's not doubled


def test_after_leaving_config_map_the_access_entry_maps_the_role(sb):
    eks = sb.aws("eks")
    eks.update_cluster_config(name="spark-eks-cluster", accessConfig={"authenticationMode": "API_AND_CONFIG_MAP"})
    entry = eks.describe_access_entry(clusterName="spark-eks-cluster", principalArn=ROLE)["accessEntry"]
    assert entry["type"] == "FARGATE_LINUX"
    rewrite_map_roles(sb, ADMIN)  # the aws-auth entry no longer matters
    run(sb, "third")
    assert wait_until(lambda: node_of(sb, "third")).startswith("fargate-ip-")
