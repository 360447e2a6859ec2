"""EKS's side of the Fargate bargain, against an in-process emulator whose AWS side is a stub:
the pod execution role goes into aws-auth (CONFIG_MAP mode) exactly as EKS writes it, and
Fargate pods whose role is no longer mapped stay Pending until the mapping is back."""

import time

import pytest
import yaml

from sandbox.k8s.fargate_auth import BLOCKED, entry_yaml, with_role

from .conftest import Emulator, StaticAWS
from .test_controllers import pod_obj
from .test_semantics import wait_for

ROLE = "arn:aws:iam::123456789012:role/spark-pod-execution"
AWS_AUTH = "/api/v1/namespaces/kube-system/configmaps/aws-auth"
EKS_ENTRY = ("- groups:\n"
             "  - system:bootstrappers\n"
             "  - system:nodes\n"
             "  - system:node-proxier\n"
             f"  rolearn: {ROLE}\n"
             "  username: system:node:{{SessionName}}\n")
ADMIN = "- rolearn: arn:aws:iam::123456789012:role/admins\n  username: admin\n  groups:\n    - system:masters\n"


class ModeAWS(StaticAWS):
    """A stub AWS side that also answers the cluster's authentication mode and access entries."""

    def __init__(self, profiles, mode="CONFIG_MAP"):
        super().__init__(profiles)
        self.access = {"mode": mode, "entries": {}}

    def cluster_access(self):
        return self.access


def profile(name, role=ROLE, namespace="spark"):
    return {"fargateProfileName": name, "fargateProfileArn": f"arn:aws:eks:eu-west-1:123456789012:fargateprofile/"
            f"spark-eks-cluster/{name}/0", "createdAt": "2026-12-04T12:00:00Z", "status": "ACTIVE",
            "podExecutionRoleArn": role, "selectors": [{"namespace": namespace}]}


@pytest.fixture
def make():
    made = []

    def start(profiles, mode="CONFIG_MAP"):
        e = Emulator(aws=ModeAWS(profiles, mode))
        made.append(e)
        e.client.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
        return e

    yield start
    for e in made:
        e.close()


def map_roles(api):
    status, cm = api.get(AWS_AUTH)
    return cm["data"]["mapRoles"] if status == 200 else None


def phase(api, name):
    return api.get(f"/api/v1/namespaces/spark/pods/{name}")[1].get("status", {}).get("phase")


def running(api, name):
    return wait_for(lambda: phase(api, name) == "Running")


def test_a_profile_in_config_map_mode_adds_its_role_to_aws_auth_as_eks_writes_it(make):
    api = make([profile("spark")]).client
    wait_for(lambda: map_roles(api))
    assert map_roles(api) == EKS_ENTRY
    (entry,) = yaml.safe_load(map_roles(api))
    assert entry == {"rolearn": ROLE, "username": "system:node:{{SessionName}}",
                     "groups": ["system:bootstrappers", "system:nodes", "system:node-proxier"]}
    status, cm = api.get(AWS_AUTH)
    assert set(cm["data"]) == {"mapRoles"}
    assert cm["metadata"]["managedFields"][0]["manager"] == "eks"


def test_a_second_profile_with_the_same_role_adds_no_duplicate(make):
    e = make([profile("spark")])
    wait_for(lambda: map_roles(e.client))
    e.aws.profiles.append(profile("spark-two", namespace="other"))
    e.cluster.fargate_auth.sync()
    assert map_roles(e.client) == EKS_ENTRY
    other = "arn:aws:iam::123456789012:role/other-pod-execution"
    e.aws.profiles.append(profile("spark-three", role=other, namespace="third"))
    e.cluster.fargate_auth.sync()
    assert [r["rolearn"] for r in yaml.safe_load(map_roles(e.client))] == [ROLE, other]


def test_entries_written_by_a_user_are_left_alone(make):
    e = make([])
    cm = {"metadata": {"name": "aws-auth"}, "data": {"mapRoles": ADMIN, "mapUsers": "- userarn: u\n  username: u\n"}}
    assert e.client.post("/api/v1/namespaces/kube-system/configmaps", cm)[0] == 201
    e.aws.profiles.append(profile("spark"))
    e.cluster.fargate_auth.sync()
    _, cm = e.client.get(AWS_AUTH)
    assert cm["data"]["mapRoles"] == ADMIN + EKS_ENTRY  # appended, the user's text as it was
    assert cm["data"]["mapUsers"] == "- userarn: u\n  username: u\n"
    assert yaml.safe_load(cm["data"]["mapRoles"])[0]["groups"] == ["system:masters"]


