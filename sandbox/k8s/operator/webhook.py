"""The operator's webhook server, in process: registered for the webhook Service once the
webhook's pods are serving, answering the chart's webhook paths (2.x validates
SparkApplications; pod mutation adds nothing the stand-in needs)."""

from .validate import errors_v2

VALIDATE_APP = "validate-sparkoperator-k8s-io-v1beta2-sparkapplication"


def handler(generation):
    def review(req_review):
        req = req_review.get("request") or {}
        uid = req.get("uid", "")
        res = (req.get("resource") or {}).get("resource")
        if generation >= 2 and res == "sparkapplications" and req.get("operation") in ("CREATE", "UPDATE"):
            obj = req.get("object") or {}
            old = req.get("oldObject")
            if old is None or (old.get("spec") != obj.get("spec")):
                err = errors_v2(obj)
                if err:
                    return {"uid": uid, "allowed": False, "status": {"code": 403, "message": err, "reason": "Forbidden"}}
        return {"uid": uid, "allowed": True}

    return review
