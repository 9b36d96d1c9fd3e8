// store/postgres/pg_intent_arrivals.h — IntentArrivals on PostgreSQL: LISTEN payq_intents on a session of its own
// (migration 0001's trigger NOTIFYs once per inserting statement, delivered at commit). One thread.
#pragma once

#include <memory>
#include <string>

#include "store/intent_arrivals.h"
#include "store/postgres/pg_connection.h"

namespace payq::store::postgres {

// The channel the schema's payment_intents_notify trigger notifies on.
inline constexpr char kIntentsChannel[] = "payq_intents";

class PgIntentArrivals final : public IntentArrivals {
 public:
  // LISTENs on the session; kDatabase (through pg_error.h) when it cannot.
  static Result<std::unique_ptr<PgIntentArrivals>> open(std::unique_ptr<PgConnection> session);
  ~PgIntentArrivals() override;

  Result<bool> wait(std::chrono::milliseconds timeout) override;

 private:
  class Receiver;
  PgIntentArrivals(std::unique_ptr<PgConnection> session, std::unique_ptr<Receiver> receiver);

  std::unique_ptr<PgConnection> session_;  // declared first: destroyed after the receiver that refers to it
  std::unique_ptr<Receiver> receiver_;
};

}  // namespace payq::store::postgres
