"""The emulator's API semantics, checked over HTTPS against an in-process instance."""

import json
import time

import pytest

CM = "/api/v1/namespaces/default/configmaps"


def cm(name, data=None, labels=None):
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, **({"labels": labels} if labels else {})},
            "data": data or {"a": "1"}}


def wait_for(fn, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.02)
    raise AssertionError("condition not met")


def test_create_sets_identity_and_a_global_resource_version(api):
    s1, a = api.post(CM, cm("a"))
    s2, b = api.post("/api/v1/namespaces/kube-system/configmaps", cm("b"))
    assert (s1, s2) == (201, 201)
    assert a["metadata"]["uid"] != b["metadata"]["uid"]
    assert int(b["metadata"]["resourceVersion"]) > int(a["metadata"]["resourceVersion"])
    assert a["metadata"]["creationTimestamp"].endswith("Z")


def test_generate_name_and_already_exists(api):
    s, o = api.post(CM, {"metadata": {"generateName": "gen-"}, "data": {}})
    assert s == 201 and o["metadata"]["name"].startswith("gen-") and len(o["metadata"]["name"]) == 9
    api.post(CM, cm("dup"))
    s, st = api.post(CM, cm("dup"))
    assert s == 409
    assert st == {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                  "message": 'configmaps "dup" already exists', "reason": "AlreadyExists",
                  "details": {"name": "dup", "kind": "configmaps"}, "code": 409}


def test_not_found_status_names_the_group(api):
    s, st = api.get("/apis/apps/v1/namespaces/default/deployments/nope")
    assert s == 404
    assert st["message"] == 'deployments.apps "nope" not found'
    assert st["details"] == {"name": "nope", "group": "apps", "kind": "deployments"}


def test_update_with_stale_resource_version_conflicts(api):
    _, o = api.post(CM, cm("occ"))
    stale = json.loads(json.dumps(o))
    o["data"]["a"] = "2"
    s, updated = api.put(f"{CM}/occ", o)
    assert s == 200 and updated["metadata"]["resourceVersion"] != stale["metadata"]["resourceVersion"]
    stale["data"]["a"] = "3"
    s, st = api.put(f"{CM}/occ", stale)
    assert s == 409 and st["reason"] == "Conflict"
    assert st["message"] == ('Operation cannot be fulfilled on configmaps "occ": the object has been modified; '
                             "please apply your changes to the latest version and try again")


def test_generation_moves_with_spec_not_metadata(api):
    dep = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "g"},
           "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "g"}},
                    "template": {"metadata": {"labels": {"app": "g"}}, "spec": {"containers": [{"name": "c", "image": "x"}]}}}}
    _, d = api.post("/apis/apps/v1/namespaces/default/deployments", dep)
    assert d["metadata"]["generation"] == 1
    _, d = api.patch("/apis/apps/v1/namespaces/default/deployments/g", {"metadata": {"labels": {"x": "y"}}})
    assert d["metadata"]["generation"] == 1
    _, d = api.patch("/apis/apps/v1/namespaces/default/deployments/g", {"spec": {"replicas": 1}})
    assert d["metadata"]["generation"] == 2


def test_invalid_name_is_422_with_causes(api):
    s, st = api.post("/api/v1/namespaces", {"metadata": {"name": "Bad_Name"}})
    assert s == 422 and st["reason"] == "Invalid"
    assert st["message"].startswith('Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label')
    assert st["details"]["causes"][0]["field"] == "metadata.name"


def test_dry_run_does_not_store(api):
    s, o = api.post(CM + "?dryRun=All", cm("dry"))
    assert s == 201 and o["metadata"]["uid"]
    assert api.get(f"{CM}/dry")[0] == 404


