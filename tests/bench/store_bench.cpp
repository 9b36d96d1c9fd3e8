// bench/store_bench.cpp — claim latency of payq's own store code on the database a location names (SQLite or
// PostgreSQL): claim + record_created pairs through open_store's Connection::queue(); store_bench.sh fills the table.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "store/open_store.h"

namespace {

std::int64_t wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One claim and its outcome, as a submitter records a created payment request; false when nothing was claimable
// or a write failed (said on stderr).
bool claim_and_record(payq::store::QueueStore& queue, std::int64_t epoch, std::int64_t seq) {
  const std::int64_t now = wall_now_ms();
  auto claimed = queue.claim({epoch, seq}, now, now + 60'000);
  if (!claimed) {
    std::fprintf(stderr, "claim: %s\n", claimed.status().message().c_str());
    return false;
  }
  if (!claimed->has_value()) {
    std::fprintf(stderr, "claim: nothing queued after %lld claims\n", static_cast<long long>(seq - 1));
    return false;
  }
  const auto& intent = **claimed;
  auto recorded = queue.record_created(intent, "pr-bench-" + std::to_string(intent.id), "pending",
                                       R"({"status":"pending"})", now, now + 5'000);
  if (!recorded) {
    std::fprintf(stderr, "record ref=%s: %s\n", intent.reference_id.c_str(), recorded.status().message().c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s DATABASE LABEL CLAIMS\n  DATABASE: an SQLite path or a postgresql:// URL, "
                         "already migrated and filled with queued intents\n", argv[0]);
    return 2;
  }
  const std::string label = argv[2];
  const long claims = std::strtol(argv[3], nullptr, 10);
  auto db = payq::store::open_store({.location = argv[1], .create_if_missing = false});
  if (!db) {
    std::fprintf(stderr, "%s\n", db.status().message().c_str());
    return 1;
  }
  auto epoch = (*db)->begin_epoch(getpid(), "bench", wall_now_ms());
  if (!epoch) {
    std::fprintf(stderr, "epoch: %s\n", epoch.status().message().c_str());
    return 1;
  }
  auto& queue = (*db)->queue();
  // A few pairs first, so statement preparation and a cold cache are not timed.
  long done = 0;
  for (; done < 10; ++done) {
    if (!claim_and_record(queue, *epoch, done + 1)) return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < claims; ++i, ++done) {
    if (!claim_and_record(queue, *epoch, done + 1)) return 1;
  }
  const std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%s: %ld claims + outcomes, %.1f us per pair\n", label.c_str(), claims,
              elapsed.count() / static_cast<double>(claims));
  return 0;
}
