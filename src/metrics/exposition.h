// metrics/exposition.h — metric families as plain values and their Prometheus text exposition (format 0.0.4):
// HELP/TYPE lines, counters named *_total, cumulative histogram buckets ending at +Inf, escaped label values.
// Pure functions over values; knows nothing of where the numbers come from.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace payq::metrics {

enum class MetricType { kCounter, kGauge, kHistogram };

struct Sample {
  std::vector<std::string> labels;  // values, in the order of Family::label_names
  double value = 0;
};

struct HistogramSample {
  std::vector<std::string> labels;
  std::vector<std::uint64_t> in_bucket;  // observations per bucket (not cumulative): bounds.size() + 1 entries,
                                         // the last one above every bound
  double sum = 0;
};

struct Family {
  std::string name;  // a counter's "_total" is added by the writer when missing
  std::string help;
  MetricType type = MetricType::kGauge;
  std::vector<std::string> label_names;
  std::vector<double> bounds;                 // histograms: the finite upper bounds, ascending
  std::vector<Sample> samples;                // counters and gauges
  std::vector<HistogramSample> histograms;    // histograms
};

// The name as exposed: counters end in "_total".
std::string exposed_name(const Family& family);
// A label value inside double quotes: backslash, double quote and line feed escaped.
std::string escape_label_value(std::string_view value);
// A HELP text: backslash and line feed escaped.
std::string escape_help(std::string_view help);
// A sample value: integers without exponent, "+Inf", "-Inf", "NaN".
std::string format_value(double value);

// Writes every family in order; a family without samples still gets its HELP and TYPE lines.
void write_exposition(std::ostream& out, const std::vector<Family>& families);

// The Content-Type of this format.
inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace payq::metrics
