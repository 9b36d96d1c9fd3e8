// sandbox/payment_store.cpp — storage and the seeded settle schedule: payment number n gets its fate and
// delay from splitmix64(seed, n), so the same seed and order give the same story every run.
#include "payment_store.h"

#include <cstdio>

namespace payq::sandbox {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double unit(std::uint64_t bits) { return static_cast<double>(bits >> 11) / 9007199254740992.0; }  // [0, 1)

}  // namespace

std::string status_at(const Payment& payment, std::chrono::steady_clock::time_point now) {
  return now - payment.created >= payment.settle_after ? payment.fate : "pending";
}

Payment PaymentStore::create(Payment fields) {
  std::lock_guard lock(mutex_);
  const std::uint64_t n = ++next_;
  const std::uint64_t h = splitmix64(options_.seed ^ splitmix64(n));
  const double u = unit(h);
  const double v = unit(splitmix64(h));
  if (u < options_.paid_fraction) fields.fate = "paid";
  else if (u < options_.paid_fraction + options_.expired_fraction) fields.fate = "expired";
  else if (u < options_.paid_fraction + options_.expired_fraction + options_.cancelled_fraction) fields.fate = "cancelled";
  else fields.fate = "pending";
  const auto span = options_.settle_max - options_.settle_min;
  fields.settle_after = options_.settle_min +
                        std::chrono::milliseconds(static_cast<long long>(v * static_cast<double>(span.count())));
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

std::vector<std::pair<std::string, std::string>> PaymentStore::created() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, payment] : payments_) out.emplace_back(id, payment.reference_id.value_or(""));
  return out;
}

}  // namespace payq::sandbox
