import CCurl

#if canImport(Glibc)
import Glibc
#endif

/// The libcurl functions eks-spark calls, resolved with dlopen/dlsym the first time a
/// request is made. Linking libcurl directly would map and relocate its whole dependency
/// chain (about thirty libraries) in every process, several milliseconds that commands
/// without network calls, such as `get-token`, must not pay.
struct CurlAPI: @unchecked Sendable {
  typealias Easy = UnsafeMutableRawPointer
  typealias Multi = UnsafeMutableRawPointer
  typealias SList = UnsafeMutablePointer<curl_slist>

  let globalInit: @convention(c) (Int) -> CURLcode
  let multiInit: @convention(c) () -> Multi?
  let multiWakeup: @convention(c) (Multi?) -> CURLMcode
  let multiAddHandle: @convention(c) (Multi?, Easy?) -> CURLMcode
  let multiRemoveHandle: @convention(c) (Multi?, Easy?) -> CURLMcode
  let multiPerform: @convention(c) (Multi?, UnsafeMutablePointer<Int32>?) -> CURLMcode
  let multiInfoRead: @convention(c) (Multi?, UnsafeMutablePointer<Int32>?) -> UnsafeMutablePointer<CURLMsg>?
  let multiPoll:
    @convention(c) (Multi?, UnsafeMutablePointer<curl_waitfd>?, UInt32, Int32, UnsafeMutablePointer<Int32>?)
      ->
      CURLMcode
  let easyInit: @convention(c) () -> Easy?
  let easyCleanup: @convention(c) (Easy?) -> Void
  let easyStrerror: @convention(c) (CURLcode) -> UnsafePointer<CChar>?
  let slistAppend: @convention(c) (SList?, UnsafePointer<CChar>?) -> SList?
  let slistFreeAll: @convention(c) (SList?) -> Void
  /// The variadic setters, called through the typed wrappers in shim.h.
  let easySetopt: UnsafeMutableRawPointer
  let easyGetinfo: UnsafeMutableRawPointer
  let multiSetopt: UnsafeMutableRawPointer

  /// Loaded once per process; nil when libcurl is not installed.
  static let shared: CurlAPI? = load()

  private static func load() -> CurlAPI? {
    guard
      let library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL)
        ?? dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL)
    else { return nil }
    func symbol<T>(_ name: String, as type: T.Type) -> T? {
      guard let pointer = dlsym(library, name) else { return nil }
      return unsafeBitCast(pointer, to: type)
    }
    guard let globalInit = symbol("curl_global_init", as: (@convention(c) (Int) -> CURLcode).self),
      let multiInit = symbol("curl_multi_init", as: (@convention(c) () -> Multi?).self),
      let multiWakeup = symbol("curl_multi_wakeup", as: (@convention(c) (Multi?) -> CURLMcode).self),
      let multiAddHandle = symbol(
        "curl_multi_add_handle", as: (@convention(c) (Multi?, Easy?) -> CURLMcode).self),
      let multiRemoveHandle = symbol(
        "curl_multi_remove_handle", as: (@convention(c) (Multi?, Easy?) -> CURLMcode).self),
      let multiPerform = symbol(
        "curl_multi_perform", as: (@convention(c) (Multi?, UnsafeMutablePointer<Int32>?) -> CURLMcode).self),
      let multiInfoRead = symbol(
        "curl_multi_info_read",
        as: (@convention(c) (Multi?, UnsafeMutablePointer<Int32>?) -> UnsafeMutablePointer<CURLMsg>?).self),
      let multiPoll = symbol(
        "curl_multi_poll",
        as: (@convention(c) (
          Multi?, UnsafeMutablePointer<curl_waitfd>?, UInt32, Int32, UnsafeMutablePointer<Int32>?
        ) -> CURLMcode).self),
      let easyInit = symbol("curl_easy_init", as: (@convention(c) () -> Easy?).self),
      let easyCleanup = symbol("curl_easy_cleanup", as: (@convention(c) (Easy?) -> Void).self),
      let easyStrerror = symbol(
        "curl_easy_strerror", as: (@convention(c) (CURLcode) -> UnsafePointer<CChar>?).self),
      let slistAppend = symbol(
        "curl_slist_append", as: (@convention(c) (SList?, UnsafePointer<CChar>?) -> SList?).self),
      let slistFreeAll = symbol("curl_slist_free_all", as: (@convention(c) (SList?) -> Void).self),
      let easySetopt = dlsym(library, "curl_easy_setopt"),
      let easyGetinfo = dlsym(library, "curl_easy_getinfo"),
      let multiSetopt = dlsym(library, "curl_multi_setopt")
    else { return nil }
    return CurlAPI(
      globalInit: globalInit, multiInit: multiInit, multiWakeup: multiWakeup, multiAddHandle: multiAddHandle,
      multiRemoveHandle: multiRemoveHandle, multiPerform: multiPerform, multiInfoRead: multiInfoRead,
      multiPoll: multiPoll, easyInit: easyInit, easyCleanup: easyCleanup, easyStrerror: easyStrerror,
      slistAppend: slistAppend, slistFreeAll: slistFreeAll, easySetopt: easySetopt, easyGetinfo: easyGetinfo,
      multiSetopt: multiSetopt)
  }
}
