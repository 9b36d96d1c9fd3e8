// store/operator_actions.h — the state changes a person makes (cancel, requeue, resolve), one intent at a time or
// over a selection. Each intent's change is its own guarded UPDATE: it applies only while the intent is still as it
// was selected (the rule is store/operator_rules.h), and the schema appends its transition with who and why.
// Verifying a remote id at the partner is the caller's job (cli/operator_commands.cpp). One thread per instance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "payq/status.h"
#include "store/intent_reader.h"
#include "store/operator_rules.h"

namespace payq::store {

// Who acts and why: the transition's observed_by is "operator:<by>", its detail the reason (NULL when empty).
struct Actor {
  std::string by;
  std::string reason;
};

struct ActionOptions {
  bool force = false;    // cancel may discard an intent whose payment request may exist at the partner
  bool dry_run = false;  // judge only, write nothing
};

// What happened to one intent.
struct ActionReport {
  std::string reference_id;
  std::string from_state;  // as selected (empty when not found)
  std::string to_state;    // where it is now, or would be in a dry run
  ActionVerdict verdict = ActionVerdict::kFailed;
  std::string message;     // why not, for refusals and failures
};

class OperatorActions {
 public:
  explicit OperatorActions(SQLite::Database& db) : db_(db) {}

  // The intents matching a batch and/or state, in id order, as they are now.
  Result<std::vector<ActionTarget>> select(const IntentFilter& filter);
  // One intent by reference; nullopt when there is none.
  Result<std::optional<ActionTarget>> find(const std::string& reference_id);

  // cancel or requeue `target` in its own transaction, only while it is still as selected.
  ActionReport apply(OperatorAction action, const ActionTarget& target, const Actor& actor, std::int64_t now_ms,
                     ActionOptions options = {});
  // The same for a reference (kNotFound when no intent has it).
  ActionReport apply(OperatorAction action, const std::string& reference_id, const Actor& actor, std::int64_t now_ms,
                     ActionOptions options = {});

  // kConflict naming the other intent when one already has remote_id, else ok. Lets the caller refuse before
  // asking the partner.
  Status remote_id_owner_conflict(const std::string& reference_id, const std::string& remote_id);
  // on_hold -> submitted with the given remote id (the reconciler polls it at once), while `target` is unchanged;
  // kConflict naming the intent that took the remote id meanwhile.
  ActionReport resolve(const ActionTarget& target, const std::string& remote_id, const Actor& actor,
                       std::int64_t now_ms);

 private:
  ActionReport after_guard_refused(const ActionTarget& target, ActionReport report);

  SQLite::Database& db_;
};

}  // namespace payq::store
