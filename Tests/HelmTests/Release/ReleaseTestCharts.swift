import Helm

/// Small charts for the engine tests: a CRD, a pre-install/pre-upgrade Job hook, a
/// ClusterRole, a ConfigMap and a Deployment; version 2 drops the ConfigMap.
enum ReleaseTestCharts {
  static let crd = """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: widgets.example.com
    spec:
      group: example.com
      names: {kind: Widget, plural: widgets}
      scope: Namespaced
      versions: [{name: v1, served: true, storage: true}]
    """

  static func chart(version: String, withConfigMap: Bool = true, hookPolicy: String = "before-hook-creation")
    -> Chart
  {
    var metadata = ChartMetadata(apiVersion: "v2", name: "demo", version: version)
    metadata.appVersion = "1.0"
    var templates = [
      ChartFile(
        path: "templates/deployment.yaml",
        data: Array(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: {{ .Release.Name }}-controller
          spec:
            replicas: {{ .Values.replicas }}
            template:
              metadata:
                labels: {app: demo}
          """.utf8)),
      ChartFile(
        path: "templates/rbac.yaml",
        data: Array(
          """
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata:
            name: {{ .Release.Name }}-role
          rules: []
          """.utf8)),
      ChartFile(
        path: "templates/hook.yaml",
        data: Array(
          """
          apiVersion: batch/v1
          kind: Job
          metadata:
            name: {{ .Release.Name }}-init
            annotations:
              "helm.sh/hook": pre-install,pre-upgrade
              "helm.sh/hook-weight": "-5"
              "helm.sh/hook-delete-policy": \(hookPolicy)
          spec:
            template:
              spec:
                restartPolicy: Never
                containers: [{name: init, image: busybox}]
          """.utf8)),
      ChartFile(path: "templates/NOTES.txt", data: Array("Installed {{ .Release.Name }}.".utf8)),
    ]
    if withConfigMap {
      templates.append(
        ChartFile(
          path: "templates/configmap.yaml",
          data: Array(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-config
            data:
              revision: "{{ .Release.Revision }}"
            """.utf8)))
    }
    return Chart(
      metadata: metadata, values: ["replicas": .float(1)], templates: templates,
      files: [ChartFile(path: "crds/widgets.yaml", data: Array(crd.utf8))])
  }

  static func request(version: String = "1.0.0", withConfigMap: Bool = true, values: [String: Value] = [:])
    -> ReleaseRequest
  {
    ReleaseRequest(
      name: "demo", namespace: "default", chart: chart(version: version, withConfigMap: withConfigMap),
      values: values)
  }
}
