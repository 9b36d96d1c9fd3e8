// payq/status.h — the closed set of error codes and the Status / Result<T> that carry them across
// every service interface (no exceptions cross a thread or a service boundary). Value types, no state.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace payq {

enum class StatusCode {
  kOk,
  kInvalidArgument,     // a field, option or row is malformed; the message names it
  kConflict,            // same reference_id with different content, or an action the state forbids
  kNotFound,            // no such intent / file / key
  kBusy,                // the database stayed locked past busy_timeout
  kDatabase,            // any other SQLite failure (message keeps the SQLite code)
  kIo,                  // file or stream error
  kConfig,              // configuration error (message names key, line, column)
  kUnavailable,         // a remote service could not be reached or refused for now
  kInternal,            // a broken invariant: a bug
};

std::string_view to_string(StatusCode code);

// Status: kOk, or a code with a message that says what, which object, why. Never holds a secret.
class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }
  bool is_ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string to_string() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Result<T>: a T, or the Status that says why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : value_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(value_).is_ok());
  }

  bool is_ok() const { return std::holds_alternative<T>(value_); }
  explicit operator bool() const { return is_ok(); }
  const T& value() const& { return std::get<T>(value_); }
  T& value() & { return std::get<T>(value_); }
  T&& value() && { return std::get<T>(std::move(value_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Status& status() const {
    static const Status kOk;
    return is_ok() ? kOk : std::get<Status>(value_);
  }

 private:
  std::variant<T, Status> value_;
};

}  // namespace payq
