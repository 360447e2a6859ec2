"""Round-trip times of the Kubernetes API emulator, and its peak RSS.

Starts `python -m sandbox.k8s` alone (no AWS side) in a temporary directory, then times
over one keep-alive HTTPS connection: GET of an object, LIST of 200 ConfigMaps, CREATE,
PATCH (merge), server-side apply; and `kubectl get ns default` wall time (process start
included). Prints medians and p95 in ms and the emulator's peak RSS (VmHWM).
"""

import http.client
import json
import os
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    d = tempfile.mkdtemp(prefix="k8s-bench-")
    proc = subprocess.Popen([sys.executable, "-m", "sandbox.k8s", "--port", "0", "--state-dir", d],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.monotonic()
        while not os.path.exists(os.path.join(d, "kubeconfig")):
            time.sleep(0.01)
        port = int(open(os.path.join(d, "port")).read())
        token = open(os.path.join(d, "admin-token")).read().strip()
        ctx = ssl.create_default_context(cafile=os.path.join(d, "ca.crt"))
        while True:
            try:
                c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx)
                c.request("GET", "/readyz")
                c.getresponse().read()
                break
            except OSError:
                time.sleep(0.01)
        ready = time.monotonic() - started
        h = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        base = "/api/v1/namespaces/default/configmaps"

        def call(method, path, body=None, ctype="application/json"):
            c.request(method, path, body=json.dumps(body) if body is not None else None, headers={**h, "Content-Type": ctype})
            r = c.getresponse()
            r.read()
            return r.status

        def timed(n, fn):
            ts = []
            for i in range(n):
                t = time.perf_counter()
                fn(i)
                ts.append((time.perf_counter() - t) * 1000)
            ts.sort()
            return statistics.median(ts), ts[int(len(ts) * 0.95) - 1]

        results = {}
        results["create"] = timed(200, lambda i: call("POST", base, {"metadata": {"name": f"cm-{i}"}, "data": {"k": str(i)}}))
        results["get"] = timed(300, lambda i: call("GET", f"{base}/cm-{i % 200}"))
        results["list (200 items)"] = timed(50, lambda i: call("GET", base))
        results["merge patch"] = timed(200, lambda i: call("PATCH", f"{base}/cm-{i}", {"data": {"p": "x"}}, "application/merge-patch+json"))
        results["server-side apply"] = timed(200, lambda i: call(
            "PATCH", f"{base}/cm-{i}?fieldManager=bench",
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"cm-{i}"}, "data": {"s": "y"}},
            "application/apply-patch+yaml"))
        kubectl = shutil.which("kubectl")
        if kubectl:
            env = dict(os.environ, KUBECONFIG=os.path.join(d, "kubeconfig"), HOME=d)
            subprocess.run([kubectl, "get", "ns"], env=env, capture_output=True)
            results["kubectl get ns default (process)"] = timed(
                10, lambda i: subprocess.run([kubectl, "get", "ns", "default"], env=env, capture_output=True, check=True))
        rss = 0
        with open(f"/proc/{proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1]) // 1024
        print(f"k8s emulator: ready in {ready * 1000:.0f} ms, peak RSS {rss} MiB")
        print(f"{'operation':34} {'median ms':>10} {'p95 ms':>8}")
        for k, (med, p95) in results.items():
            print(f"{k:34} {med:10.2f} {p95:8.2f}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
