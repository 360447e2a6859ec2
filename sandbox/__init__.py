"""The eks-spark sandbox: a local AWS (moto behind a faithful front proxy), a Kubernetes API
emulator and a chart repository, for demos and integration tests. Never part of the product."""
