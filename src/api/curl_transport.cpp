// api/curl_transport.cpp — libcurl easy-handle setup per request, response capture, and the not-sent /
// maybe-sent split. The create body goes through a read callback whose seek refuses to rewind (see send()).
#include "api/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

#include "api/response_body.h"
#include "api/url.h"

namespace payq::api {
namespace {

// Everything one perform() fills in; libcurl callbacks reach it through their userdata pointer.
struct Exchange {
  const std::stop_token* abort = nullptr;
  std::string_view upload;  // body not yet handed to libcurl
  bool request_left = false;  // request headers were written to a socket at least once
  bool body_too_large = false;  // the response body passed kMaxResponseBodyBytes: reading stopped
  HttpResponse response;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

// Returning less than was offered makes libcurl fail the transfer with CURLE_WRITE_ERROR.
size_t on_body(char* data, size_t size, size_t count, void* userdata) {
  auto* exchange = static_cast<Exchange*>(userdata);
  if (size * count > kMaxResponseBodyBytes - exchange->response.body.size()) {
    exchange->body_too_large = true;
    return 0;
  }
  exchange->response.body.append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* userdata) {
  auto& response = static_cast<Exchange*>(userdata)->response;
  const std::string_view line = trim(std::string_view(data, size * count));
  if (line.starts_with("HTTP/")) {  // a new status line (after 100 Continue): start over
    response.headers.clear();
    const auto code_end = line.find(' ', line.find(' ') + 1);
    response.reason = code_end == std::string_view::npos ? "" : std::string(trim(line.substr(code_end)));
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    response.headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return size * count;
}

size_t on_read(char* buffer, size_t size, size_t count, void* userdata) {
  auto& upload = static_cast<Exchange*>(userdata)->upload;
  const size_t n = std::min(size * count, upload.size());
  std::memcpy(buffer, upload.data(), n);
  upload.remove_prefix(n);
  return n;
}

// libcurl 7.88 re-sends a request on a fresh connection when a reused one died before any response
// byte (Curl_retry_request); refusing to rewind turns that hidden re-send into CURLE_SEND_FAIL_REWIND.
int refuse_rewind(void* /*userdata*/, curl_off_t /*offset*/, int /*origin*/) { return CURL_SEEKFUNC_CANTSEEK; }

// Only watches for the request leaving; the data (which holds the Authorization header) is never kept.
int on_debug(CURL* /*handle*/, curl_infotype type, char* /*data*/, size_t /*size*/, void* userdata) {
  if (type == CURLINFO_HEADER_OUT) static_cast<Exchange*>(userdata)->request_left = true;
  return 0;
}

// Called by libcurl during a transfer (at least about once a second); non-zero aborts it.
int on_progress(void* userdata, curl_off_t /*dltotal*/, curl_off_t /*dlnow*/, curl_off_t /*ultotal*/,
                curl_off_t /*ulnow*/) {
  return static_cast<Exchange*>(userdata)->abort->stop_requested() ? 1 : 0;
}

}  // namespace

CurlTransport::CurlTransport(const ApiSettings& settings, std::stop_token abort)
    : handle_(curl_easy_init()),
      connect_timeout_(settings.connect_timeout),
      timeout_(settings.timeout),
      user_agent_(std::string("payq/") + PAYQ_VERSION),
      abort_(std::move(abort)) {}

CurlTransport::~CurlTransport() { curl_easy_cleanup(static_cast<CURL*>(handle_)); }

// Sets every option of one request on a handle that was just reset. `headers` must outlive the perform.
void CurlTransport::configure(void* handle, const HttpRequest& request, void* exchange_ptr, curl_slist* headers,
                              char* error_text) const {
  CURL* curl = static_cast<CURL*>(handle);
  auto* exchange = static_cast<Exchange*>(exchange_ptr);
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent_.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, exchange);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, exchange);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);  // only so on_debug sees the request leave
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, exchange);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, exchange);
  if (request.method != HttpMethod::kPost) return;
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  if (request.resend_safe) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    return;
  }
  exchange->upload = request.body;
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt(curl, CURLOPT_READDATA, exchange);
  curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, refuse_rewind);
}

TransportResult CurlTransport::send(const HttpRequest& request) {
  if (auto why = url_refusal(request.url); !why.empty()) {
    return TransportError{TransportErrorClass::kNotSent, "refused: " + why};
  }
  CURL* curl = static_cast<CURL*>(handle_);
  if (curl == nullptr) return TransportError{TransportErrorClass::kNotSent, "curl_easy_init failed"};
  curl_easy_reset(curl);  // options only: live connections and caches survive for keep-alive

  Exchange exchange;
  exchange.abort = &abort_;
  char error_text[CURL_ERROR_SIZE] = {};
  curl_slist* headers = curl_slist_append(nullptr, "Expect:");  // no 100-continue round trip
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  configure(curl, request, &exchange, headers, error_text);
  const CURLcode code = curl_easy_perform(curl);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  if (exchange.body_too_large) {
    // An answer was on its way, so the partner saw the request; what it said is unknown.
    return TransportError{TransportErrorClass::kMaybeSent,
                          "response body larger than " + std::to_string(kMaxResponseBodyBytes) +
                              " bytes: stopped reading, answer unknown"};
  }
  if (code != CURLE_OK) {
    // Until request headers reach a socket the partner cannot have seen anything; after, it may have.
    std::string description = code == CURLE_ABORTED_BY_CALLBACK
                                  ? std::string("aborted: payq was stopping")
                                  : std::string("curl: ") + curl_easy_strerror(code) + " (" + std::to_string(code) + ")";
    if (error_text[0] != '\0') description += ": " + std::string(error_text);
    return TransportError{exchange.request_left ? TransportErrorClass::kMaybeSent : TransportErrorClass::kNotSent,
                          std::move(description)};
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  exchange.response.status = static_cast<int>(status);
  return std::move(exchange.response);
}

}  // namespace payq::api
