// config/yaml_documents_test.cpp — second_document_start() and the loader over texts on which yaml-cpp 0.7's
// LoadAll never returns (a stray ','): a quick config error with a position, never a hang.
#include "config/yaml_documents.h"

#include <doctest/doctest.h>

#include <string>

#include <yaml-cpp/exceptions.h>

#include "config/config_test_support.h"
#include "config/loader.h"

namespace payq::config {
namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST_SUITE_BEGIN("config");

TEST_CASE("yaml documents: none or one document has no second start") {
  for (const char* yaml : {"", "# only a comment\n", "---\n", "a: 1\n", "a: 1\n...\n", "[1, 2]\n"}) {
    CAPTURE(yaml);
    CHECK_FALSE(second_document_start(yaml).has_value());
  }
}

TEST_CASE("yaml documents: a second and a third document are found, the second's line reported") {
  const auto second = second_document_start("a: 1\n---\nb: 2\n---\nc: 3\n");
  REQUIRE(second.has_value());
  CHECK(second->line == 1);
  CHECK(second_document_start("a: 1\n...\nb: 2\n").has_value());
}

TEST_CASE("yaml documents: a stray ',' is a syntax error at its position, not an endless run of documents") {
  for (const char* yaml : {",", "{a: 1},", "[1],", "\"x\" ,"}) {
    CAPTURE(yaml);
    CHECK_THROWS_AS(second_document_start(yaml), YAML::ParserException);
  }
  try {
    second_document_start("{a: 1},");
    FAIL("no exception");
  } catch (const YAML::ParserException& error) {
    CHECK(error.mark.column == 6);
    CHECK(contains(error.msg, "unexpected ','"));
  }
}

TEST_CASE("config: a file holding ',' or '{a: 1},' is a config error naming the position") {
  for (const char* yaml : {",", "{a: 1},"}) {
    CAPTURE(yaml);
    Result<Config> loaded = load_config_string(yaml, "test.yaml", payq::testing::fake_env());
    REQUIRE_FALSE(loaded.is_ok());
    CHECK(loaded.status().code() == StatusCode::kConfig);
    CHECK(contains(loaded.status().message(), "test.yaml: YAML syntax (line 1, column "));
    CHECK(contains(loaded.status().message(), "unexpected ','"));
  }
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
