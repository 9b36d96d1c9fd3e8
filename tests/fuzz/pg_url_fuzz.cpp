// tests/fuzz/pg_url_fuzz.cpp — libFuzzer target: any database URL from a config file or the command line.
// Invariants: masking never crashes, is idempotent, and hides any password put in user:…@ or password=… whole.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "store/postgres/pg_url.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using payq::store::postgres::display_url;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string shown = display_url(input);
  if (display_url(shown) != shown) std::abort();
  (void)payq::store::postgres::is_postgres_url(input);
  (void)payq::store::postgres::without_passwords(input, input);

  // The input as a password, raw, in both places a URL may hold one.
  if (display_url("postgresql://payq:" + std::string(input) + "@db.example/payq") !=
      "postgresql://payq:***@db.example/payq") {
    std::abort();
  }
  if (input.find_first_of("@&") == std::string_view::npos &&
      display_url("postgresql://db.example/payq?sslmode=require&password=" + std::string(input)) !=
          "postgresql://db.example/payq?sslmode=require&password=***") {
    std::abort();
  }
  return 0;
}
