// curl_easy_setopt and friends are variadic, which Swift cannot call; these typed
// wrappers are the only way in.
#include <curl/curl.h>

static inline CURLcode ekss_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ekss_curl_setopt_ptr(CURL *h, CURLoption o, const void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ekss_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ekss_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ekss_curl_getinfo_ptr(CURL *h, CURLINFO i, void *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLMcode ekss_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURLcode ekss_curl_setopt_callback(CURL *h, CURLoption o, curl_write_callback cb) { return curl_easy_setopt(h, o, cb); }
// In-memory PEM (CA bundle, client certificate, key); curl copies the bytes.
static inline CURLcode ekss_curl_setopt_blob(CURL *h, CURLoption o, const void *data, size_t len) {
  struct curl_blob blob = { (void *)data, len, CURL_BLOB_COPY };
  return curl_easy_setopt(h, o, &blob);
}
// CURLMsg carries its result in a union Swift cannot reach by name.
static inline CURLcode ekss_curl_msg_result(const CURLMsg *m) { return m->data.result; }
