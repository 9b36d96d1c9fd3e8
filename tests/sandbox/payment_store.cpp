// sandbox/payment_store.cpp — storage of the payments created: payment number n gets its fate and delay from
// payment_bits(seed, n) (settle_schedule.h), so the same seed and order give the same story every run.
#include "payment_store.h"

#include <cstdio>

#include "settle_schedule.h"

namespace payq::sandbox {

std::string status_at(const Payment& payment, std::chrono::steady_clock::time_point now) {
  return now - payment.created >= payment.settle_after ? payment.fate : "pending";
}

Payment PaymentStore::create(Payment fields) {
  std::lock_guard lock(mutex_);
  const std::uint64_t n = ++next_;
  const std::uint64_t h = payment_bits(options_.seed, n);
  Fate fate = draw_fate(options_, h);
  fields.fate = std::move(fate.status);
  fields.settle_after = fate.after;
  char id[32];
  std::snprintf(id, sizeof id, "pr_%06llu%08llx", static_cast<unsigned long long>(n),
                static_cast<unsigned long long>(h & 0xffffffffULL));
  fields.id = id;
  if (fields.reference_id) ++by_reference_[*fields.reference_id];
  payments_[fields.id] = fields;
  return fields;
}

std::optional<Payment> PaymentStore::find(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = payments_.find(id);
  if (it == payments_.end()) return std::nullopt;
  return it->second;
}

std::size_t PaymentStore::size() const {
  std::lock_guard lock(mutex_);
  return payments_.size();
}

std::vector<std::pair<std::string, int>> PaymentStore::duplicates() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, int>> out;
  for (const auto& [reference, count] : by_reference_) {
    if (count > 1) out.emplace_back(reference, count);
  }
  return out;
}

std::vector<Payment> PaymentStore::all() const {
  std::lock_guard lock(mutex_);
  std::vector<Payment> out;
  for (const auto& [id, payment] : payments_) out.push_back(payment);
  return out;
}

std::vector<std::pair<std::string, std::string>> PaymentStore::created() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, payment] : payments_) out.emplace_back(id, payment.reference_id.value_or(""));
  return out;
}

}  // namespace payq::sandbox
