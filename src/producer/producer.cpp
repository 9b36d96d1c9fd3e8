// producer/producer.cpp — the public Producer over store/: validation first, then one write transaction
// (the writer's own) per call, so a producer never holds a lock while it validates.
#include "payq/producer.h"

#include <algorithm>
#include <span>

#include "common/clock.h"
#include "store/open_store.h"

namespace payq {
namespace {

std::int64_t wall_now_ms() { return to_unix_ms(std::chrono::system_clock::now()); }

Status item_error(std::size_t index, const std::string& reference_id, const Status& status) {
  return {status.code(), "item " + std::to_string(index + 1) + " (ref=" + reference_id + "): " + status.message()};
}

}  // namespace

struct Producer::Impl {
  std::unique_ptr<store::Connection> db;

  // Commits all intents in one transaction or none; `numbered` prefixes errors with the item number.
  Result<std::vector<EnqueueReceipt>> commit(const std::vector<Intent>& intents, bool numbered) {
    store::IntentWriter& writer = db->intent_writer();
    if (Status began = writer.begin(); !began) return Status{began.code(), "enqueue: " + began.message()};
    std::vector<EnqueueReceipt> receipts;
    receipts.reserve(intents.size());
    const std::int64_t now = wall_now_ms();
    const std::span<const Intent> all(intents);
    for (std::size_t from = 0; from < all.size(); from += writer.batch_rows()) {
      const auto part = all.subspan(from, std::min(writer.batch_rows(), all.size() - from));
      auto outcomes = writer.insert_all(part, now);
      if (!outcomes) {
        writer.rollback();
        return outcomes.status();
      }
      for (std::size_t i = 0; i < part.size(); ++i) {
        const auto& outcome = (*outcomes)[i];
        if (!outcome) {
          writer.rollback();
          return numbered ? item_error(from + i, part[i].reference_id, outcome.status()) : outcome.status();
        }
        receipts.push_back({part[i].reference_id, *outcome});
      }
    }
    if (Status committed = writer.commit(); !committed)
      return Status{committed.code(), "enqueue: " + committed.message()};
    return receipts;
  }
};

Producer::Producer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Producer::~Producer() = default;

Result<std::unique_ptr<Producer>> Producer::open(const std::string& database, const ProducerOptions& options) {
  auto db = store::open_store(
      {.location = database, .busy_timeout = options.busy_timeout, .password_file = options.password_file});
  if (!db) return db.status();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db).value();
  return std::unique_ptr<Producer>(new Producer(std::move(impl)));
}

Result<EnqueueReceipt> Producer::enqueue(IntentInput input) {
  if (input.reference_id.empty()) input.reference_id = generate_reference_id();
  auto intent = validate_intent(input);
  if (!intent) return intent.status();
  auto receipts = impl_->commit({std::move(intent).value()}, /*numbered=*/false);
  if (!receipts) return receipts.status();
  return receipts->front();
}

Result<std::vector<EnqueueReceipt>> Producer::enqueue_batch(std::vector<IntentInput> inputs) {
  std::vector<Intent> intents;
  intents.reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].reference_id.empty()) inputs[i].reference_id = generate_reference_id();
    auto intent = validate_intent(inputs[i]);
    if (!intent) return item_error(i, inputs[i].reference_id, intent.status());
    intents.push_back(std::move(intent).value());
  }
  return impl_->commit(intents, /*numbered=*/true);
}

}  // namespace payq