def test_label_and_field_selectors(api):
    api.post(CM, cm("l1", labels={"app": "x", "tier": "web"}))
    api.post(CM, cm("l2", labels={"app": "y"}))
    api.post(CM, cm("l3", labels={"app": "x", "tier": "db"}))
    names = lambda q: [o["metadata"]["name"] for o in api.get(f"{CM}?{q}")[1]["items"]]
    assert names("labelSelector=app%3Dx") == ["l1", "l3"]
    assert names("labelSelector=app%3Dx,tier!%3Ddb") == ["l1"]
    assert names("labelSelector=tier%20in%20(web,db)") == ["l1", "l3"]
    assert names("labelSelector=!tier,app") == ["l2"]
    assert names("fieldSelector=metadata.name%3Dl2") == ["l2"]
    s, st = api.get(f"{CM}?fieldSelector=data.a%3D1")
    assert s == 400


def test_patch_types(api):
    pod = {"metadata": {"name": "p"}, "spec": {"containers": [
        {"name": "a", "image": "a:1", "env": [{"name": "X", "value": "1"}], "ports": [{"containerPort": 80}]},
        {"name": "b", "image": "b:1"}]}}
    api.post("/api/v1/namespaces/default/pods", pod)
    path = "/api/v1/namespaces/default/pods/p"
    s, o = api.patch(path, {"spec": {"containers": [{"name": "b", "image": "b:2", "env": [{"name": "Y", "value": "2"}]}]}},
                     ctype="application/strategic-merge-patch+json")
    assert s == 200
    cs = {c["name"]: c for c in o["spec"]["containers"]}
    assert cs["a"]["image"] == "a:1" and cs["b"]["image"] == "b:2" and cs["b"]["env"] == [{"name": "Y", "value": "2"}]
    s, o = api.patch(path, {"spec": {"containers": [{"name": "a", "env": [{"name": "X", "$patch": "delete"}]}]}},
                     ctype="application/strategic-merge-patch+json")
    assert [c for c in o["spec"]["containers"] if c["name"] == "a"][0]["env"] == []
    s, o = api.patch(path, [{"op": "add", "path": "/metadata/labels", "value": {"k": "v"}},
                            {"op": "test", "path": "/spec/containers/0/name", "value": "a"}], ctype="application/json-patch+json")
    assert s == 200 and o["metadata"]["labels"] == {"k": "v"}
    s, st = api.patch(path, [{"op": "test", "path": "/spec/containers/0/name", "value": "zzz"}], ctype="application/json-patch+json")
    assert s == 422
    s, o = api.patch(path, {"metadata": {"labels": {"k": None, "m": "n"}}})
    assert o["metadata"]["labels"] == {"m": "n"}


def apply(api, path, obj, manager, force=False):
    q = f"?fieldManager={manager}" + ("&force=true" if force else "")
    return api.patch(path + q, obj, ctype="application/apply-patch+yaml")


def test_server_side_apply_conflicts_and_force(api):
    path = f"{CM}/ssa"
    s, o = apply(api, path, cm("ssa", {"a": "1", "b": "2"}), "alpha")
    assert s == 201
    mf = o["metadata"]["managedFields"]
    assert mf[0]["manager"] == "alpha" and mf[0]["operation"] == "Apply"
    assert mf[0]["fieldsV1"] == {"f:data": {"f:a": {}, "f:b": {}}}
    s, st = apply(api, path, cm("ssa", {"a": "9"}), "beta")
    assert s == 409
    assert st["message"] == 'Apply failed with 1 conflict: conflict with "alpha": .data.a'
    assert st["details"]["causes"] == [{"reason": "FieldManagerConflict", "message": 'conflict with "alpha"', "field": ".data.a"}]
    # the same value is shared ownership, not a conflict
    assert apply(api, path, cm("ssa", {"a": "1"}), "beta")[0] == 200
    s, o = apply(api, path, cm("ssa", {"a": "9"}), "beta", force=True)
    assert s == 200 and o["data"] == {"a": "9", "b": "2"}
    owners = {e["manager"]: e["fieldsV1"] for e in o["metadata"]["managedFields"]}
    assert owners["alpha"] == {"f:data": {"f:b": {}}}
    # alpha stops applying b: b goes away
    s, o = apply(api, path, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "ssa"}}, "alpha")
    assert o["data"] == {"a": "9"}


