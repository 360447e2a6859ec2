"""Container status shapes as the kubelet writes them, and restart back-off."""

from ..store import now_rfc3339

BACKOFF_START = 10.0  # kubelet: 10 s, doubling, at most 5 min
BACKOFF_MAX = 300.0


def container_id(uid, name):
    return "containerd://" + (uid.replace("-", "") + name.encode().hex())[:64]


def waiting(cs, reason, message=None):
    cs["state"] = {"waiting": {"reason": reason, **({"message": message} if message else {})}}
    cs["ready"] = False
    cs["started"] = False


def running(cs, uid, image):
    now = now_rfc3339()
    cs["state"] = {"running": {"startedAt": now}}
    cs["ready"] = True
    cs["started"] = True
    cs["imageID"] = image_id(image)
    cs["containerID"] = container_id(uid, cs["name"] + str(cs.get("restartCount", 0)))


def terminated(cs, exit_code, reason=None, message=None):
    now = now_rfc3339()
    started = ((cs.get("state") or {}).get("running") or {}).get("startedAt", now)
    term = {"exitCode": exit_code, "reason": reason or ("Completed" if exit_code == 0 else "Error"),
            "startedAt": started, "finishedAt": now, "containerID": cs.get("containerID", "")}
    if message:
        term["message"] = message
    cs["state"] = {"terminated": term}
    cs["ready"] = False
    cs["started"] = False
    return term


def image_id(image):
    base = image.split("@", 1)[0].rsplit(":", 1)[0] if ":" in image.split("/")[-1] else image.split("@", 1)[0]
    return f"{base}@sha256:" + "0" * 64


def restarts(policy, exit_code):
    return policy == "Always" or (policy == "OnFailure" and exit_code != 0)


def next_backoff(current):
    return BACKOFF_START if not current else min(current * 2, BACKOFF_MAX)


def crashloop_message(seconds, container, pod):
    md = pod["metadata"]
    return f"back-off {int(seconds)}s restarting failed container={container} pod={md['name']}_{md['namespace']}({md['uid']})"