@pytest.mark.parametrize("text", ["  - rolearn: r\n    username: a\n", "[{rolearn: r, username: a}]", "", "[]\n"])
def test_the_role_is_merged_into_any_list_layout(text):
    merged = yaml.safe_load(with_role(text, ROLE))
    assert merged[-1] == yaml.safe_load(entry_yaml(ROLE))[0]
    assert merged[:-1] == (yaml.safe_load(text) or [])
    assert with_role(with_role(text, ROLE), ROLE) is None  # once only


def test_an_unparsable_map_roles_is_not_touched():
    assert with_role("- rolearn: [unclosed\n", ROLE) is None


def test_pods_of_an_unmapped_role_stay_pending_until_the_mapping_is_back(make):
    e = make([profile("spark")])
    api = e.client
    wait_for(lambda: map_roles(api))
    api.post("/api/v1/namespaces/spark/pods", pod_obj("before"))
    running(api, "before")
    # A client that rewrites mapRoles with only its admin entries drops EKS's entry.
    _, cm = api.get(AWS_AUTH)
    cm["data"]["mapRoles"] = ADMIN
    assert api.put(AWS_AUTH, cm)[0] == 200
    api.post("/api/v1/namespaces/spark/pods", pod_obj("after"))
    message = BLOCKED.format(profile="spark")
    events = "/api/v1/namespaces/spark/events?fieldSelector=involvedObject.name%3Dafter"
    event = wait_for(lambda: next((ev for ev in api.get(events)[1]["items"] if ev["reason"] == "FailedScheduling"), None))
    assert (event["type"], event["message"], event["source"]["component"]) == ("Warning", message, "fargate-scheduler")
    time.sleep(1.5)
    _, pod = api.get("/api/v1/namespaces/spark/pods/after")
    assert pod["status"]["phase"] == "Pending" and "nodeName" not in pod["spec"]
    cond = next(c for c in pod["status"]["conditions"] if c["type"] == "PodScheduled")
    assert (cond["status"], cond["reason"], cond["message"]) == ("False", "Unschedulable", message)
    assert phase(api, "before") == "Running"  # running pods keep running
    e.cluster.fargate_auth.sync()
    assert map_roles(api) == ADMIN  # EKS wrote its entry once; it does not put it back
    _, cm = api.get(AWS_AUTH)
    cm["data"]["mapRoles"] = ADMIN + EKS_ENTRY
    assert api.put(AWS_AUTH, cm)[0] == 200
    running(api, "after")


def test_api_mode_maps_through_a_fargate_linux_access_entry_and_leaves_aws_auth_alone(make):
    e = make([profile("spark")], mode="API")
    api = e.client
    api.post("/api/v1/namespaces/spark/pods", pod_obj("waits"))
    wait_for(lambda: any(ev["reason"] == "FailedScheduling" for ev in api.get("/api/v1/namespaces/spark/events")[1]["items"]))
    assert phase(api, "waits") == "Pending"
    assert map_roles(api) is None
    e.aws.access["entries"][ROLE] = {"principalArn": ROLE, "type": "STANDARD"}
    time.sleep(1.5)
    assert phase(api, "waits") == "Pending"  # a STANDARD entry is not a node's
    e.aws.access["entries"][ROLE] = {"principalArn": ROLE, "type": "FARGATE_LINUX",
                                     "username": "system:node:{{SessionName}}"}
    running(api, "waits")


def test_api_and_config_map_mode_accepts_either_mapping(make):
    e = make([profile("spark")], mode="API_AND_CONFIG_MAP")
    api = e.client
    cm = {"metadata": {"name": "aws-auth"}, "data": {"mapRoles": EKS_ENTRY}}
    assert api.post("/api/v1/namespaces/kube-system/configmaps", cm)[0] == 201
    api.post("/api/v1/namespaces/spark/pods", pod_obj("through-aws-auth"))
    running(api, "through-aws-auth")
    assert map_roles(api) == EKS_ENTRY  # EKS writes no aws-auth entries in this mode