def test_update_manager_conflicts_with_apply(api):
    path = f"{CM}/mix"
    apply(api, path, cm("mix", {"a": "1"}), "applier")
    api.patch(path + "?fieldManager=editor", {"data": {"a": "2"}})
    s, st = apply(api, path, cm("mix", {"a": "3"}), "applier")
    assert s == 409
    assert st["message"] == 'Apply failed with 1 conflict: conflict with "editor" using v1: .data.a'


def test_ssa_merges_containers_by_name(api):
    base = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "m"},
            "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "m"}},
                     "template": {"metadata": {"labels": {"app": "m"}}, "spec": {"containers": [{"name": "a", "image": "a"}]}}}}
    path = "/apis/apps/v1/namespaces/default/deployments/m"
    assert apply(api, path, base, "one")[0] == 201
    side = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "m"},
            "spec": {"template": {"spec": {"containers": [{"name": "b", "image": "b"}]}}}}
    s, o = apply(api, path, side, "two")
    assert s == 200
    assert [c["name"] for c in o["spec"]["template"]["spec"]["containers"]] == ["a", "b"]
    two = [e for e in o["metadata"]["managedFields"] if e["manager"] == "two"][0]["fieldsV1"]
    assert two["f:spec"]["f:template"]["f:spec"]["f:containers"] == {'k:{"name":"b"}': {".": {}, "f:image": {}, "f:name": {}}}


def test_watch_from_resource_version(api, emu):
    _, lst = api.get(CM)
    rv = lst["metadata"]["resourceVersion"]
    api.post(CM, cm("w1"))
    api.patch(f"{CM}/w1", {"data": {"a": "2"}})
    api.delete(f"{CM}/w1")
    import http.client
    import ssl

    conn = http.client.HTTPSConnection("127.0.0.1", emu.port, context=ssl.create_default_context(cafile=emu.ca_file))
    conn.request("GET", f"{CM}?watch=1&resourceVersion={rv}&timeoutSeconds=1&allowWatchBookmarks=true",
                 headers={"Authorization": f"Bearer {emu.cluster.admin_token}"})
    resp = conn.getresponse()
    assert resp.getheader("Transfer-Encoding") == "chunked"
    events = [json.loads(l) for l in resp.read().decode().splitlines() if l]
    types = [(e["type"], e["object"]["metadata"].get("name")) for e in events if e["type"] != "BOOKMARK"]
    assert types == [("ADDED", "w1"), ("MODIFIED", "w1"), ("DELETED", "w1")]


def test_watch_too_old_resource_version_is_gone(api, emu):
    emu.cluster.store.oldest_rv = emu.cluster.store.rv
    s, st = api.get(f"{CM}?watch=1&resourceVersion=1")
    assert s == 410 and st["reason"] == "Expired"


def test_owner_deletion_collects_dependents(api):
    _, owner = api.post(CM, cm("owner"))
    ref = {"apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": owner["metadata"]["uid"]}
    api.post(CM, {**cm("child"), "metadata": {"name": "child", "ownerReferences": [ref]}})
    api.post(CM, {**cm("orphan"), "metadata": {"name": "orphan", "ownerReferences": [ref]}})
    api.delete(f"{CM}/owner")
    wait_for(lambda: api.get(f"{CM}/child")[0] == 404)
    assert api.get(f"{CM}/orphan")[0] == 404


def test_orphan_propagation_keeps_dependents(api):
    _, owner = api.post(CM, cm("owner2"))
    ref = {"apiVersion": "v1", "kind": "ConfigMap", "name": "owner2", "uid": owner["metadata"]["uid"]}
    api.post(CM, {**cm("kept"), "metadata": {"name": "kept", "ownerReferences": [ref]}})
    api.request("DELETE", f"{CM}/owner2", {"propagationPolicy": "Orphan"})
    time.sleep(0.3)
    s, kept = api.get(f"{CM}/kept")
    assert s == 200 and "ownerReferences" not in kept["metadata"]


