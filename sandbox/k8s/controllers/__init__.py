"""Controllers that stand in for the cluster. Each lives in its own file; the next ones
(e.g. a Spark Operator stand-in) subclass `Controller` and are added with
`cluster.manager.add(...)` or listed in `default_controllers`."""

from .base import Controller, Manager


def default_controllers():
    from .crd import CRDController
    from .deployment import DeploymentController
    from .endpoints import EndpointsController
    from .gc import GarbageCollector
    from .job import JobController
    from .kubelet import Kubelet
    from .namespace import NamespaceController
    from .replicaset import ReplicaSetController
    from .scheduler import Scheduler
    from .serviceaccount import ServiceAccountController
    from ..operator import ScheduledApplications, SparkApplications

    return [CRDController(), NamespaceController(), ServiceAccountController(), GarbageCollector(),
            DeploymentController(), ReplicaSetController(), JobController(), Scheduler(), Kubelet(), EndpointsController(),
            SparkApplications(), ScheduledApplications()]


__all__ = ["Controller", "Manager", "default_controllers"]
