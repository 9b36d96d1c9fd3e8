// api/payment_link.cpp — checks a partner's payment_url with parse_url. A refusal quotes at most the URL's first
// 80 bytes, escaped, so a hostile body can neither flood the log nor write control bytes into it.
#include "api/payment_link.h"

#include "api/url.h"

namespace payq::api {
namespace {

std::string quoted_start(const std::string& url) {
  constexpr std::size_t kShown = 80;
  if (url.size() <= kShown) return "\"" + quote_url(url) + "\"";
  return "\"" + quote_url(url.substr(0, kShown)) + "\"... (" + std::to_string(url.size()) + " bytes)";
}

}  // namespace

PaymentLink payment_link(const ResponseBody& fields) {
  PaymentLink link;
  if (fields.payment_url_not_text) {
    link.refusal = "payment_url is not a string";
    return link;
  }
  if (!fields.payment_url) return link;
  const std::string& url = *fields.payment_url;
  if (url.size() > kMaxPaymentUrlBytes) {
    link.refusal = "payment_url is longer than " + std::to_string(kMaxPaymentUrlBytes) + " bytes: " +
                   quoted_start(url);
    return link;
  }
  if (const Result<Url> parsed = parse_url(url); !parsed) {
    link.refusal = "payment_url " + parsed.status().message() + ": " + quoted_start(url);
    return link;
  }
  link.url = url;
  return link;
}

}  // namespace payq::api