def test_namespace_deletion_terminates_then_removes_contents(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "doomed"}})
    api.post("/api/v1/namespaces/doomed/configmaps", cm("x"))
    s, ns = api.delete("/api/v1/namespaces/doomed")
    assert s == 200 and ns["status"]["phase"] == "Terminating"
    s, st = api.post("/api/v1/namespaces/doomed/configmaps", cm("late"))
    assert s == 403 and "because it is being terminated" in st["message"]
    wait_for(lambda: api.get("/api/v1/namespaces/doomed")[0] == 404)
    assert api.get("/api/v1/namespaces/doomed/configmaps/x")[0] == 404


def test_rbac_denies_with_the_api_server_message(api, emu):
    api.post("/api/v1/namespaces/default/serviceaccounts", {"metadata": {"name": "bot"}})
    s, tr = api.post("/api/v1/namespaces/default/serviceaccounts/bot/token", {"spec": {}})
    token = tr["status"]["token"]
    s, st = api.get(CM, token=token)
    assert s == 403
    assert st["message"] == ('configmaps is forbidden: User "system:serviceaccount:default:bot" cannot list resource '
                             '"configmaps" in API group "" in the namespace "default"')
    api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles",
             {"metadata": {"name": "one-cm"}, "rules": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"],
                                                        "resourceNames": ["allowed"]}]})
    api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
             {"metadata": {"name": "bot-one-cm"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "one-cm"},
              "subjects": [{"kind": "ServiceAccount", "name": "bot", "namespace": "default"}]})
    api.post(CM, cm("allowed"))
    api.post(CM, cm("secret-ish"))
    assert api.get(f"{CM}/allowed", token=token)[0] == 200
    s, st = api.get(f"{CM}/secret-ish", token=token)
    assert s == 403 and st["message"].startswith('configmaps "secret-ish" is forbidden')
    s, st = api.get("/apis/apps/v1/deployments", token=token)
    assert st["message"].endswith('cannot list resource "deployments" in API group "apps" at the cluster scope')
    s, rev = api.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                      {"spec": {"resourceAttributes": {"verb": "get", "resource": "configmaps", "namespace": "default", "name": "allowed"}}},
                      token=token)
    assert rev["status"]["allowed"] is True


def test_unauthenticated_is_401(api):
    s, st = api.get(CM, token="")
    assert s == 401 and st["reason"] == "Unauthorized" and st["message"] == "Unauthorized"
    assert api.get(CM, token="not-a-token")[0] == 401
    assert api.get("/version", token="")[0] == 200


def test_eks_token_shape_is_checked_before_any_call():
    import base64

    from sandbox.k8s.auth import TokenError, parse_presigned

    def tok(url):
        return "k8s-aws-v1." + base64.urlsafe_b64encode(url.encode()).decode().rstrip("=")

    now = time.time()
    date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    good = (f"https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            f"&X-Amz-Credential=AKIA%2F20260101%2Feu-west-1%2Fsts%2Faws4_request&X-Amz-Date={date}&X-Amz-Expires=60"
            f"&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Signature=abc")
    assert parse_presigned(tok(good), "c", None, now) == good
    bad = [good.replace("https://sts.eu-west-1.amazonaws.com", "https://evil.example.com"),
           good.replace("https://", "http://"),
           good.replace("amazonaws.com/?", "amazonaws.com/x?"),
           good + "&Foo=1",
           good.replace("host%3Bx-k8s-aws-id", "host"),
           good.replace("X-Amz-Expires=60", "X-Amz-Expires=901"),
           good.replace(date, "20200101T000000Z"),
           good.replace("GetCallerIdentity", "AssumeRole")]
    for b in bad:
        with pytest.raises(TokenError):
            parse_presigned(tok(b), "c", None, now)
    sandbox = good.replace("https://sts.eu-west-1.amazonaws.com", "http://127.0.0.1:4566")
    assert parse_presigned(tok(sandbox), "c", "127.0.0.1:4566", now) == sandbox


