// config/yaml_section.h — one YAML mapping of the config file, read key by key into typed fields. Owns the
// checks every key shares (unknown or duplicate key, wrong type, range) and the "key (line, column)" wording.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config.h"
#include "payq/status.h"

namespace payq::config {

// Every problem found in one load, each already worded as "path (line L, column C): what".
class ErrorList {
 public:
  void add(std::string_view path, const YAML::Mark& mark, std::string_view message);
  bool empty() const { return errors_.empty(); }
  // One kConfig Status, one line per error in file order, each prefixed with the file name.
  Status to_status(std::string_view source_name) const;

 private:
  struct Entry {
    int line;
    std::string text;
  };
  static constexpr int kUnlocated = 1 << 30;  // errors about absent keys sort last

  std::vector<Entry> errors_;
};

// Readers leave the field untouched (its default) when the key is absent, and also when they report an error
// (wrong type, out of range). Each returns false only when it reported an error, so a caller's further checks
// run on a value that is either the file's or the default.
class Section {
 public:
  // `node` may be undefined or null (section absent, or `key:` with no value): every field keeps its default.
  Section(YAML::Node node, std::string path, ErrorList& errors);

  // Reports keys not in `known` (suggesting the closest known key) and keys given twice.
  void check_keys(std::initializer_list<std::string_view> known);
  bool has(std::string_view key) const;
  Section section(std::string_view key);

  bool read_string(std::string_view key, std::string& out);
  bool read_optional_string(std::string_view key, std::optional<std::string>& out);  // null = not set
  bool read_int(std::string_view key, int& out, int min, int max);
  // [min, max], or (min, max] when min_exclusive: a rate of 0 is meaningless, a share of 0 is not.
  bool read_double(std::string_view key, double& out, double min, double max, bool min_exclusive);
  bool read_duration(std::string_view key, Duration& out);
  template <typename Enum>
  bool read_choice(std::string_view key, Enum& out, std::initializer_list<std::pair<std::string_view, Enum>> choices);

  // Records an error about `key`, located at its value (or unlocated when the key is absent).
  void fail(std::string_view key, std::string_view message);
  std::string key_path(std::string_view key) const;  // "retry.max_attempts"

 private:
  YAML::Node value(std::string_view key) const;  // undefined when absent
  // The value's text, or nullopt after reporting that it is not a scalar (`kind` names what was expected,
  // e.g. "an integer"). Only called for a key that is present.
  std::optional<std::string> scalar(std::string_view key, std::string_view kind);

  YAML::Node node_;
  std::string path_;
  ErrorList* errors_;
};

template <typename Enum>
bool Section::read_choice(std::string_view key, Enum& out,
                          std::initializer_list<std::pair<std::string_view, Enum>> choices) {
  std::string list;
  for (const auto& choice : choices) list += (list.empty() ? "" : ", ") + std::string(choice.first);
  if (!has(key)) return true;
  std::optional<std::string> text = scalar(key, "one of " + list);
  if (!text) return false;
  for (const auto& [name, choice] : choices) {
    if (*text == name) {
      out = choice;
      return true;
    }
  }
  fail(key, "must be one of " + list + ", got \"" + *text + "\"");
  return false;
}

}  // namespace payq::config
