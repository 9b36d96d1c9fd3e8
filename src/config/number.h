// config/number.h — prints a config number the way an operator writes it: 5, 2.5, 0.2 (shortest exact form).
// Shared by error messages and the effective-config printer so both show the same text.
#pragma once

#include <string>

namespace payq::config {

std::string format_number(double value);

}  // namespace payq::config
