// config/printer.h — renders a Config as the YAML an operator would write, every key included, for
// `payq check-config`. The client secret is masked; only where it came from is shown.
#pragma once

#include <string>
#include <string_view>

#include "config/config.h"

namespace payq::config {

inline constexpr std::string_view kMaskedSecret = "********";

// Every key of docs/design.md §5 in file order; durations in the config's own syntax ("30s"), so the output (minus the
// masked client_secret line) loads back to the same Config.
std::string render_effective_config(const Config& config);

}  // namespace payq::config
