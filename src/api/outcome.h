// api/outcome.h — the vocabulary of one partner API call: which kind of call, and what its result means.
// Plain enums; classify.h decides them, callers switch on them with no default.
#pragma once

#include <string_view>

namespace payq::api {

enum class RequestKind {
  kToken,   // POST token_url (client_credentials)
  kCreate,  // POST /payment/request — the only call whose repetition can duplicate a payment
  kPoll,    // GET /payment/request/{id}
};

enum class Outcome {
  kSuccess,           // 2xx with a body that says what we asked for
  kRetryableNotSent,  // safe to repeat: never left us, or a call that is harmless to repeat (token, poll)
  kRateLimited,       // 429: slow down, honour retry_after when present; not the intent's fault
  kAmbiguous,         // a create that may have been processed: 5xx, maybe-sent failure, unparseable 2xx
  kPermanent,         // 400 and other 4xx: repeating will not help; the partner's message is kept verbatim
  kUnauthorized,      // 401, or credentials the token endpoint refuses
};

std::string_view to_string(RequestKind kind);
std::string_view to_string(Outcome outcome);

}  // namespace payq::api
