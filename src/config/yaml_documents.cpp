// config/yaml_documents.cpp — counting YAML documents with an event handler that records where each starts.
// Bounded: at most three calls to HandleNextDocument, whatever the text.
#include "config/yaml_documents.h"

#include <array>
#include <cstdio>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace payq::config {
namespace {

// Records the start of the document it is handed; every node event is ignored.
class DocumentStart : public YAML::EventHandler {
 public:
  YAML::Mark start;

  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override {}
  void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override {}
  void OnScalar(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                const std::string& /*value*/) override {}
  void OnSequenceStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                       YAML::EmitterStyle::value /*style*/) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override {}
  void OnMapEnd() override {}
};

std::string describe_byte_at(const std::string& yaml, int pos) {
  if (pos < 0 || static_cast<std::size_t>(pos) >= yaml.size()) return "the end of the text";
  const auto byte = static_cast<unsigned char>(yaml[static_cast<std::size_t>(pos)]);
  if (byte >= 0x21 && byte < 0x7f) return std::string("'") + static_cast<char>(byte) + "'";
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02x", byte);
  return std::string("byte ") + hex;
}

}  // namespace

std::optional<YAML::Mark> second_document_start(const std::string& yaml) {
  std::istringstream input(yaml);
  YAML::Parser parser(input);
  constexpr int kDocumentsRead = 3;  // two to see a second document, one more to see the parser stuck
  std::array<YAML::Mark, kDocumentsRead> starts;
  std::size_t count = 0;
  for (; count < kDocumentsRead; ++count) {
    DocumentStart handler;
    if (!parser.HandleNextDocument(handler)) break;
    starts[count] = handler.start;
    // A real document always moves the parser on; one starting where the last did is a token it is stuck on.
    if (count > 0 && starts[count].pos == starts[count - 1].pos) {
      throw YAML::ParserException(starts[count], "unexpected " + describe_byte_at(yaml, starts[count].pos) +
                                                     " (',' separates items only inside [...] or {...})");
    }
  }
  if (count < 2) return std::nullopt;
  return starts[1];
}

}  // namespace payq::config
