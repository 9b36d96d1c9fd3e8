// integration/api/main.cpp — doctest entry point of the API integration tests; libcurl's global state is
// set up once here, before any test starts a thread.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "api/curl_global.h"

int main(int argc, char** argv) {
  payq::api::CurlGlobal curl;
  if (!curl.status().is_ok()) return 1;
  doctest::Context context(argc, argv);
  return context.run();
}
