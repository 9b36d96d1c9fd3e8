// unit/api/redact_test.cpp — Redactor: the client secret and a bearer token are hidden in every spelling a
// partner may echo (raw, percent-encoded in either hex case, '+' or %20 for spaces, JSON-escaped, Base64 pairs).
#include "api/redact.h"

#include <doctest/doctest.h>

#include <string>

#include "api/url.h"

namespace payq::api {
namespace {

constexpr const char* kId = "shop 1";
constexpr const char* kSecret = "p@ss w/rd=1&x+Z";

std::string hidden(const std::string& text) { return Redactor(kId, kSecret)(text); }

TEST_CASE("redact: every spelling of the secret, with the text around it kept") {
  for (const char* spelling : {
           "p@ss w/rd=1&x+Z",                        // raw
           "p%40ss%20w%2Frd%3D1%26x%2BZ",            // percent-encoded, upper-case hex, %20
           "p%40ss%20w%2frd%3d1%26x%2bZ",            // lower-case hex
           "p%40ss+w%2Frd%3D1%26x%2BZ",              // form encoding: '+' for the space
           "p%40ss w/rd%3D1&x%2bZ",                  // partly encoded, mixed case
           "p@ss w\\/rd=1&x+Z",                      // JSON with an escaped '/'
           "p\\u0040ss\\u0020w\\/rd\\u003d1\\u0026x+Z",  // JSON \u escapes
           "%70%40%73%73%20%77%2F%72%64%3D%31%26%78%2B%5A",  // every byte encoded
       }) {
    CAPTURE(spelling);
    const std::string text = std::string("before ") + spelling + " after";
    CHECK(hidden(text) == "before [redacted] after");
  }
}

TEST_CASE("redact: HTTP Basic's Base64 of id:secret, with form-encoded or raw parts, padded or not") {
  const std::string form = base64_encode(percent_encode(kId) + ":" + percent_encode(kSecret));
  const std::string raw = base64_encode(std::string(kId) + ":" + kSecret);
  REQUIRE(form != raw);
  CHECK(hidden("Authorization: Basic " + form) == "Authorization: Basic [redacted]");
  CHECK(hidden("Basic " + raw + ".") == "Basic [redacted].");
  std::string stripped = form;
  while (stripped.ends_with('=')) stripped.pop_back();
  CHECK(hidden("{\"auth\":\"Basic " + stripped + "\"}") == "{\"auth\":\"Basic [redacted]\"}");
}

TEST_CASE("redact: several occurrences, overlapping spellings, nothing else touched") {
  CHECK(hidden("a p@ss w/rd=1&x+Z b p%40ss+w%2Frd%3D1%26x%2BZ c") == "a [redacted] b [redacted] c");
  CHECK(hidden("p@ss w/rd=1&x+p@ss w/rd=1&x+Z") == "p@ss w/rd=1&x+[redacted]");
  CHECK(hidden("server said: bad request (p@ss w/rd)") == "server said: bad request (p@ss w/rd)");
  CHECK(hidden("P@SS W/RD=1&X+Z p%40ss w/rd=1&x+z") == "P@SS W/RD=1&X+Z p%40ss w/rd=1&x+z");  // case matters
  CHECK(hidden("") == "");
  CHECK(hidden("%") == "%");
  CHECK(hidden("text ending in p%4") == "text ending in p%4");
}

TEST_CASE("redact: a bearer token added with with(), and empty credentials add nothing") {
  const Redactor base(kId, kSecret);
  const Redactor with_token = base.with("sbx_0a1b2c3d");
  CHECK(with_token("Authorization: Bearer sbx_0a1b2c3d") == "Authorization: Bearer [redacted]");
  CHECK(with_token("p@ss w/rd=1&x+Z") == "[redacted]");
  CHECK(base("Bearer sbx_0a1b2c3d") == "Bearer sbx_0a1b2c3d");  // with() leaves the original alone
  CHECK(Redactor()("anything at all") == "anything at all");
  CHECK(Redactor().with("")("anything at all") == "anything at all");
  CHECK(Redactor("id", "")("id:") == "id:");
}

TEST_CASE("redact: '%' and '\\' in a secret, which have two spellings from one position, stay linear") {
  const Redactor percents("id", "%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%");  // 32 of them
  std::string encoded;
  for (int i = 0; i < 32; ++i) encoded += i % 2 == 0 ? "%25" : "%";
  CHECK(percents("x" + encoded + "y") == "x[redacted]y");
  const Redactor backslashes("id", "a\\b\\c\\d\\");
  CHECK(backslashes(R"({"s":"a\\b\\c\\d\\"})") == R"({"s":"[redacted]"})");
  CHECK(backslashes("a%5Cb\\c%5cd\\") == "[redacted]");
}

}  // namespace
}  // namespace payq::api
