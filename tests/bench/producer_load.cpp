// bench/producer_load.cpp — enqueues N intents one by one through the public Producer API, each its own
// committed transaction (synchronous=FULL), and prints intents/s. Used by the concurrency test and the bench.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "payq/producer.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s DB COUNT PREFIX\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const long count = std::strtol(argv[2], nullptr, 10);
  const std::string prefix = argv[3];
  auto producer = payq::Producer::open(path, {.busy_timeout = std::chrono::seconds(30)});
  if (!producer) {
    std::fprintf(stderr, "open: %s\n", producer.status().message().c_str());
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < count; ++i) {
    auto receipt = (*producer)->enqueue({prefix + "-" + std::to_string(i), std::to_string(1 + i % 997) + ".25", "USD",
                                         "https://shop.example/r?i=" + std::to_string(i), std::nullopt});
    if (!receipt) {
      std::fprintf(stderr, "enqueue %ld: %s\n", i, receipt.status().message().c_str());
      return 1;
    }
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%s: %ld intents in %.3f s = %.0f intents/s\n", prefix.c_str(), count, elapsed.count(),
              static_cast<double>(count) / elapsed.count());
  return 0;
}
