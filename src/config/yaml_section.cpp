// config/yaml_section.cpp — typed reads of one config mapping, and the wording of every config error.
// yaml-cpp marks are 0-based; operators count from 1, so every printed line and column is shifted by one.
#include "config/yaml_section.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <set>

#include "config/duration.h"
#include "config/number.h"

namespace payq::config {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The known key a typo most likely meant, if any is close enough to be worth suggesting.
std::optional<std::string_view> closest(std::string_view key, std::initializer_list<std::string_view> known) {
  std::optional<std::string_view> best;
  std::size_t best_distance = std::max<std::size_t>(1, key.size() / 3) + 1;
  for (std::string_view candidate : known) {
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

// Quoted scalars ("5") carry the non-specific tag "!": they are strings, never numbers.
bool is_quoted(const YAML::Node& node) { return node.Tag() == "!"; }

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return "no value";
    case YAML::NodeType::Scalar:
      return (is_quoted(node) ? "the quoted string \"" : "\"") + node.Scalar() + "\"";
  }
  return "an unknown node";
}

}  // namespace

void ErrorList::add(std::string_view path, const YAML::Mark& mark, std::string_view message) {
  std::string text(path.empty() ? "(top level)" : path);
  if (!mark.is_null()) {
    text += " (line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1) + ")";
  }
  errors_.push_back({mark.is_null() ? kUnlocated : mark.line, text + ": " + std::string(message)});
}

Status ErrorList::to_status(std::string_view source_name) const {
  std::vector<Entry> sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entry& a, const Entry& b) { return a.line < b.line; });
  std::string message;
  for (const Entry& error : sorted) {
    if (!message.empty()) message += '\n';
    message += std::string(source_name) + ": " + error.text;
  }
  return {StatusCode::kConfig, message};
}

Section::Section(YAML::Node node, std::string path, ErrorList& errors)
    : node_(std::move(node)), path_(std::move(path)), errors_(&errors) {
  if (node_.IsDefined() && !node_.IsNull() && !node_.IsMap()) {
    errors_->add(path_, node_.Mark(), "must be a mapping of keys to values, got " + describe(node_));
    node_ = YAML::Node();
  }
}

void Section::check_keys(std::initializer_list<std::string_view> known) {
  if (!node_.IsMap()) return;
  std::set<std::string> seen;
  for (const auto& entry : node_) {
    const std::string key = entry.first.Scalar();
    const YAML::Mark mark = entry.first.Mark();
    if (!seen.insert(key).second) {
      errors_->add(key_path(key), mark, "key given twice");
    } else if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string message = "unknown key";
      if (auto guess = closest(key, known)) message += " (did you mean \"" + std::string(*guess) + "\"?)";
      errors_->add(key_path(key), mark, message);
    }
  }
}

bool Section::has(std::string_view key) const { return value(key).IsDefined(); }

Section Section::section(std::string_view key) { return Section(value(key), key_path(key), *errors_); }

bool Section::read_string(std::string_view key, std::string& out) {
  if (!has(key)) return true;
  std::optional<std::string> text = scalar(key, "a string");
  if (text) out = *text;
  return text.has_value();
}

bool Section::read_optional_string(std::string_view key, std::optional<std::string>& out) {
  if (!has(key)) return true;
  if (value(key).IsNull()) {
    out.reset();
    return true;
  }
  std::optional<std::string> text = scalar(key, "a string");
  if (text) out = *text;
  return text.has_value();
}

bool Section::read_int(std::string_view key, int& out, int min, int max) {
  if (!has(key)) return true;
  std::optional<std::string> text = scalar(key, "an integer");
  if (!text) return false;
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
  if (is_quoted(value(key)) || error != std::errc() || end != text->data() + text->size()) {
    fail(key, "must be an integer, got " + describe(value(key)));
    return false;
  }
  if (number < min || number > max) {
    fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + *text);
    return false;
  }
  out = static_cast<int>(number);
  return true;
}

bool Section::read_double(std::string_view key, double& out, double min, double max, bool min_exclusive) {
  if (!has(key)) return true;
  std::optional<std::string> text = scalar(key, "a number");
  if (!text) return false;
  double number = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
  if (is_quoted(value(key)) || error != std::errc() || end != text->data() + text->size() || !std::isfinite(number)) {
    fail(key, "must be a number, got " + describe(value(key)));
    return false;
  }
  if ((min_exclusive ? number <= min : number < min) || number > max) {
    const std::string low = min_exclusive ? "greater than " + format_number(min) : "at least " + format_number(min);
    fail(key, "must be " + low + " and at most " + format_number(max) + ", got " + *text);
    return false;
  }
  out = number;
  return true;
}

bool Section::read_duration(std::string_view key, Duration& out) {
  if (!has(key)) return true;
  std::optional<std::string> text = scalar(key, "a duration such as 30s");
  if (!text) return false;
  Result<Duration> duration = parse_duration(*text);
  if (!duration) {
    fail(key, duration.status().message());
    return false;
  }
  out = *duration;
  return true;
}

void Section::fail(std::string_view key, std::string_view message) {
  const YAML::Node node = value(key);
  errors_->add(key_path(key), node.IsDefined() ? node.Mark() : YAML::Mark::null_mark(), message);
}

std::string Section::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

YAML::Node Section::value(std::string_view key) const {
  if (!node_.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& entry : node_) {
    if (entry.first.Scalar() == key) return entry.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

std::optional<std::string> Section::scalar(std::string_view key, std::string_view kind) {
  const YAML::Node node = value(key);
  if (!node.IsScalar()) {
    fail(key, "must be " + std::string(kind) + ", got " + describe(node));
    return std::nullopt;
  }
  return node.Scalar();
}

}  // namespace payq::config
