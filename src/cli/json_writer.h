// cli/json_writer.h — the writer every `--format json` output uses (RapidJSON onto the command's stream) and the
// two string forms they all need: a string of any length (embedded NULs kept), and an optional one as null.
#pragma once

#include <optional>
#include <string_view>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

namespace payq::cli {

using JsonWriter = rapidjson::Writer<rapidjson::OStreamWrapper>;

inline void write_json_string(JsonWriter& w, std::string_view value) {
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

template <typename Text>
void write_json_optional(JsonWriter& w, const std::optional<Text>& value) {
  if (value) {
    write_json_string(w, *value);
  } else {
    w.Null();
  }
}

}  // namespace payq::cli
