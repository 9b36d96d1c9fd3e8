// store/intent_reader.cpp — what the intent reader's contract holds apart from any database: the known local
// states. The queries are per store (store/sqlite/sqlite_intent_reader.cpp).
#include "store/intent_reader.h"

namespace payq::store {

bool is_known_state(std::string_view state) {
  for (auto s : kIntentStates) {
    if (s == state) return true;
  }
  return false;
}

}  // namespace payq::store
