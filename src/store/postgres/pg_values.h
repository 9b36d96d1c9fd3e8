// store/postgres/pg_values.h — libpqxx 6 fields read as payq's values (NULL as nullopt) and statements whose
// conditions depend on the caller's filter, with every value bound as a parameter. Runs in the caller's
// transaction and holds no SQL of its own; used only inside store/postgres.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>  // whole: libpqxx 6.4 headers need each other in an order of their own

namespace payq::store::postgres {

std::optional<std::string> optional_text(const pqxx::field& f);
std::optional<std::int64_t> optional_int64(const pqxx::field& f);

// Builds the parameter list of a statement whose conditions are chosen at run time: add() stores a value and
// returns its placeholder ("$3"), so SQL text only ever holds placeholders. Values travel as text and the
// placeholder carries the cast the server needs ("$3::bigint").
class PgParams {
 public:
  std::string add(std::string value, const char* cast = "");
  std::string add(std::int64_t value) { return add(std::to_string(value), "::bigint"); }

  pqxx::result exec(pqxx::transaction_base& tx, const std::string& sql) const;

 private:
  std::vector<std::string> values_;
};

}  // namespace payq::store::postgres
