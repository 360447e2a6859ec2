"""A Kubernetes API server emulator for the eks-spark sandbox.

It serves the REST API the stock kubectl speaks (discovery, CRUD, patches, server-side
apply, watch, CRDs, subresources, logs) over HTTPS, authenticates EKS bearer tokens and
maps identities through the aws-auth ConfigMap, authorizes with RBAC, and runs small
controllers (Deployments, ReplicaSets, Fargate scheduling, pod phases, namespaces,
garbage collection) that stand in for a Fargate-only EKS cluster.
"""
