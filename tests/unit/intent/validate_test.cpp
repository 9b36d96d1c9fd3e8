// intent/validate_test.cpp — every field of an intent, accepted and rejected, and exact amount conversion.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "payq/currency.h"
#include "payq/intent.h"

using payq::IntentInput;
using payq::parse_amount_minor;
using payq::validate_intent;

namespace {

IntentInput good() { return {"INV-1", "12.50", "USD", "https://shop.example/return?o=1", std::nullopt}; }

std::string error_of(const IntentInput& input) {
  auto result = validate_intent(input);
  REQUIRE_FALSE(result.is_ok());
  CHECK(result.status().code() == payq::StatusCode::kInvalidArgument);
  return result.status().message();
}

IntentInput with_amount(std::string amount, std::string currency = "USD") {
  auto in = good();
  in.amount = std::move(amount);
  in.currency = std::move(currency);
  return in;
}

}  // namespace

TEST_CASE("amounts convert exactly to minor units") {
  CHECK(*parse_amount_minor("12.50", 2) == 1250);
  CHECK(*parse_amount_minor("12.5", 2) == 1250);
  CHECK(*parse_amount_minor("100", 2) == 10000);
  CHECK(*parse_amount_minor("0.01", 2) == 1);
  CHECK(*parse_amount_minor("100", 0) == 100);
  CHECK(*parse_amount_minor("1.234", 3) == 1234);
  CHECK(*parse_amount_minor("99999999999999.9999", 4) == 999999999999999999LL);
  CHECK(*parse_amount_minor("0.1", 1) == 1);
}

TEST_CASE("amounts that are not plain positive decimals are rejected with the field named") {
  for (const char* bad : {"0", "0.00", "-1", "1e3", " 100", "100 ", "1,000", "1 000", "", ".5", "5.", "1..2",
                          "01", "+5", "0x10", "１２", "NaN", "123456789012345"}) {
    CAPTURE(bad);
    const std::string message = error_of(with_amount(bad));
    CHECK(message.rfind("amount: ", 0) == 0);
  }
}

TEST_CASE("decimal places are limited by the currency's minor digits") {
  CHECK(error_of(with_amount("1.234", "USD")).find("USD allows at most 2") != std::string::npos);
  CHECK(validate_intent(with_amount("100", "JPY")).is_ok());
  CHECK(error_of(with_amount("1.5", "JPY")).find("JPY allows at most 0") != std::string::npos);
  CHECK(validate_intent(with_amount("1.234", "KWD"))->amount_minor == 1234);
  CHECK(validate_intent(with_amount("1.2345", "CLF"))->amount_minor == 12345);
}

TEST_CASE("currency must be a known upper-case ISO 4217 code") {
  for (const char* bad : {"usd", "US", "USDD", "XXX", "", "U$D"}) {
    CAPTURE(bad);
    CHECK(error_of(with_amount("1", bad)).rfind("currency: ", 0) == 0);
  }
  CHECK(payq::currency_minor_digits("EUR") == 2);
  CHECK(payq::currency_minor_digits("BHD") == 3);
  CHECK_FALSE(payq::currency_minor_digits("ZZZ").has_value());
}

TEST_CASE("the currency table is sorted and has no duplicates") {
  auto table = payq::known_currencies();
  for (std::size_t i = 1; i < table.size(); ++i) CHECK(table[i - 1].code < table[i].code);
}

TEST_CASE("redirect_url must be an absolute http(s) URL with a host") {
  for (const char* ok : {"https://a.example", "http://localhost:8080/x", "https://host/p?q#f", "https://[::1]/",
                         "http://shop.example/return?to=https://x@y"}) {
    CAPTURE(ok);
    auto in = good();
    in.redirect_url = ok;
    CHECK(validate_intent(in).is_ok());
  }
  for (const char* bad : {"ftp://a.example", "https://", "https:///path", "//a.example", "a.example/x",
                          "https://a b.example", "https://:80/x", "javascript:alert(1)", "HTTPS://",
                          "https://:pw@x.example/", "https://user@host/p", "https://a.example:99999/",
                          "HTTPS://a.example/", "https://a$b.example/"}) {
    CAPTURE(bad);
    auto in = good();
    in.redirect_url = bad;
    CHECK(error_of(in).rfind("redirect_url: ", 0) == 0);
  }
  auto in = good();
  in.redirect_url = "https://a.example/" + std::string(2100, 'x');
  CHECK(error_of(in).find("longer than 2048") != std::string::npos);
}

TEST_CASE("redirect_url refuses NUL, control bytes and user information (the schema's 0005 trigger agrees)") {
  using namespace std::string_literals;
  for (const std::string& bad : {"https://a.example/\0x"s, "https://a.example\0@b.example/"s, "https://a.example/\x1b"s,
                                "https://a.example/\x7f"s}) {
    auto in = good();
    in.redirect_url = bad;
    CHECK(error_of(in).find("not visible ASCII") != std::string::npos);
  }
  auto in = good();
  in.redirect_url = "https://:pw@x.example/";
  CHECK(error_of(in).find("user information") != std::string::npos);
}

TEST_CASE("reference_id is 1-128 visible ASCII characters") {
  auto in = good();
  in.reference_id = std::string(128, 'r');
  CHECK(validate_intent(in).is_ok());
  for (std::string bad : {std::string(), std::string(129, 'r'), std::string("has space"), std::string("tab\t"),
                          std::string("caf\xC3\xA9")}) {
    in.reference_id = bad;
    CHECK(error_of(in).rfind("reference_id: ", 0) == 0);
  }
}

TEST_CASE("batch is optional, 1-128 printable characters") {
  auto in = good();
  in.batch = "2026-11 billing";
  CHECK(validate_intent(in).is_ok());
  in.batch = "";
  CHECK(error_of(in).rfind("batch: ", 0) == 0);
  in.batch = "line\nbreak";
  CHECK(error_of(in).rfind("batch: ", 0) == 0);
}

TEST_CASE("format_minor is the inverse of parse_amount_minor") {
  CHECK(payq::format_minor(1250, 2) == "12.50");
  CHECK(payq::format_minor(5, 2) == "0.05");
  CHECK(payq::format_minor(100, 0) == "100");
  CHECK(payq::format_minor(1234, 3) == "1.234");
  CHECK(payq::format_minor(-5, 2) == "-0.05");
  for (std::int64_t v : {1LL, 9LL, 10LL, 99LL, 100LL, 123456789LL}) {
    CHECK(*parse_amount_minor(payq::format_minor(v, 2), 2) == v);
  }
}

TEST_CASE("generated references are valid and unique") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string ref = payq::generate_reference_id();
    CHECK(payq::validate_reference_id(ref).is_ok());
    seen.insert(ref);
  }
  CHECK(seen.size() == 1000);
}
