import CCurl
import Synchronization

/// One request in flight: its easy handle, the memory libcurl reads from, and what has
/// arrived so far. Only the engine thread touches it after it is queued.
final class CurlTransfer: @unchecked Sendable {
  enum Delivery {
    case whole(CheckedContinuation<HTTPResponse, any Error>)
    case streaming(
      head: CheckedContinuation<HTTPStreamingResponse, any Error>?,
      stream: HTTPBodyStream, body: HTTPBodyStream.Continuation)
  }

  let easy: UnsafeMutableRawPointer
  let url: String
  var headerList: UnsafeMutablePointer<curl_slist>?
  var bodyStorage: UnsafeMutableRawBufferPointer?
  var delivery: Delivery?
  var status = 0
  var headers = HTTPHeaders()
  var body: [UInt8] = []
  var finished = false
  /// Set from any thread; the engine checks it when it picks the transfer up.
  let cancelRequested = Atomic<Bool>(false)
  let trace: HTTPTraceSink?

  let api: CurlAPI

  init(api: CurlAPI, easy: UnsafeMutableRawPointer, url: String, trace: HTTPTraceSink?) {
    self.api = api
    self.easy = easy
    self.url = url
    self.trace = trace
  }

  deinit {
    api.easyCleanup(easy)
    if let headerList { api.slistFreeAll(headerList) }
    bodyStorage?.deallocate()
  }

  /// Called by libcurl for every header line, status lines included.
  func receiveHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
    var end = bytes.count
    while end > 0, bytes[end - 1] == 10 || bytes[end - 1] == 13 { end -= 1 }
    let line = String(decoding: bytes[..<end], as: UTF8.self)
    if line.hasPrefix("HTTP/") {
      // A new response head (after 100 Continue or a proxy CONNECT) starts over.
      headers = HTTPHeaders()
      let parts = line.split(separator: " ")
      status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
      return
    }
    if line.isEmpty {
      // The end of a head; 1xx heads and a proxy's CONNECT answer are not the response.
      var code = 0
      _ = ekss_curl_getinfo_long(api.easyGetinfo, easy, CURLINFO_RESPONSE_CODE, &code)
      if code >= 200 { status = code; deliverHead() }
      return
    }
    guard let colon = line.firstIndex(of: ":") else { return }
    let name = String(line[..<colon])
    let value = line[line.index(after: colon)...].trimmingPrefix(" ")
    headers.add(name, String(value))
  }

  func receiveBody(_ bytes: UnsafeBufferPointer<UInt8>) {
    switch delivery {
    case .streaming(let head, _, let continuation):
      if head != nil { deliverHead() }
      continuation.yield(Array(bytes))
    default:
      body.append(contentsOf: bytes)
    }
  }

  private func deliverHead() {
    guard case .streaming(let head?, let stream, let continuation) = delivery else { return }
    if let trace { HTTPTrace.response(status: status, headers: headers, body: nil, url: url, to: trace) }
    delivery = .streaming(head: nil, stream: stream, body: continuation)
    head.resume(returning: HTTPStreamingResponse(status: status, headers: headers, body: stream))
  }

  /// Ends the transfer once, with the response or the error.
  func finish(_ error: (any Error)?) {
    guard !finished else { return }
    finished = true
    if let trace, let error { trace("! \(SecretMasking.url(url)): \(error)") }
    switch delivery {
    case .whole(let continuation):
      if let error {
        continuation.resume(throwing: error)
      } else {
        if let trace { HTTPTrace.response(status: status, headers: headers, body: body, url: url, to: trace) }
        continuation.resume(returning: HTTPResponse(status: status, headers: headers, body: body))
      }
    case .streaming(let head, _, let continuation):
      if let head {
        if let error {
          head.resume(throwing: error)
        } else {
          deliverHead()
        }
      }
      if let error { continuation.finish(throwing: error) } else { continuation.finish() }
    case nil:
      break
    }
    delivery = nil
  }
}

/// libcurl's callbacks: plain C functions that find their transfer through `userdata`.
enum CurlCallbacks {
  static let header: curl_write_callback = { pointer, size, count, userdata in
    deliver(pointer, size * count, userdata) { $0.receiveHeaderLine($1) }
  }

  static let write: curl_write_callback = { pointer, size, count, userdata in
    deliver(pointer, size * count, userdata) { $0.receiveBody($1) }
  }

  /// Hands the `length` bytes libcurl passed to the transfer behind `userdata`, and answers
  /// how many were taken (all of them; 0 tells libcurl to abort).
  private static func deliver(
    _ pointer: UnsafeMutablePointer<CChar>?, _ length: Int, _ userdata: UnsafeMutableRawPointer?,
    to receive: (CurlTransfer, UnsafeBufferPointer<UInt8>) -> Void
  ) -> Int {
    guard let pointer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
      receive(transfer, UnsafeBufferPointer(start: $0, count: length))
    }
    return length
  }
}
