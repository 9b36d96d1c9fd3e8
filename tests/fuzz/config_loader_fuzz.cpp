// tests/fuzz/config_loader_fuzz.cpp — libFuzzer target: any text as the YAML config file, then the daemon's
// checks. Invariant: a Config or a kConfig error, quickly (libFuzzer's -timeout catches a hang). Secrets ignored.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "config/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  // A fixed secret stands in for $PAYQ_CLIENT_SECRET; a client_secret_file is never opened (kIgnore), so the
  // fuzzer cannot make it read a device or a FIFO.
  const payq::config::EnvLookup env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "PAYQ_CLIENT_SECRET") return std::string("fuzz-secret-0123");
    return std::nullopt;
  };
  const payq::Result<payq::config::Config> loaded =
      payq::config::load_config_string(yaml, "fuzz.yaml", env, payq::config::Secrets::kIgnore);
  if (!loaded.is_ok()) {
    if (loaded.status().code() != payq::StatusCode::kConfig) std::abort();
    return 0;
  }
  (void)payq::config::validate_for_api(*loaded);
  return 0;
}
