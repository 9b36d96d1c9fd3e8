// api/curl_global.cpp — curl_global_init / curl_global_cleanup, paired.
// The only place libcurl's global state is touched.
#include "api/curl_global.h"

#include <curl/curl.h>

#include <string>

namespace payq::api {

CurlGlobal::CurlGlobal() {
  const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    status_ = Status(StatusCode::kInternal, std::string("curl_global_init: ") + curl_easy_strerror(code));
  }
}

CurlGlobal::~CurlGlobal() {
  if (status_.is_ok()) curl_global_cleanup();
}

}  // namespace payq::api
