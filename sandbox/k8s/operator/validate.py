"""SparkApplication validation with each generation's own texts.

1.x validates in the controller when it first sees an application: an error sets FAILED with
the message. 2.x validates in its admission webhook (the create is refused with
`admission webhook "validate-sparkoperator-k8s-io-v1beta2-sparkapplication.sparkoperator.k8s.io"
denied the request: ...`).
"""

import re

DNS1035 = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")


def _version_tuple(v):
    return tuple(int(x) for x in re.findall(r"\d+", v or "0")[:3])


def errors_v1(app):
    spec = app.get("spec") or {}
    if spec.get("nodeSelector") is not None and ((spec.get("driver") or {}).get("nodeSelector") is not None
                                                 or (spec.get("executor") or {}).get("nodeSelector") is not None):
        return "NodeSelector property can be defined at SparkApplication or at any of Driver,Executor"
    return None


def errors_v2(app):
    name = app["metadata"].get("name", "")
    problems = []
    if len(name) > 63:
        problems.append("must be no more than 63 characters")
    if not DNS1035.match(name):
        problems.append("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
                        "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
                        "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")
    if problems:
        return f'invalid SparkApplication name "{name}": {", ".join(problems)}'
    spec = app.get("spec") or {}
    drv, exe = spec.get("driver") or {}, spec.get("executor") or {}
    if (drv.get("template") or exe.get("template")) and _version_tuple(spec.get("sparkVersion")) < (3, 0, 0):
        return "pod template feature requires Spark version 3.0.0 or higher"
    if spec.get("nodeSelector") is not None and (drv.get("nodeSelector") is not None or exe.get("nodeSelector") is not None):
        return "node selector cannot be defined at both SparkApplication and Driver/Executor"
    ports, formats = set(), set()
    for item in spec.get("driverIngressOptions") or []:
        port = item.get("servicePort")
        if port is None:
            return "DriverIngressOptions has nill ServicePort"
        if port in ports:
            return f"DriverIngressOptions has duplicate ServicePort: {port}"
        ports.add(port)
        fmt = item.get("ingressURLFormat") or ""
        if not fmt:
            return "DriverIngressOptions has empty IngressURLFormat"
        if fmt in formats:
            return f"DriverIngressOptions has duplicate IngressURLFormat: {fmt}"
        formats.add(fmt)
    return None
