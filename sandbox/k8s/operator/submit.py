"""Submitting a SparkApplication: the operator's spark-submit command line, run for real, or
the scripted path that creates what spark-submit would (config map, headless driver
Service, driver pod) when the sandbox does not run this application's Spark."""

import copy
import hashlib
import os
import shutil
import subprocess
import tempfile
import uuid

from ..controllers.owned import owner_ref
from ..validation import random_suffix

L_APP = "sparkoperator.k8s.io/app-name"
L_LAUNCHED = "sparkoperator.k8s.io/launched-by-spark-operator"
L_SUBMISSION = "sparkoperator.k8s.io/submission-id"
SCRIPTED = "sandbox.eks-spark.io/run"


def driver_pod_name(app):
    return ((app["spec"].get("driver") or {}).get("podName")) or f"{app['metadata']['name']}-driver"


def image_of(app, role):
    return (app["spec"].get(role) or {}).get("image") or app["spec"].get("image") or "apache/spark:3.5.3"


def _role_confs(app, role, prefix, submission_id):
    spec = app["spec"].get(role) or {}
    name = app["metadata"]["name"]
    out = []
    labels = {**(app["metadata"].get("labels") or {}), **(spec.get("labels") or {}),
              L_APP: name, L_LAUNCHED: "true", L_SUBMISSION: submission_id}
    for k, v in labels.items():
        out.append(f"spark.kubernetes.{prefix}.label.{k}={v}")
    for k, v in (spec.get("annotations") or {}).items():
        out.append(f"spark.kubernetes.{prefix}.annotation.{k}={v}")
    if spec.get("image"):
        out.append(f"spark.kubernetes.{prefix}.container.image={spec['image']}")
    if spec.get("cores") is not None:
        out.append(f"spark.{prefix}.cores={spec['cores']}")
    if spec.get("coreRequest"):
        out.append(f"spark.kubernetes.{prefix}.request.cores={spec['coreRequest']}")
    if spec.get("coreLimit"):
        out.append(f"spark.kubernetes.{prefix}.limit.cores={spec['coreLimit']}")
    if spec.get("memory"):
        out.append(f"spark.{prefix}.memory={spec['memory']}")
    if spec.get("memoryOverhead"):
        out.append(f"spark.{prefix}.memoryOverhead={spec['memoryOverhead']}")
    for k, v in (spec.get("envVars") or {}).items():
        out.append(f"spark.kubernetes.{prefix}Env.{k}={v}" if prefix == "driver" else f"spark.executorEnv.{k}={v}")
    for k, v in (spec.get("nodeSelector") or app["spec"].get("nodeSelector") or {}).items():
        out.append(f"spark.kubernetes.{prefix}.node.selector.{k}={v}")
    if role == "driver" and spec.get("serviceAccount"):
        out.append(f"spark.kubernetes.authenticate.driver.serviceAccountName={spec['serviceAccount']}")
    if role == "executor":
        if spec.get("instances") is not None:
            out.append(f"spark.executor.instances={spec['instances']}")
        if spec.get("serviceAccount"):
            out.append(f"spark.kubernetes.authenticate.executor.serviceAccountName={spec['serviceAccount']}")
    return out


