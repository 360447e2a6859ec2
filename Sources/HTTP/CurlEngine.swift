import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libcurl multi handle driven by one thread, shared by every client in the process:
/// all transfers share its connection cache (keep-alive, HTTP/2 multiplexing) and DNS
/// cache. The thread starts on the first request, so commands that never send (such as
/// `get-token`) never pay for it.
final class CurlEngine: Sendable {
  /// nil when libcurl cannot be loaded.
  static let shared: CurlEngine? = CurlAPI.shared.map(CurlEngine.init)

  let api: CurlAPI

  private struct Queue {
    var adds: [CurlTransfer] = []
    var cancels: [CurlTransfer] = []
    var started = false
  }

  private let queue = Mutex(Queue())
  // The multi handle is touched only by the engine thread, except for curl_multi_wakeup,
  // which libcurl documents as callable from any thread.
  nonisolated(unsafe) private let multi: UnsafeMutableRawPointer
  nonisolated(unsafe) private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

  private init(api: CurlAPI) {
    self.api = api
    _ = api.globalInit(Int(CURL_GLOBAL_DEFAULT))
    multi = api.multiInit()!
    _ = ekss_curl_multi_setopt_long(api.multiSetopt, multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    // HTTP/1.1 endpoints (most AWS APIs) need a connection per request in flight; bursts
    // of 50 calls must not queue behind a small per-host cap.
    _ = ekss_curl_multi_setopt_long(api.multiSetopt, multi, CURLMOPT_MAX_HOST_CONNECTIONS, 64)
    _ = ekss_curl_multi_setopt_long(api.multiSetopt, multi, CURLMOPT_MAXCONNECTS, 64)
  }

  /// Hands a configured transfer to the engine thread.
  func submit(_ transfer: CurlTransfer) {
    let start = queue.withLock { queue -> Bool in
      queue.adds.append(transfer)
      defer { queue.started = true }
      return !queue.started
    }
    if start { startThread() } else { _ = api.multiWakeup(multi) }
  }

  func cancel(_ transfer: CurlTransfer) {
    transfer.cancelRequested.store(true, ordering: .releasing)
    queue.withLock { $0.cancels.append(transfer) }
    _ = api.multiWakeup(multi)
  }

  private func startThread() {
    var thread = pthread_t()
    let context = Unmanaged.passRetained(self).toOpaque()
    let result = pthread_create(
      &thread, nil,
      { context in
        let engine = Unmanaged<CurlEngine>.fromOpaque(context!).takeRetainedValue()
        engine.run()
        return nil
      }, context)
    precondition(result == 0, "could not start the HTTP thread")
    pthread_detach(thread)
  }

  private func run() {
    while true {
      let (adds, cancels) = queue.withLock { queue in
        defer {
          queue.adds.removeAll()
          queue.cancels.removeAll()
        }
        return (queue.adds, queue.cancels)
      }
      for transfer in adds {
        if transfer.cancelRequested.load(ordering: .acquiring) {
          transfer.finish(HTTPError(code: .cancelled, message: "cancelled", url: transfer.url))
          continue
        }
        active[transfer.easy] = transfer
        _ = api.multiAddHandle(multi, transfer.easy)
      }
      for transfer in cancels where active[transfer.easy] != nil {
        complete(transfer, error: HTTPError(code: .cancelled, message: "cancelled", url: transfer.url))
      }
      var running: Int32 = 0
      _ = api.multiPerform(multi, &running)
      var left: Int32 = 0
      while let message = api.multiInfoRead(multi, &left) {
        guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
          let transfer = active[easy]
        else { continue }
        let code = ekss_curl_msg_result(message)
        complete(transfer, error: code == CURLE_OK ? nil : error(code, url: transfer.url))
      }
      _ = api.multiPoll(multi, nil, 0, 1000, nil)
    }
  }

  private func complete(_ transfer: CurlTransfer, error: HTTPError?) {
    _ = api.multiRemoveHandle(multi, transfer.easy)
    active[transfer.easy] = nil
    transfer.finish(error)
  }

  func error(_ code: CURLcode, url: String) -> HTTPError {
    let message =
      api.easyStrerror(code).map { String(cString: $0).lowercased() } ?? "libcurl error \(code.rawValue)"
    let kind: HTTPError.Code =
      switch code {
      case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: .invalidURL
      case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .couldNotResolve
      case CURLE_COULDNT_CONNECT: .couldNotConnect
      case CURLE_OPERATION_TIMEDOUT: .timedOut
      case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
        CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
        CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED:
        .tls
      case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2,
        CURLE_HTTP2_STREAM:
        .connectionLost
      default: .transport
      }
    return HTTPError(
      code: kind, message: message, url: SecretMasking.url(url), curlCode: Int(code.rawValue))
  }
}