def test_aws_auth_mapping():
    from sandbox.k8s.auth import map_identity

    data = {"mapRoles": "- rolearn: arn:aws:iam::111122223333:role/team/dev\n  username: dev:{{SessionName}}\n  groups: [devs, 'acct-{{AccountID}}']\n",
            "mapUsers": "- userarn: arn:aws:iam::111122223333:user/alice\n  username: alice\n  groups: [system:masters]\n"}
    u = map_identity(data, "arn:aws:sts::111122223333:assumed-role/dev/bob@corp", "111122223333")
    assert u["username"] == "dev:bob-corp" and u["groups"][:2] == ["devs", "acct-111122223333"]
    assert map_identity(data, "arn:aws:iam::111122223333:user/alice", "111122223333")["groups"][0] == "system:masters"
    assert map_identity(data, "arn:aws:iam::111122223333:user/mallory", "111122223333") is None
    creator = map_identity({}, "arn:aws:iam::111122223333:user/root-ish", "111122223333", "arn:aws:iam::111122223333:user/root-ish")
    assert "system:masters" in creator["groups"]


def pod_obj(name, labels=None, annotations=None, cpu=None, mem=None):
    c = {"name": "main", "image": "busybox"}
    if cpu or mem:
        c["resources"] = {"requests": {k: v for k, v in (("cpu", cpu), ("memory", mem)) if v}}
    return {"metadata": {"name": name, **({"labels": labels} if labels else {}), **({"annotations": annotations} if annotations else {})},
            "spec": {"containers": [c]}}


def test_pods_selected_by_a_fargate_profile_run_on_fargate_nodes(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    api.post("/api/v1/namespaces/spark/pods", pod_obj("driver", cpu="1", mem="2Gi"))
    pod = wait_for(lambda: (lambda p: p if p["status"].get("phase") == "Running" else None)(
        api.get("/api/v1/namespaces/spark/pods/driver")[1]))
    assert pod["spec"]["schedulerName"] == "fargate-scheduler"
    assert pod["spec"]["nodeName"].startswith("fargate-ip-")
    assert pod["metadata"]["annotations"]["CapacityProvisioned"] == "1vCPU 3GB"
    assert pod["metadata"]["labels"]["eks.amazonaws.com/fargate-profile"] == "spark"
    s, node = api.get(f"/api/v1/nodes/{pod['spec']['nodeName']}")
    assert s == 200 and node["metadata"]["labels"]["eks.amazonaws.com/compute-type"] == "fargate"


def test_pods_no_profile_selects_stay_pending_with_the_scheduler_event(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "labelled"}})
    api.post("/api/v1/namespaces/labelled/pods", pod_obj("nolabel"))
    api.post("/api/v1/namespaces/labelled/pods", pod_obj("ec2", labels={"compute": "fargate"},
                                                          annotations={"eks.amazonaws.com/compute-type": "ec2"}))
    api.post("/api/v1/namespaces/labelled/pods", pod_obj("yes", labels={"compute": "fargate"}))
    wait_for(lambda: api.get("/api/v1/namespaces/labelled/pods/yes")[1]["status"].get("phase") == "Running")
    for name in ("nolabel", "ec2"):
        evs = wait_for(lambda: api.get(f"/api/v1/namespaces/labelled/events?fieldSelector=involvedObject.name%3D{name}")[1]["items"])
        assert evs[0]["reason"] == "FailedScheduling" and evs[0]["type"] == "Warning"
        assert "1 node(s) had untolerated taint {eks.amazonaws.com/compute-type: fargate}" in evs[0]["message"] \
            or evs[0]["message"] == "no nodes available to schedule pods"
        p = api.get(f"/api/v1/namespaces/labelled/pods/{name}")[1]
        assert p["status"]["phase"] == "Pending" and not p["spec"].get("nodeName")


def test_coredns_stays_pending_on_a_fargate_only_cluster(api):
    d = wait_for(lambda: (lambda d: d if d.get("status", {}).get("replicas") == 2 else None)(
        api.get("/apis/apps/v1/namespaces/kube-system/deployments/coredns")[1]))
    assert d["status"].get("readyReplicas", 0) == 0
    pods = api.get("/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-dns")[1]["items"]
    assert len(pods) == 2 and all(p["status"]["phase"] == "Pending" for p in pods)