def command_args(app, master, submission_id, token_file=None, ca_file=None):
    """spark-submit's arguments as the operator builds them (both generations)."""
    spec = app["spec"]
    md = app["metadata"]
    args = []
    if spec.get("mainClass"):
        args += ["--class", spec["mainClass"]]
    args += ["--master", master, "--deploy-mode", spec.get("mode", "cluster")]
    confs = [f"spark.kubernetes.namespace={md['namespace']}", f"spark.app.name={md['name']}",
             f"spark.kubernetes.driver.pod.name={driver_pod_name(app)}"]
    if spec.get("image"):
        confs.append(f"spark.kubernetes.container.image={spec['image']}")
    if spec.get("imagePullPolicy"):
        confs.append(f"spark.kubernetes.container.image.pullPolicy={spec['imagePullPolicy']}")
    confs.append("spark.kubernetes.submission.waitAppCompletion=false")
    for k, v in (spec.get("sparkConf") or {}).items():
        if k != "spark.kubernetes.driver.pod.name":
            confs.append(f"{k}={v}")
    for k, v in (spec.get("hadoopConf") or {}).items():
        confs.append(f"spark.hadoop.{k}={v}")
    confs += _role_confs(app, "driver", "driver", submission_id)
    confs += _role_confs(app, "executor", "executor", submission_id)
    if token_file:
        confs.append(f"spark.kubernetes.authenticate.submission.oauthTokenFile={token_file}")
    if ca_file:
        confs.append(f"spark.kubernetes.authenticate.submission.caCertFile={ca_file}")
    for c in confs:
        args += ["--conf", c]
    deps = spec.get("deps") or {}
    for key, flag in (("jars", "--jars"), ("files", "--files"), ("pyFiles", "--py-files"), ("packages", "--packages")):
        if deps.get(key):
            args += [flag, ",".join(deps[key])]
    args.append(spec.get("mainApplicationFile") or "")
    args += [str(a) for a in spec.get("arguments") or []]
    return args


def run_spark_submit(spark_home, args, env, timeout=300):
    """Run spark-submit; returns (ok, stderr text)."""
    cmd = [os.path.join(spark_home, "bin", "spark-submit"), *args]
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        return False, f"signal: killed ({e})"
    except OSError as e:
        return False, str(e)
    return p.returncode == 0, p.stderr if p.returncode else ""


def submission_credentials(cluster, operator):
    """A token of the operator's service account and the cluster CA, as files (the in-cluster config)."""
    tok = cluster.issue_sa_token(operator.namespace, operator.service_account, {"spec": {"expirationSeconds": 3600}})
    d = tempfile.mkdtemp(prefix="spark-submit-")
    token_file, ca_file = os.path.join(d, "token"), os.path.join(d, "ca.crt")
    with open(token_file, "w") as f:
        f.write(tok["status"]["token"])
    with open(ca_file, "wb") as f:
        f.write(cluster.ca_pem)
    return d, token_file, ca_file


def cleanup(path):
    shutil.rmtree(path, ignore_errors=True)


# -- the scripted path -------------------------------------------------------------------


def scripted_submit(cluster, app, submission_id):
    """Create what spark-submit creates for the driver; the kubelet scripts its run."""
    md, spec = app["metadata"], app["spec"]
    ns, name = md["namespace"], md["name"]
    app_id = "spark-" + uuid.uuid4().hex
    prefix = f"{name}-{hashlib.sha1(submission_id.encode()).hexdigest()[:16]}"
    drv = spec.get("driver") or {}
    labels = {**(md.get("labels") or {}), **(drv.get("labels") or {}), "spark-app-selector": app_id, "spark-role": "driver",
              "spark-app-name": name, "spark-version": spec.get("sparkVersion", "3.5.3"),
              L_APP: name, L_LAUNCHED: "true", L_SUBMISSION: submission_id}
    ann = {**(drv.get("annotations") or {}), SCRIPTED: "scripted"}
    pod_name = driver_pod_name(app)
    main = spec.get("mainApplicationFile") or ""
    cls = spec.get("mainClass") or ("org.apache.spark.deploy.PythonRunner" if spec.get("type") == "Python" else "")
    args = ["driver", "--properties-file", "/opt/spark/conf/spark.properties"] + (["--class", cls] if cls else []) + \
        [main] + [str(a) for a in spec.get("arguments") or []]
    env = [{"name": "SPARK_USER", "value": "spark"}, {"name": "SPARK_APPLICATION_ID", "value": app_id},
           {"name": "SPARK_DRIVER_BIND_ADDRESS", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "status.podIP"}}},
           {"name": "SPARK_LOCAL_DIRS", "value": f"/var/data/spark-{uuid.uuid4()}"},
           {"name": "SPARK_CONF_DIR", "value": "/opt/spark/conf"}]
    env += [{"name": k, "value": str(v)} for k, v in (drv.get("envVars") or {}).items()]
    mem = drv.get("memory") or "1g"
    pod = {"metadata": {"name": pod_name, "namespace": ns, "labels": labels, "annotations": ann,
                        "ownerReferences": [owner_ref(app, app["apiVersion"], app["kind"])]},
           "spec": {"restartPolicy": "Never", "serviceAccountName": drv.get("serviceAccount") or "default",
                    "containers": [{"name": "spark-kubernetes-driver", "image": image_of(app, "driver"), "args": args, "env": env,
                                    "ports": [{"name": "driver-rpc-port", "containerPort": 7078}, {"name": "blockmanager", "containerPort": 7079},
                                              {"name": "spark-ui", "containerPort": 4040}],
                                    "resources": {"requests": {"cpu": str(drv.get("cores") or 1), "memory": _with_overhead(mem)},
                                                  "limits": {"memory": _with_overhead(mem),
                                                             **({"cpu": drv["coreLimit"]} if drv.get("coreLimit") else {})}},
                                    "volumeMounts": [{"name": "spark-conf-volume-driver", "mountPath": "/opt/spark/conf"}]}],
                    "volumes": [{"name": "spark-conf-volume-driver", "configMap": {"name": f"spark-drv-{prefix[-16:]}-conf-map"}}]}}
    api = cluster.api
    api.create_object(cluster.rt("", "configmaps"), {"metadata": {"name": f"spark-drv-{prefix[-16:]}-conf-map", "namespace": ns,
                                                                 "labels": {"spark-app-selector": app_id}},
                                                    "data": {"spark.properties": f"spark.app.name={name}\nspark.app.id={app_id}\n"}},
                      "spark-submit")
    api.create_object(cluster.rt("", "services"), {"metadata": {"name": f"{prefix}-driver-svc", "namespace": ns},
                                                  "spec": {"clusterIP": "None", "selector": {"spark-app-selector": app_id, "spark-role": "driver"},
                                                           "ports": [{"name": "driver-rpc-port", "port": 7078, "targetPort": 7078},
                                                                     {"name": "blockmanager", "port": 7079, "targetPort": 7079},
                                                                     {"name": "spark-ui", "port": 4040, "targetPort": 4040}]}},
                      "spark-submit")
    return api.create_object(cluster.rt("", "pods"), pod, "spark-submit")


