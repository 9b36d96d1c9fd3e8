// api/curl_transport.h — HttpTransport over one libcurl easy handle, reused so the connection stays alive.
// One instance per worker thread (not thread-safe). CurlGlobal must exist before the first instance.
#pragma once

#include <chrono>
#include <stop_token>
#include <string>

#include "api/api_settings.h"
#include "api/http_transport.h"

struct curl_slist;

namespace payq::api {

class CurlTransport final : public HttpTransport {
 public:
  // Uses connect_timeout and timeout of the settings. TLS peer and host verification are always on.
  // Once `abort` is requested, a transfer in progress is cut off within about a second (the daemon's hard
  // stop); it is then reported like any other failure: kMaybeSent if the request had left.
  explicit CurlTransport(const ApiSettings& settings, std::stop_token abort = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  // Refuses (kNotSent) plain http:// to a non-loopback host. A request with resend_safe == false is
  // never re-sent by libcurl: its retry on a fresh connection fails (refused rewind) as kMaybeSent.
  TransportResult send(const HttpRequest& request) override;

 private:
  void configure(void* handle, const HttpRequest& request, void* exchange, curl_slist* headers,
                 char* error_text) const;

  void* handle_;  // CURL*, kept opaque so no libcurl header leaks out of api/
  std::chrono::milliseconds connect_timeout_;
  std::chrono::milliseconds timeout_;
  std::string user_agent_;
  std::stop_token abort_;
};

}  // namespace payq::api
