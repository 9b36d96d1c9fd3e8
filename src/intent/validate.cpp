// intent/validate.cpp — the one validation of an intent's fields, shared by the CLI, import and the
// producer API. The schema repeats these rules as CHECKs so plain-SQL producers meet the same ones.
#include <string>

#include "api/url.h"
#include "payq/currency.h"
#include "payq/intent.h"

namespace payq {
namespace {

// The value is quoted raw (exact for a program); the CLI escapes control characters when it prints it.
Status field_error(std::string_view field, std::string_view value, std::string_view why) {
  return {StatusCode::kInvalidArgument, std::string(field) + ": '" + std::string(value) + "' " + std::string(why)};
}

// Visible ASCII only: no spaces, controls or non-ASCII bytes (the schema checks GLOB '*[^!-~]*').
bool visible_ascii(std::string_view s) {
  for (char c : s) {
    if (c < '!' || c > '~') return false;
  }
  return true;
}

// Printable ASCII including the space (batch names such as "2026-11 billing").
bool printable_ascii(std::string_view s) {
  for (char c : s) {
    if (c < ' ' || c > '~') return false;
  }
  return true;
}

Status validate_currency(std::string_view currency) {
  if (currency.size() != 3 || !visible_ascii(currency)) {
    return field_error("currency", currency, "is not a three-letter ISO 4217 code (e.g. USD)");
  }
  for (char c : currency) {
    if (c < 'A' || c > 'Z') return field_error("currency", currency, "must be three upper-case letters (e.g. USD)");
  }
  if (!currency_minor_digits(currency)) return field_error("currency", currency, "is not a known ISO 4217 code");
  return Status::ok();
}

}  // namespace

bool Intent::same_content(const Intent& other) const {
  return reference_id == other.reference_id && amount == other.amount && currency == other.currency &&
         redirect_url == other.redirect_url;
}

Status validate_reference_id(std::string_view reference_id) {
  if (reference_id.empty()) return field_error("reference_id", reference_id, "is empty");
  if (reference_id.size() > kMaxReferenceIdLength) {
    return field_error("reference_id", reference_id.substr(0, 32),
                       "... is longer than " + std::to_string(kMaxReferenceIdLength) + " characters");
  }
  if (!visible_ascii(reference_id)) {
    return field_error("reference_id", reference_id, "may hold only visible ASCII characters (no spaces)");
  }
  return Status::ok();
}

Status validate_redirect_url(std::string_view url) {
  if (url.size() > kMaxRedirectUrlLength) {
    return field_error("redirect_url", url.substr(0, 64),
                       "... is longer than " + std::to_string(kMaxRedirectUrlLength) + " characters");
  }
  if (Result<api::Url> parsed = api::parse_url(url); !parsed) {
    return field_error("redirect_url", url, parsed.status().message());
  }
  return Status::ok();
}

Status validate_batch(std::string_view batch) {
  if (batch.empty() || batch.size() > kMaxBatchLength || !printable_ascii(batch)) {
    return field_error("batch", batch,
                       "must be 1 to " + std::to_string(kMaxBatchLength) + " printable ASCII characters");
  }
  return Status::ok();
}

Result<Intent> validate_intent(const IntentInput& input) {
  if (auto s = validate_reference_id(input.reference_id); !s) return s;
  if (auto s = validate_currency(input.currency); !s) return s;
  const int digits = *currency_minor_digits(input.currency);
  auto minor = parse_amount_minor(input.amount, digits, input.currency);
  if (!minor) return minor.status();
  if (auto s = validate_redirect_url(input.redirect_url); !s) return s;
  if (input.batch) {
    if (auto s = validate_batch(*input.batch); !s) return s;
  }
  return Intent{input.reference_id, input.amount, *minor, input.currency, input.redirect_url, input.batch};
}

}  // namespace payq
