// libcurl is opened with dlopen on the first request (see Sources/HTTP/CurlAPI.swift):
// its dependency chain (TLS, Kerberos, LDAP, SSH…) costs milliseconds to map and relocate,
// and commands that never send a request, like `get-token`, should not pay for it. This
// header gives the types; the functions come from dlsym.
//
// curl_easy_setopt and friends are variadic, which Swift cannot call; these typed wrappers
// call the variadic function pointer they are given.
#include <curl/curl.h>
#include <dlfcn.h>

typedef CURLcode (*ekss_curl_easy_setopt_fn)(CURL *, CURLoption, ...);
typedef CURLcode (*ekss_curl_easy_getinfo_fn)(CURL *, CURLINFO, ...);
typedef CURLMcode (*ekss_curl_multi_setopt_fn)(CURLM *, CURLMoption, ...);

static inline CURLcode ekss_curl_setopt_long(void *fn, CURL *h, CURLoption o, long v) {
  return ((ekss_curl_easy_setopt_fn)fn)(h, o, v);
}
static inline CURLcode ekss_curl_setopt_ptr(void *fn, CURL *h, CURLoption o, const void *v) {
  return ((ekss_curl_easy_setopt_fn)fn)(h, o, v);
}
static inline CURLcode ekss_curl_setopt_off(void *fn, CURL *h, CURLoption o, curl_off_t v) {
  return ((ekss_curl_easy_setopt_fn)fn)(h, o, v);
}
static inline CURLcode ekss_curl_setopt_callback(void *fn, CURL *h, CURLoption o, curl_write_callback cb) {
  return ((ekss_curl_easy_setopt_fn)fn)(h, o, cb);
}
// In-memory PEM (CA bundle, client certificate, key); curl copies the bytes.
static inline CURLcode ekss_curl_setopt_blob(void *fn, CURL *h, CURLoption o, const void *data, size_t len) {
  struct curl_blob blob = { (void *)data, len, CURL_BLOB_COPY };
  return ((ekss_curl_easy_setopt_fn)fn)(h, o, &blob);
}
static inline CURLcode ekss_curl_getinfo_long(void *fn, CURL *h, CURLINFO i, long *v) {
  return ((ekss_curl_easy_getinfo_fn)fn)(h, i, v);
}
static inline CURLMcode ekss_curl_multi_setopt_long(void *fn, CURLM *m, CURLMoption o, long v) {
  return ((ekss_curl_multi_setopt_fn)fn)(m, o, v);
}
// CURLMsg carries its result in a union Swift cannot reach by name.
static inline CURLcode ekss_curl_msg_result(const CURLMsg *m) { return m->data.result; }
