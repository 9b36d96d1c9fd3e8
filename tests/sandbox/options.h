// sandbox/options.h — the command line of payq-sandbox: what the fake partner API does and how badly it
// behaves. Plain values plus one parser; nothing here runs the server.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace payq::sandbox {

using Millis = std::chrono::milliseconds;

// During an outage: answer 503, drop each connection unanswered, or stop listening (connection refused).
enum class OutageMode { kServiceUnavailable, kClose, kRefuse };
enum class RetryAfterForm { kSeconds, kDate };

// A settle delay of median * exp(sigma * Z), Z standard normal: how long real customers take to pay.
struct LogNormal {
  Millis median{0};
  double sigma = 0;
};

struct Options {
  int port = 0;  // 0: any free port, printed on stdout
  std::string client_id = "payq-sandbox";
  std::string client_secret = "sandbox-secret";
  std::string token_path = "/oauth/token";
  std::int64_t token_expires_in = 3600;  // seconds, as sent in the token response
  // Set: token errors echo the whole request (form body, every header, the credentials as decoded), as a
  // partner that shows what it refused might, and the first N token calls are refused (401 invalid_client)
  // whatever they carry. Unset: errors say only what was wrong.
  std::optional<std::int64_t> echo_token_request;

  int rate_limit = 5;  // accepted requests per client in any rolling second; 0: no limit
  std::optional<std::int64_t> retry_after;  // seconds sent with a 429 (none when unset)
  RetryAfterForm retry_after_form = RetryAfterForm::kSeconds;

  Millis latency{0};  // round trip, modelled as two one-way delays of about latency/2
  Millis jitter{0};   // each one-way delay varies uniformly by ±jitter/2

  std::uint64_t seed = 1;
  double paid_fraction = 0.7;
  double expired_fraction = 0.1;
  double cancelled_fraction = 0.1;  // the rest stays pending
  Millis settle_min{std::chrono::seconds(2)};
  Millis settle_max{std::chrono::seconds(10)};
  std::optional<LogNormal> settle_lognormal;  // set: replaces the uniform settle_min..settle_max delay
  std::optional<Millis> expire_after;         // set: whatever is still pending this long after creation expires

  double fail_before_create = 0;  // probability of a 500 before anything is stored
  double fail_after_create = 0;   // probability of a 500 after the payment was stored
  double drop_after_create = 0;   // probability of closing the connection unanswered after storing
  double truncate = 0;            // probability of a 201 whose JSON body is cut in half
  double slow = 0;                // probability of a create or poll answered only after slow_delay
  Millis slow_delay{std::chrono::seconds(5)};
  std::optional<Millis> outage_at;  // from start; with outage_for, a window of outage answers
  Millis outage_for{0};
  OutageMode outage_mode = OutageMode::kServiceUnavailable;
};

struct ParsedOptions {
  Options options;
  std::string error;  // non-empty: what was wrong (names the option)
  bool help = false;
};

ParsedOptions parse_options(const std::vector<std::string>& args);
std::string usage();

}  // namespace payq::sandbox
