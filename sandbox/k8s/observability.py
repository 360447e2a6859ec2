"""Fargate's built-in log router: with the `aws-observability` ConfigMap present, container
output also goes to CloudWatch Logs (in the AWS sandbox), as Fargate's Fluent Bit sends it.

The ConfigMap's `output.conf` names a `cloudwatch_logs` (or `cloudwatch`) output with
`log_group_name`, and `log_stream_prefix` or `log_stream_name`; Fargate tags each record
`kube.var.log.containers.<pod>_<namespace>_<container>-<container id>.log`, so the stream of
a prefix is `<prefix><tag>`. `auto_create_group true` creates a missing group.
"""

import logging
import queue
import threading

log = logging.getLogger("sandbox.k8s.observability")
NAMESPACE = "aws-observability"
CONFIGMAP = "aws-logging"


def parse_output(conf):
    """The first CloudWatch [OUTPUT] section's keys (lowercased), or None."""
    section, outputs = None, []
    for raw in (conf or "").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = {} if line.upper() == "[OUTPUT]" else None
            if section is not None:
                outputs.append(section)
            continue
        if section is not None:
            key, _, value = line.partition(" ")
            section[key.strip().lower()] = value.strip()
    for o in outputs:
        if o.get("name", "").lower() in ("cloudwatch_logs", "cloudwatch"):
            return o
    return None


class Observability:
    def __init__(self, cluster):
        self.cluster = cluster
        self._queue = queue.Queue()
        self._thread = None
        self._lock = threading.Lock()
        self._logs = None
        self._made = set()

    def output(self):
        cm = self.cluster.store.get(self.cluster.rt("", "configmaps"), NAMESPACE, CONFIGMAP, copy_=False)
        if cm is None or not self.cluster.aws.endpoint:
            return None
        return parse_output((cm.get("data") or {}).get("output.conf"))

    def stream_for(self, out, ns, pod, container):
        uid_hex = "0" * 64
        p = self.cluster.store.get(self.cluster.rt("", "pods"), ns, pod, copy_=False)
        for cs in ((p or {}).get("status") or {}).get("containerStatuses") or []:
            if cs.get("name") == container and cs.get("containerID"):
                uid_hex = cs["containerID"].split("://", 1)[-1]
        tag = f"kube.var.log.containers.{pod}_{ns}_{container}-{uid_hex}.log"
        return out.get("log_stream_name") or (out.get("log_stream_prefix", "") + tag)

    def forward(self, ns, pod, container, line):
        out = self.output()
        if out is None or not out.get("log_group_name"):
            return
        group = out["log_group_name"]
        stream = self.stream_for(out, ns, pod, container)
        self._queue.put((group, stream, out.get("auto_create_group", "false").lower() == "true",
                         out.get("region") or self.cluster.aws.region, line))
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="log-router", daemon=True)
                self._thread.start()

    def flush(self, timeout=10.0):
        """Wait until every queued line was sent (tests)."""
        self._queue.join()

    def _client(self, region):
        if self._logs is None:
            import boto3
            from botocore.config import Config

            aws = self.cluster.aws
            self._logs = boto3.client("logs", endpoint_url=aws.endpoint, region_name=region, aws_access_key_id=aws.access_key,
                                      aws_secret_access_key=aws.secret_key, config=Config(retries={"max_attempts": 2}))
        return self._logs

    def _run(self):
        import time

        while True:
            group, stream, create, region, line = self._queue.get()
            try:
                client = self._client(region)
                if (group, stream) not in self._made:
                    if create:
                        try:
                            client.create_log_group(logGroupName=group)
                        except client.exceptions.ResourceAlreadyExistsException:
                            pass
                    try:
                        client.create_log_stream(logGroupName=group, logStreamName=stream)
                    except client.exceptions.ResourceAlreadyExistsException:
                        pass
                    self._made.add((group, stream))
                client.put_log_events(logGroupName=group, logStreamName=stream,
                                      logEvents=[{"timestamp": int(time.time() * 1000), "message": line}])
            except Exception as e:  # the log router drops what it cannot deliver, as Fluent Bit does after retries
                log.warning("log router: %s/%s: %s", group, stream, e)
            finally:
                self._queue.task_done()
