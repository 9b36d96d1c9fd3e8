// tests/fuzz/jsonl_reader_fuzz.cpp — libFuzzer target: any bytes as a JSONL import file (one object a line).
// Invariants are in record_fuzz_support.h: no crash, record lines rise within the file.
#include "record_fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  payq::fuzz::read_all_records(data, size, payq::importer::Format::kJsonl);
  return 0;
}
