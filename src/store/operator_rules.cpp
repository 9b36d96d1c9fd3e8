// store/operator_rules.cpp — the decision table of operator actions by state. A request that may exist at the
// partner (an ambiguous attempt, or a remote id on an on_hold intent) is never discarded without force.
#include "store/operator_rules.h"

namespace payq::store {
namespace {

ActionPlan refuse(const ActionTarget& target, OperatorAction action, const std::string& allowed) {
  return {ActionVerdict::kRefusedState, {},
          std::string("cannot ") + to_string(action) + " ref=" + target.reference_id + ": it is " + target.state +
              " (only " + allowed + ")"};
}

ActionPlan plan_cancel(const ActionTarget& target, bool force) {
  if (target.state == "cancelled") return {ActionVerdict::kAlreadyDone, "cancelled", {}};
  if (target.state != "queued" && target.state != "failed" && target.state != "on_hold") {
    return refuse(target, OperatorAction::kCancel, "queued, failed or on_hold intents can be cancelled");
  }
  const bool may_exist = target.ambiguous || target.has_remote_id;
  if (!may_exist) return {ActionVerdict::kApplied, "cancelled", {}};
  if (force) return {ActionVerdict::kApplied, "cancelled", "(forced: a payment request may exist at the partner)"};
  return {ActionVerdict::kNeedsForce, {},
          "cannot cancel ref=" + target.reference_id +
              (target.has_remote_id ? ": it holds a remote id" : ": an earlier attempt had an ambiguous outcome") +
              ", so a payment request may exist at the partner; check there (and payq resolve it if it exists), or "
              "cancel with --force"};
}

}  // namespace

const char* to_string(OperatorAction action) {
  switch (action) {
    case OperatorAction::kCancel: return "cancel";
    case OperatorAction::kRequeue: return "requeue";
    case OperatorAction::kResolve: return "resolve";
  }
  return "act on";
}

ActionPlan plan_action(OperatorAction action, const ActionTarget& target, bool force) {
  switch (action) {
    case OperatorAction::kCancel: return plan_cancel(target, force);
    case OperatorAction::kRequeue:
      if ((target.state == "failed" || target.state == "on_hold") && !target.has_remote_id) {
        return {ActionVerdict::kApplied, "queued", {}};
      }
      return refuse(target, action, "failed or on_hold intents without a remote id can be requeued");
    case OperatorAction::kResolve:
      if (target.state == "on_hold") return {ActionVerdict::kApplied, "submitted", {}};
      return refuse(target, action, "on_hold intents can be resolved");
  }
  return refuse(target, action, "known actions");
}

}  // namespace payq::store
