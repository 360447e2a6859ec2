extension AWSError {
  /// The sentence a person needs for the error codes that have a usual cause.
  static func remedy(code: String, service: String, operation: String) -> String? {
    switch code {
    case "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature", "AuthFailure":
      return
        "the request signature was rejected: check the secret access key that goes with the access key id, "
        + "and that this machine's clock is right"
    case "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId":
      return
        "AWS does not know this access key id: check AWS_ACCESS_KEY_ID or the profile's aws_access_key_id"
    case "ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired", "RequestExpired":
      return
        "the credentials have expired: refresh them (for example `aws sso login`, or assume the role again)"
    case "RequestTimeTooSkewed", "RequestInTheFuture":
      return "this machine's clock differs from AWS's: synchronise it (NTP)"
    case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
      "Forbidden":
      return
        "the identity is not allowed to call \(service):\(operation): grant that action in an IAM policy, "
        + "or use other credentials (`eks-spark whoami` shows which are in use)"
    case "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException", "SlowDown":
      return "AWS throttled the requests even after retries: wait and try again, or raise AWS_MAX_ATTEMPTS"
    case "OptInRequired":
      return "the account is not subscribed to \(service) in this region"
    default:
      return nil
    }
  }
}
