// api/curl_global.h — libcurl's process-wide init and cleanup, as one RAII object the daemon (or a test
// main) creates before any thread starts and destroys after every thread has stopped. Not thread-safe.
#pragma once

#include "payq/status.h"

namespace payq::api {

class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;

  // Whether curl_global_init succeeded; check it once, before creating any CurlTransport.
  const Status& status() const { return status_; }

 private:
  Status status_;
};

}  // namespace payq::api
