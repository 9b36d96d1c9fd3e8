// store/operator_actions.h — the state changes a person makes (cancel, requeue, resolve), one intent at a time or
// over a selection. Each intent's change is its own guarded UPDATE: it applies only while the intent is still as it
// was selected (the rule is store/operator_rules.h), and the schema appends its transition with who and why.
// Verifying a remote id at the partner is the caller's job (cli/operator_commands.cpp). One thread per instance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  std::string message;  // why not, for refusals and failures
};

// The transition's detail: the actor's reason and the plan's note, either or both; empty when neither.
std::string change_reason(const Actor& actor, const std::string& note);

// The control flow (judge, write under the guard, say what happened) is here once; a store supplies the reads and
// the one guarded UPDATE.
class OperatorActions {
 public:
  virtual ~OperatorActions() = default;

  // The intents matching a batch and/or state, in id order, as they are now.
  virtual Result<std::vector<ActionTarget>> select(const IntentFilter& filter) = 0;
  // One intent by reference; nullopt when there is none.
  virtual Result<std::optional<ActionTarget>> find(const std::string& reference_id) = 0;

  // cancel or requeue `target` in its own transaction, only while it is still as selected.
  ActionReport apply(OperatorAction action, const ActionTarget& target, const Actor& actor, std::int64_t now_ms,
                     ActionOptions options = {});
  // The same for a reference (kNotFound when no intent has it).
  ActionReport apply(OperatorAction action, const std::string& reference_id, const Actor& actor, std::int64_t now_ms,
                     ActionOptions options = {});

  // kConflict naming the other intent when one already has remote_id, else ok. Lets the caller refuse before
  // asking the partner.
  virtual Status remote_id_owner_conflict(const std::string& reference_id, const std::string& remote_id) = 0;
  // on_hold -> submitted with the given remote id (the reconciler polls it at once), while `target` is unchanged;
  // kConflict naming the intent that took the remote id meanwhile.
  ActionReport resolve(const ActionTarget& target, const std::string& remote_id, const Actor& actor,
                       std::int64_t now_ms);

 protected:
  // The UPDATE of `action` in its own transaction, guarded by `target` as selected (id, state, ambiguous, whether
  // it holds a remote id); the transition's detail is change_reason(actor, note), `remote_id` is resolve's.
  // True when it changed the intent, false when the guard refused; a failure is a Status naming action and ref.
  virtual Result<bool> guarded_write(OperatorAction action, const ActionTarget& target, const Actor& actor,
                                     const std::string& note, std::int64_t now_ms,
                                     const std::optional<std::string>& remote_id) = 0;

 private:
  ActionReport after_guard_refused(const ActionTarget& target, ActionReport report);
};

}  // namespace payq::store
