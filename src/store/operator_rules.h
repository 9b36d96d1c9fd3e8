// store/operator_rules.h — which operator action an intent's state allows, decided from what was seen (pure: no
// SQL, no clock). OperatorActions applies the decision guarded by that same snapshot, so the rule lives here only.
#pragma once

#include <cstdint>
#include <string>

namespace payq::store {

enum class OperatorAction {
  kCancel,   // queued, failed or on_hold -> cancelled (final, with the reason)
  kRequeue,  // failed or on_hold without a remote id -> queued, due now, fresh attempt budget
  kResolve,  // on_hold -> submitted with a remote id found at the partner
};

// An intent as the operator action found it; the write applies only while the intent still looks like this.
struct ActionTarget {
  std::int64_t id = 0;
  std::string reference_id;
  std::string state;
  bool ambiguous = false;      // an attempt had an ambiguous outcome
  bool has_remote_id = false;  // a payment request is recorded for it
};

enum class ActionVerdict {
  kApplied,           // changed (in a dry run: would be)
  kAlreadyDone,       // already where the action leads (cancel of a cancelled intent): nothing to do
  kRefusedState,      // its state does not allow the action
  kNeedsForce,        // a payment request may exist at the partner: cancel only with force
  kChangedMeanwhile,  // it changed after it was selected (the daemon claimed it): not overwritten
  kNotFound,          // no intent has the reference
  kRemoteIdTaken,     // resolve: another intent already holds the remote id (message names it)
  kFailed,            // the database refused the write (message says why)
};

struct ActionPlan {
  ActionVerdict verdict = ActionVerdict::kRefusedState;
  std::string to_state;  // where kApplied leads
  std::string note;      // why not (refusals), or what the transition adds (a forced cancel)
};

// What `action` does to `target`; force lets a cancel discard an intent whose request may exist at the partner.
ActionPlan plan_action(OperatorAction action, const ActionTarget& target, bool force);

// "cancel", "requeue", "resolve".
const char* to_string(OperatorAction action);

}  // namespace payq::store
