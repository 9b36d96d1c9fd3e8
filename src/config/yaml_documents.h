// config/yaml_documents.h — whether a YAML text holds a second document, without yaml-cpp's LoadAll.
// Reads events only and keeps none; pure. The first document itself is built by YAML::Load.
#pragma once

#include <optional>
#include <string>

#include <yaml-cpp/mark.h>

namespace payq::config {

// Where a second YAML document starts, or nullopt when the text holds at most one. Throws
// YAML::ParserException for a syntax error, including a token yaml-cpp can neither parse nor skip.
// yaml-cpp 0.7's LoadAll never returns on such a token (a stray ',': jbeder/yaml-cpp#1040), reporting an
// endless run of documents that all start at it; this reads at most three documents and stops there.
std::optional<YAML::Mark> second_document_start(const std::string& yaml);

}  // namespace payq::config
