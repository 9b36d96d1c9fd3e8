// store/report_time_test.cpp — `payq report`'s --since/--until times: dates (a whole UTC day), ISO timestamps with
// fractions and offsets; anything else refused. The figures themselves are in contract/report_contract_test.cpp.
#include <doctest/doctest.h>

#include <cstdint>

#include "store/report_time.h"

using payq::store::parse_report_time;

namespace {

constexpr std::int64_t kT0 = 1'793'491'200'000;  // 2026-11-01T00:00:00Z

}  // namespace

TEST_CASE("report times: dates, ISO timestamps with fractions and offsets; anything else is refused") {
  CHECK(*parse_report_time("2026-11-01", false) == kT0);
  CHECK(*parse_report_time("2026-11-01", true) == kT0 + 86'400'000 - 1);
  CHECK(*parse_report_time("2026-11-01T07:30:00Z", false) == 1'793'518'200'000);
  CHECK(*parse_report_time("2026-11-01T08:30:00.25+01:00", true) == 1'793'518'200'250);
  CHECK(*parse_report_time("2026-11-01 07:30", false) == 1'793'518'200'000);
  CHECK(*parse_report_time("2024-02-29T23:59:59.999999Z", false) == 1'709'251'199'999);
  for (const char* bad : {"", "yesterday", "2026-13-01", "2026-02-30", "2026-11-1", "2026-11-01T25:00Z",
                          "2026-11-01T07:30:00Q", "2026-11-01T07:30:00.Z", "2026-11-01T07", "1793491200000"}) {
    INFO(bad);
    auto parsed = parse_report_time(bad, false);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().code() == payq::StatusCode::kInvalidArgument);
  }
}
