"""A Spark Operator stand-in: acts only when an operator chart Deployment is available and
its CRDs are Established (see `detect`), for chart generations 1.x and 2.x."""

from .applications import SparkApplications
from .scheduled import ScheduledApplications

__all__ = ["SparkApplications", "ScheduledApplications"]
