// store/postgres/pg_batch_insert.h — many intents in a few statements: COPY into a session-private staging table,
// one INSERT … SELECT … ON CONFLICT DO NOTHING, one look at the rows that were stored already. Used by the writer.
#pragma once

#include <cstdint>
#include <span>

#include <pqxx/transaction_base>

#include "store/intent_writer.h"

namespace payq::store::postgres {

// Inserts `intents` inside `transaction` with the outcomes insert() would give one after the other (a reference
// given twice: the later ones compare with the first, or with the row stored before); kInternal when a row was
// neither inserted nor found. Throws what libpqxx throws:
// a row the schema refuses fails the whole statement (the caller rolls back to a savepoint and goes row by row,
// which names the row).
Result<IntentWriter::Outcomes> insert_through_copy(pqxx::transaction_base& transaction, std::span<const Intent> intents,
                                           std::int64_t now_ms);

}  // namespace payq::store::postgres
