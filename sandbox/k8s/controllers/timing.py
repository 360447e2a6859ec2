"""Pod start-up delays from the AWS side's latency profile."""

# seconds: (pending before a Fargate node is assigned, container creation)
PROFILES = {"instant": (0.0, 0.0), "fast": (0.2, 0.3), "realistic": (60.0, 100.0)}


def pod_delays(cluster):
    lat = cluster.aws.latency()
    delays = lat.get("delays") or {}
    if isinstance(delays.get("pod_pending"), (int, float)) and isinstance(delays.get("pod_creating"), (int, float)):
        return float(delays["pod_pending"]), float(delays["pod_creating"])
    pending, creating = PROFILES.get(lat.get("profile"), PROFILES["fast"])
    if lat.get("profile") == "realistic":
        f = float(lat.get("factor") or 1)
        return pending / f, creating / f
    return pending, creating


def time_scale(cluster):
    """How long one second of cluster time (back-offs, task runs, cron periods) lasts here.

    `realistic` divides by its factor; `fast` runs fifty times faster; `instant` as fast as the
    controllers' tick allows (never 0, so back-offs still order events).
    """
    lat = cluster.aws.latency()
    profile = lat.get("profile")
    if profile == "realistic":
        return 1.0 / float(lat.get("factor") or 1)
    if profile == "instant":
        return 0.005
    return 0.02
