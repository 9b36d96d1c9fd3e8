// metrics/exposition_test.cpp — the text format's rules: HELP/TYPE per family, counters named *_total, escaped
// label values and help, cumulative histogram buckets ending at +Inf equal to _count, values as Prometheus reads them.
#include <doctest/doctest.h>

#include <sstream>

#include "metrics/exposition.h"

namespace payq::metrics {
namespace {

std::string render(const std::vector<Family>& families) {
  std::ostringstream out;
  write_exposition(out, families);
  return out.str();
}

TEST_SUITE_BEGIN("metrics");

TEST_CASE("exposition: counters are exposed with _total, once") {
  Family plain{"payq_things", "Things", MetricType::kCounter, {}, {}, {{{}, 3}}, {}};
  Family suffixed{"payq_others_total", "Others", MetricType::kCounter, {}, {}, {{{}, 4}}, {}};
  CHECK(render({plain, suffixed}) ==
        "# HELP payq_things_total Things\n# TYPE payq_things_total counter\npayq_things_total 3\n"
        "# HELP payq_others_total Others\n# TYPE payq_others_total counter\npayq_others_total 4\n");
  Family gauge_family{"payq_level", "A level", MetricType::kGauge, {}, {}, {{{}, 1.5}}, {}};
  CHECK(exposed_name(gauge_family) == "payq_level");
}

TEST_CASE("exposition: label values and help are escaped") {
  CHECK(escape_label_value("a\\b\"c\nd") == "a\\\\b\\\"c\\nd");
  CHECK(escape_help("line\\one\nline \"two\"") == "line\\\\one\\nline \"two\"");
  Family family{"payq_odd", "Help with\na newline", MetricType::kGauge, {"what"}, {}, {{{"say \"hi\"\n"}, 1}}, {}};
  CHECK(render({family}) ==
        "# HELP payq_odd Help with\\na newline\n# TYPE payq_odd gauge\npayq_odd{what=\"say \\\"hi\\\"\\n\"} 1\n");
}

TEST_CASE("exposition: histogram buckets are cumulative and +Inf equals _count") {
  Family family{"payq_wait_seconds", "Waits", MetricType::kHistogram, {"kind"}, {0.1, 1, 10}, {},
                {{{"poll"}, {2, 0, 3, 1}, 12.5}}};
  CHECK(render({family}) ==
        "# HELP payq_wait_seconds Waits\n# TYPE payq_wait_seconds histogram\n"
        "payq_wait_seconds_bucket{kind=\"poll\",le=\"0.1\"} 2\n"
        "payq_wait_seconds_bucket{kind=\"poll\",le=\"1\"} 2\n"
        "payq_wait_seconds_bucket{kind=\"poll\",le=\"10\"} 5\n"
        "payq_wait_seconds_bucket{kind=\"poll\",le=\"+Inf\"} 6\n"
        "payq_wait_seconds_sum{kind=\"poll\"} 12.5\n"
        "payq_wait_seconds_count{kind=\"poll\"} 6\n");
}

TEST_CASE("exposition: a family without samples still declares itself; unlabelled histograms have only le") {
  Family empty{"payq_none", "Nothing yet", MetricType::kCounter, {"kind"}, {}, {}, {}};
  CHECK(render({empty}) == "# HELP payq_none_total Nothing yet\n# TYPE payq_none_total counter\n");
  Family unlabelled{"payq_h", "H", MetricType::kHistogram, {}, {1}, {}, {{{}, {0, 0}, 0}}};
  CHECK(render({unlabelled}).find("payq_h_bucket{le=\"1\"} 0\npayq_h_bucket{le=\"+Inf\"} 0\npayq_h_sum 0\n"
                                  "payq_h_count 0\n") != std::string::npos);
}

TEST_CASE("exposition: values") {
  CHECK(format_value(0) == "0");
  CHECK(format_value(12345678901.0) == "12345678901");
  CHECK(format_value(0.1) == "0.1");
  CHECK(format_value(0.005) == "0.005");
  CHECK(format_value(-2.5) == "-2.5");
  CHECK(format_value(1.0 / 0.0) == "+Inf");
  CHECK(format_value(-1.0 / 0.0) == "-Inf");
  CHECK(format_value(0.0 / 0.0) == "NaN");
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::metrics