def scripted_executors(cluster, app, driver):
    """What the driver does next: ask for its executors (with the driver's own service account)."""
    spec = app["spec"]
    exe = spec.get("executor") or {}
    n = int(exe.get("instances") or 1)
    dl = driver["metadata"]["labels"]
    out = []
    for i in range(1, n + 1):
        labels = {**(exe.get("labels") or {}), "spark-app-selector": dl["spark-app-selector"], "spark-role": "executor",
                  "spark-app-name": dl.get("spark-app-name", ""), "spark-exec-id": str(i), "spark-exec-resourceprofile-id": "0",
                  "spark-version": dl.get("spark-version", ""), L_APP: dl.get(L_APP, ""), L_LAUNCHED: "true",
                  L_SUBMISSION: dl.get(L_SUBMISSION, "")}
        pod = {"metadata": {"name": f"{app['metadata']['name']}-{random_suffix()}-exec-{i}", "namespace": driver["metadata"]["namespace"],
                            "labels": labels, "annotations": {SCRIPTED: "scripted"},
                            "ownerReferences": [owner_ref(driver, "v1", "Pod")]},
               "spec": {"restartPolicy": "Never", "serviceAccountName": exe.get("serviceAccount") or driver["spec"].get("serviceAccountName"),
                        "containers": [{"name": "spark-kubernetes-executor", "image": image_of(app, "executor"), "args": ["executor"],
                                        "resources": {"requests": {"cpu": str(exe.get("cores") or 1),
                                                                   "memory": _with_overhead(exe.get("memory") or "1g")}}}]}}
        out.append(copy.deepcopy(pod))
    return out


def _with_overhead(mem):
    """Spark's pod memory: the JVM heap plus max(10%, 384 MiB) overhead, in MiB."""
    units = {"k": 1 / 1024, "m": 1, "g": 1024, "t": 1024 * 1024}
    m = str(mem).strip().lower().rstrip("b")
    mib = int(float(m[:-1]) * units[m[-1]]) if m and m[-1] in units else int(int(m) / (1024 * 1024))
    return f"{mib + max(int(mib * 0.1), 384)}Mi"
