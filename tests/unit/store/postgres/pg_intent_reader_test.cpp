// store/postgres/pg_intent_reader_test.cpp — what only the PostgreSQL reader does: list reads in pages (keyset on
// id), past one page in id order with nothing twice, a limit and a stop ending it. Filters and find: ../contract.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "store/postgres/pg_intent_reader.h"
#include "store/postgres/pg_seed.h"

using payq::store::IntentRecord;
using payq::store::ListQuery;
using payq::store::postgres::PgIntentReader;
using Refs = std::vector<std::string>;

namespace {

Refs listed(pqxx::connection& session, const ListQuery& query) {
  Refs refs;
  const auto status = PgIntentReader(session).for_each(query, [&](const IntentRecord& r) {
    refs.push_back(r.reference_id);
    return true;
  });
  REQUIRE_MESSAGE(status.is_ok(), status.to_string());
  return refs;
}

ListQuery query(auto&& set) {
  ListQuery q;
  set(q);
  return q;
}

}  // namespace

TEST_SUITE("postgres.intent_reader") {
  TEST_CASE("list pages through more rows than one page, in id order, each once; a limit and a stop end it") {
    payq::testing::PgSeed db;
    db.exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url, batch)"
            " SELECT 'P-' || n, '1.00', 'USD', 'https://s.example/r', CASE WHEN n % 2 = 0 THEN 'even' END"
            " FROM generate_series(1, 2500) AS n");
    std::vector<std::int64_t> ids;
    REQUIRE(PgIntentReader(db.session()).for_each({}, [&](const IntentRecord& r) {
      ids.push_back(r.id);
      return true;
    }).is_ok());
    REQUIRE(ids.size() == 2500);
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());

    auto evens = listed(db.session(), query([](ListQuery& q) { q.filter.batch = "even", q.limit = 1001; }));
    REQUIRE(evens.size() == 1001);
    CHECK(evens.front() == "P-2");
    CHECK(evens.back() == "P-2002");

    int seen = 0;
    REQUIRE(PgIntentReader(db.session()).for_each({}, [&](const IntentRecord&) { return ++seen < 1500; }).is_ok());
    CHECK(seen == 1500);
  }
}