@pytest.mark.parametrize("cpu,mem,expected", [
    (None, None, "0.25vCPU 0.5GB"),
    ("250m", "256Mi", "0.25vCPU 0.5GB"),
    ("250m", "300Mi", "0.25vCPU 1GB"),
    ("500m", "1Gi", "0.5vCPU 2GB"),
    ("2", "15Gi", "2vCPU 16GB"),
    ("4", "30Gi", "8vCPU 32GB"),
    ("16", "100Gi", "16vCPU 104GB"),
])
def test_fargate_capacity(cpu, mem, expected):
    from sandbox.k8s.fargate import capacity_annotation

    assert capacity_annotation(pod_obj("x", cpu=cpu, mem=mem)["spec"]) == expected


def test_deployment_rolls_out_and_scales(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    dep = {"metadata": {"name": "web"}, "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                                                   "template": {"metadata": {"labels": {"app": "web"}},
                                                                "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}}
    api.post("/apis/apps/v1/namespaces/spark/deployments", dep)
    path = "/apis/apps/v1/namespaces/spark/deployments/web"
    wait_for(lambda: api.get(path)[1].get("status", {}).get("availableReplicas") == 2)
    s, sc = api.patch(path + "/scale", {"spec": {"replicas": 3}})
    assert s == 200 and sc["kind"] == "Scale" and sc["spec"]["replicas"] == 3
    wait_for(lambda: api.get(path)[1].get("status", {}).get("availableReplicas") == 3)
    d = api.get(path)[1]
    assert d["status"]["observedGeneration"] == d["metadata"]["generation"]
    assert {c["type"]: c["reason"] for c in d["status"]["conditions"]}["Progressing"] == "NewReplicaSetAvailable"


def test_crd_serves_its_resource_once_established(api):
    crd = {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": "things.example.com"},
           "spec": {"group": "example.com", "scope": "Namespaced", "names": {"plural": "things", "kind": "Thing"},
                    "versions": [{"name": "v1", "served": True, "storage": True, "subresources": {"status": {}},
                                  "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}},
                                 {"name": "v2", "served": False, "storage": False, "schema": {"openAPIV3Schema": {"type": "object"}}}]}}
    api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
    c = wait_for(lambda: (lambda c: c if any(x["type"] == "Established" and x["status"] == "True"
                                             for x in c.get("status", {}).get("conditions", [])) else None)(
        api.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/things.example.com")[1]))
    assert c["status"]["storedVersions"] == ["v1"]
    s, t = api.post("/apis/example.com/v1/namespaces/default/things", {"apiVersion": "example.com/v1", "kind": "Thing",
                                                                      "metadata": {"name": "t"}, "spec": {"n": 1}, "status": {"x": 1}})
    assert s == 201 and "status" not in t and t["metadata"]["generation"] == 1
    assert api.get("/apis/example.com/v2/namespaces/default/things")[0] == 404
    s, t = api.patch("/apis/example.com/v1/namespaces/default/things/t/status", {"status": {"phase": "Done"}, "spec": {"n": 5}})
    assert t["status"] == {"phase": "Done"} and t["spec"] == {"n": 1} and t["metadata"]["generation"] == 1
    s, _ = api.patch("/apis/example.com/v1/namespaces/default/things/t", {"x": 1}, ctype="application/strategic-merge-patch+json")
    assert s == 415
    api.delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/things.example.com")
    wait_for(lambda: api.get("/apis/example.com/v1/namespaces/default/things")[0] == 404)


def test_reset_gives_a_fresh_cluster(api):
    api.post(CM, cm("before-reset"))
    s, _ = api.post("/_sandbox/reset", {})
    assert s == 200
    assert api.get(f"{CM}/before-reset")[0] == 404
    assert api.get("/api/v1/namespaces/kube-system")[0] == 200


def test_watch_with_a_selector_reports_objects_entering_and_leaving(api, emu):
    import http.client
    import ssl

    _, lst = api.get(CM)
    rv = lst["metadata"]["resourceVersion"]
    api.post(CM, cm("sel"))
    api.patch(f"{CM}/sel", {"metadata": {"labels": {"watch": "me"}}})
    api.patch(f"{CM}/sel", {"data": {"a": "5"}})
    api.patch(f"{CM}/sel", {"metadata": {"labels": {"watch": None}}})
    conn = http.client.HTTPSConnection("127.0.0.1", emu.port, context=ssl.create_default_context(cafile=emu.ca_file))
    conn.request("GET", f"{CM}?watch=1&resourceVersion={rv}&timeoutSeconds=1&labelSelector=watch%3Dme",
                 headers={"Authorization": f"Bearer {emu.cluster.admin_token}"})
    events = [json.loads(l)["type"] for l in conn.getresponse().read().decode().splitlines() if l]
    assert events == ["ADDED", "MODIFIED", "DELETED"]


def test_job_starts_its_pods_and_completes_when_they_succeed(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    job = {"metadata": {"name": "once"}, "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "busybox"}]}}}}
    s, j = api.post("/apis/batch/v1/namespaces/spark/jobs", job)
    assert s == 201 and j["spec"]["backoffLimit"] == 6
    path = "/apis/batch/v1/namespaces/spark/jobs/once"
    wait_for(lambda: api.get(path)[1].get("status", {}).get("ready") == 1)
    pod = api.get("/api/v1/namespaces/spark/pods?labelSelector=job-name%3Donce")[1]["items"][0]
    api.patch(f"/api/v1/namespaces/spark/pods/{pod['metadata']['name']}/status", {"status": {"phase": "Succeeded"}})
    j = wait_for(lambda: (lambda j: j if j.get("status", {}).get("succeeded") == 1 else None)(api.get(path)[1]))
    assert [c["type"] for c in j["status"]["conditions"]] == ["SuccessCriteriaMet", "Complete"]


def test_irsa_service_accounts_inject_the_web_identity_token(api):
    role = "arn:aws:iam::123456789012:role/spark-s3"
    api.post("/api/v1/namespaces/default/serviceaccounts",
             {"metadata": {"name": "spark", "annotations": {"eks.amazonaws.com/role-arn": role}}})
    s, p = api.post("/api/v1/namespaces/default/pods",
                    {"metadata": {"name": "irsa"}, "spec": {"serviceAccountName": "spark", "containers": [{"name": "c", "image": "x"}]}})
    env = {e["name"]: e["value"] for e in p["spec"]["containers"][0]["env"]}
    assert env["AWS_ROLE_ARN"] == role
    assert env["AWS_WEB_IDENTITY_TOKEN_FILE"] == "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"
    vol = [v for v in p["spec"]["volumes"] if v["name"] == "aws-iam-token"][0]
    assert vol["projected"]["sources"][0]["serviceAccountToken"]["audience"] == "sts.amazonaws.com"
    s, plain = api.post("/api/v1/namespaces/default/pods", {"metadata": {"name": "plain"}, "spec": {"containers": [{"name": "c", "image": "x"}]}})
    assert "env" not in plain["spec"]["containers"][0]


def test_custom_resources_are_pruned_defaulted_and_validated(api):
    spec_schema = {"type": "object", "required": ["size"], "properties": {
        "size": {"type": "integer", "minimum": 1},
        "mode": {"type": "string", "enum": ["fast", "slow"], "default": "fast"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}}
    crd = {"metadata": {"name": "gadgets.example.com"},
           "spec": {"group": "example.com", "scope": "Namespaced", "names": {"plural": "gadgets", "kind": "Gadget"},
                    "versions": [{"name": "v1", "served": True, "storage": True,
                                  "schema": {"openAPIV3Schema": {"type": "object", "properties": {"spec": spec_schema}}}}]}}
    api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
    base = "/apis/example.com/v1/namespaces/default/gadgets"
    wait_for(lambda: api.get(base)[0] == 200)
    g = {"apiVersion": "example.com/v1", "kind": "Gadget", "metadata": {"name": "g"},
         "spec": {"size": 2, "typo": 1, "labels": {"a": "b"}, "free": {"any": {"thing": 1}}}, "extra": True}
    s, o = api.post(base, g)
    assert s == 201
    assert o["spec"] == {"size": 2, "mode": "fast", "labels": {"a": "b"}, "free": {"any": {"thing": 1}}} and "extra" not in o
    s, st = api.post(base + "?fieldValidation=Strict", {**g, "metadata": {"name": "strict"}})
    assert s == 400 and 'strict decoding error: unknown field "spec.typo"' in st["message"]
    s, st = api.post(base, {**g, "metadata": {"name": "bad"}, "spec": {"size": "big", "mode": "medium"}})
    assert s == 422
    assert st["message"].startswith('Gadget.example.com "bad" is invalid: [spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"')
    assert 'spec.mode: Unsupported value: "medium": supported values: "fast", "slow"' in st["message"]
    s, st = api.post(base, {**g, "metadata": {"name": "missing"}, "spec": {}})
    assert s == 422 and st["details"]["causes"][0] == {"reason": "FieldValueRequired", "message": "Required value", "field": "spec.size"}


def test_rollout_that_cannot_schedule_exceeds_its_progress_deadline(api):
    dep = {"metadata": {"name": "stuck"}, "spec": {"replicas": 1, "progressDeadlineSeconds": 1, "selector": {"matchLabels": {"app": "s"}},
                                                     "template": {"metadata": {"labels": {"app": "s"}},
                                                                  "spec": {"containers": [{"name": "c", "image": "x"}]}}}}
    api.post("/apis/apps/v1/namespaces/default/deployments", dep)
    cond = wait_for(lambda: next((c for c in api.get("/apis/apps/v1/namespaces/default/deployments/stuck")[1]
                                  .get("status", {}).get("conditions", []) if c["type"] == "Progressing" and c["status"] == "False"), None))
    assert cond["reason"] == "ProgressDeadlineExceeded" and cond["message"].endswith("has timed out progressing.")


def test_services_list_their_ready_pods_as_endpoints(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    api.post("/api/v1/namespaces/spark/services", {"metadata": {"name": "driver-svc"},
                                                   "spec": {"selector": {"role": "driver"}, "clusterIP": "None",
                                                            "ports": [{"name": "rpc", "port": 7078}]}})
    api.post("/api/v1/namespaces/spark/pods", pod_obj("drv", labels={"role": "driver"}))
    ep = wait_for(lambda: (lambda e: e if (e.get("subsets") or [{}])[0].get("addresses") else None)(
        api.get("/api/v1/namespaces/spark/endpoints/driver-svc")[1]))
    pod = api.get("/api/v1/namespaces/spark/pods/drv")[1]
    assert ep["subsets"][0]["addresses"][0]["ip"] == pod["status"]["podIP"]
    assert ep["subsets"][0]["ports"] == [{"name": "rpc", "port": 7078, "protocol": "TCP"}]


def test_foreground_deletion_waits_for_dependents(api):
    api.post("/api/v1/namespaces", {"metadata": {"name": "spark"}})
    dep = {"metadata": {"name": "fg"}, "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "fg"}},
                                                  "template": {"metadata": {"labels": {"app": "fg"}},
                                                               "spec": {"containers": [{"name": "c", "image": "x"}]}}}}
    api.post("/apis/apps/v1/namespaces/spark/deployments", dep)
    path = "/apis/apps/v1/namespaces/spark/deployments/fg"
    wait_for(lambda: api.get(path)[1].get("status", {}).get("availableReplicas") == 2)
    s, o = api.request("DELETE", path, {"propagationPolicy": "Foreground"})
    assert s == 200 and o["metadata"]["deletionTimestamp"] and "foregroundDeletion" in o["metadata"]["finalizers"]
    wait_for(lambda: api.get(path)[0] == 404)
    assert api.get("/api/v1/namespaces/spark/pods?labelSelector=app%3Dfg")[1]["items"] == []
    assert api.get("/apis/apps/v1/namespaces/spark/replicasets")[1]["items"] == []


def test_a_repeated_apply_does_not_change_the_object(api):
    path = f"{CM}/noop"
    _, first = apply(api, path, cm("noop", {"a": "1"}), "kubectl")
    time.sleep(1.1)
    _, second = apply(api, path, cm("noop", {"a": "1"}), "kubectl")
    assert second["metadata"]["resourceVersion"] == first["metadata"]["resourceVersion"]
