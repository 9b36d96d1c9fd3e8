// consumer/main.cpp — an outside program using only <payq/producer.h>: enqueues a batch and one intent.
#include <cstdio>

#include <payq/producer.h>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto producer = payq::Producer::open(argv[1]);
  if (!producer) {
    std::fprintf(stderr, "%s\n", producer.status().message().c_str());
    return 1;
  }
  auto batch = (*producer)->enqueue_batch({{"C-1", "19.99", "USD", "https://shop.example/a", "consumer"},
                                           {"C-2", "5", "EUR", "https://shop.example/b", "consumer"}});
  auto bad = (*producer)->enqueue({"C-3", "1.5", "JPY", "https://shop.example/c", std::nullopt});
  if (!batch || bad) return 1;
  std::printf("stored %zu; refused: %s\n", batch->size(), bad.status().message().c_str());
  return 0;
}
