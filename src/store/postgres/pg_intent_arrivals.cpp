// store/postgres/pg_intent_arrivals.cpp — a libpqxx notification receiver that counts deliveries on payq_intents,
// and a wait that blocks on the session's socket for them. A session that broke stays broken (libpqxx would
// otherwise answer "nothing arrived" on a closed connection forever).
#include "store/postgres/pg_intent_arrivals.h"

#include <utility>

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"

namespace payq::store::postgres {

// Counts what libpqxx delivers; the payload carries nothing (the trigger sends '').
class PgIntentArrivals::Receiver final : public pqxx::notification_receiver {
 public:
  explicit Receiver(pqxx::connection& session) : pqxx::notification_receiver(session, kIntentsChannel) {}
  void operator()(const std::string& /*payload*/, int /*backend_pid*/) override { ++delivered_; }
  // How many arrived since the last call.
  int take() { return std::exchange(delivered_, 0); }

 private:
  int delivered_ = 0;
};

PgIntentArrivals::PgIntentArrivals(std::unique_ptr<PgConnection> session, std::unique_ptr<Receiver> receiver)
    : session_(std::move(session)), receiver_(std::move(receiver)) {}

PgIntentArrivals::~PgIntentArrivals() = default;

Result<std::unique_ptr<PgIntentArrivals>> PgIntentArrivals::open(std::unique_ptr<PgConnection> session) {
  std::unique_ptr<Receiver> receiver;
  try {
    receiver = std::make_unique<Receiver>(session->session());  // runs LISTEN at once (autocommit)
  } catch (const std::exception& e) {
    return to_status(e, "listen for new intents at " + session->display_url());
  }
  return std::unique_ptr<PgIntentArrivals>(new PgIntentArrivals(std::move(session), std::move(receiver)));
}

Result<bool> PgIntentArrivals::wait(std::chrono::milliseconds timeout) {
  pqxx::connection& session = session_->session();
  const std::string context = "listen for new intents at " + session_->display_url();
  if (!session.is_open()) return Status{StatusCode::kDatabase, context + ": the connection is closed"};
  try {
    // Buffered ones first; await_notification only blocks when none is pending.
    if (session.get_notifs() == 0) {
      const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(timeout - seconds);
      session.await_notification(static_cast<long>(seconds.count()), static_cast<long>(micros.count()));
      session.get_notifs();  // whatever came in the same read: drained now, not reported as a second arrival
    }
    if (!session.is_open()) return Status{StatusCode::kDatabase, context + ": the connection was lost"};
  } catch (const std::exception& e) {
    return to_status(e, context);
  }
  return receiver_->take() > 0;
}

}  // namespace payq::store::postgres
