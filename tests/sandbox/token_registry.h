// sandbox/token_registry.h — bearer tokens the sandbox issued: which client, valid until when (sandbox
// clock). Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>

namespace payq::sandbox {

struct IssuedToken {
  std::string client_id;
  std::chrono::steady_clock::time_point expires_at;
};

class TokenRegistry {
 public:
  std::string issue(const std::string& client_id, std::chrono::steady_clock::time_point expires_at) {
    std::lock_guard lock(mutex_);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string token = "sbx_";
    for (int i = 0; i < 32; ++i) token.push_back(kHex[rng_() & 0xf]);
    tokens_[token] = IssuedToken{client_id, expires_at};
    return token;
  }
  std::optional<IssuedToken> find(const std::string& token) const {
    std::lock_guard lock(mutex_);
    const auto it = tokens_.find(token);
    if (it == tokens_.end()) return std::nullopt;
    return it->second;
  }

 private:
  mutable std::mutex mutex_;
  std::mt19937_64 rng_{std::random_device{}()};  // guarded by mutex_
  std::map<std::string, IssuedToken> tokens_;     // guarded by mutex_
};

}  // namespace payq::sandbox
