// metrics/exposition.cpp — the text format, line by line. Histogram buckets are summed here, so callers keep
// per-bucket counts and the cumulative rule (and +Inf == _count) lives in one place.
#include "metrics/exposition.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace payq::metrics {
namespace {

std::string_view type_word(MetricType type) {
  switch (type) {
    case MetricType::kCounter: return "counter";
    case MetricType::kGauge: return "gauge";
    case MetricType::kHistogram: return "histogram";
  }
  return "untyped";
}

// {a="x",b="y"} with an optional extra label (a histogram's le) last; empty when there are no labels at all.
std::string label_set(const std::vector<std::string>& names, const std::vector<std::string>& values,
                      std::string_view extra_name = {}, std::string_view extra_value = {}) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
    out += (out.empty() ? "" : ",") + names[i] + "=\"" + escape_label_value(values[i]) + "\"";
  }
  if (!extra_name.empty()) {
    out += (out.empty() ? "" : ",") + std::string(extra_name) + "=\"" + escape_label_value(extra_value) + "\"";
  }
  return out.empty() ? out : "{" + out + "}";
}

void write_histogram(std::ostream& out, const Family& family, const std::string& name, const HistogramSample& h) {
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < family.bounds.size(); ++i) {
    if (i < h.in_bucket.size()) cumulative += h.in_bucket[i];
    out << name << "_bucket" << label_set(family.label_names, h.labels, "le", format_value(family.bounds[i])) << " "
        << cumulative << "\n";
  }
  if (family.bounds.size() < h.in_bucket.size()) cumulative += h.in_bucket[family.bounds.size()];
  out << name << "_bucket" << label_set(family.label_names, h.labels, "le", "+Inf") << " " << cumulative << "\n";
  out << name << "_sum" << label_set(family.label_names, h.labels) << " " << format_value(h.sum) << "\n";
  out << name << "_count" << label_set(family.label_names, h.labels) << " " << cumulative << "\n";
}

}  // namespace

std::string exposed_name(const Family& family) {
  if (family.type == MetricType::kCounter && !family.name.ends_with("_total")) return family.name + "_total";
  return family.name;
}

std::string escape_label_value(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape_help(std::string_view help) {
  std::string out;
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char text[64];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(text, sizeof text, "%.0f", value);
    return text;
  }
  for (int digits = 15; digits <= 17; ++digits) {  // the shortest spelling that reads back as the same double
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

void write_exposition(std::ostream& out, const std::vector<Family>& families) {
  for (const Family& family : families) {
    const std::string name = exposed_name(family);
    out << "# HELP " << name << " " << escape_help(family.help) << "\n";
    out << "# TYPE " << name << " " << type_word(family.type) << "\n";
    for (const Sample& sample : family.samples) {
      out << name << label_set(family.label_names, sample.labels) << " " << format_value(sample.value) << "\n";
    }
    for (const HistogramSample& histogram : family.histograms) write_histogram(out, family, name, histogram);
  }
}

}  // namespace payq::metrics
