// store/postgres/pg_values.cpp — NULL checks before conversion (libpqxx 6 has no std::optional field type), and
// the dynamic parameter list libpqxx binds as one argument.
#include "store/postgres/pg_values.h"

#include <pqxx/prepared_statement>

namespace payq::store::postgres {

std::optional<std::string> optional_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

std::optional<std::int64_t> optional_int64(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::int64_t>();
}

std::string PgParams::add(std::string value, const char* cast) {
  values_.push_back(std::move(value));
  return "$" + std::to_string(values_.size()) + cast;
}

pqxx::result PgParams::exec(pqxx::transaction_base& tx, const std::string& sql) const {
  return tx.exec_params(sql, pqxx::prepare::make_dynamic_params(values_));
}

}  // namespace payq::store::postgres
