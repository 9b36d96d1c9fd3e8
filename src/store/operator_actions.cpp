// store/operator_actions.cpp — what every store's operator actions share and no database decides: the control flow,
// the reports and the transition's detail text. The reads and the guarded writes are per store.
#include "store/operator_actions.h"

namespace payq::store {
namespace {

// The report of `plan` for `target` before any write: kApplied leads to plan.to_state, anything else stays.
ActionReport report_of(const ActionTarget& target, const ActionPlan& plan) {
  return {target.reference_id, target.state, plan.verdict == ActionVerdict::kApplied ? plan.to_state : target.state,
          plan.verdict, plan.verdict == ActionVerdict::kApplied ? std::string() : plan.note};
}

// A guarded write changed nothing: the intent is now in `now_state`.
ActionReport changed_meanwhile(const ActionTarget& target, ActionReport report, const std::string& now_state) {
  report.to_state = now_state;
  report.verdict = ActionVerdict::kChangedMeanwhile;
  report.message = "ref=" + target.reference_id + " changed after it was selected (it was " + target.state +
                   ", it is now " + now_state + "); left as it is";
  return report;
}

// resolve() refused by `owner`: kConflict names the intent that holds the remote id; anything else is a failure.
ActionReport resolve_refused(const ActionTarget& target, ActionReport report, const Status& owner) {
  report.to_state = target.state;
  report.verdict = owner.code() == StatusCode::kConflict ? ActionVerdict::kRemoteIdTaken : ActionVerdict::kFailed;
  report.message = owner.message();
  return report;
}

}  // namespace

std::string change_reason(const Actor& actor, const std::string& note) {
  if (actor.reason.empty()) return note;
  return note.empty() ? actor.reason : actor.reason + " " + note;
}

ActionReport OperatorActions::apply(OperatorAction action, const ActionTarget& target, const Actor& actor,
                                    std::int64_t now_ms, ActionOptions options) {
  const ActionPlan plan = plan_action(action, target, options.force);
  ActionReport report = report_of(target, plan);
  if (plan.verdict != ActionVerdict::kApplied || options.dry_run || action == OperatorAction::kResolve) return report;
  auto written = guarded_write(action, target, actor, plan.note, now_ms, std::nullopt);
  if (!written) {
    return {target.reference_id, target.state, target.state, ActionVerdict::kFailed, written.status().message()};
  }
  return *written ? report : after_guard_refused(target, std::move(report));
}

ActionReport OperatorActions::apply(OperatorAction action, const std::string& reference_id, const Actor& actor,
                                    std::int64_t now_ms, ActionOptions options) {
  auto target = find(reference_id);
  if (!target) return {reference_id, {}, {}, ActionVerdict::kFailed, target.status().message()};
  if (!*target) {
    return {reference_id, {}, {}, ActionVerdict::kNotFound, "no intent with reference_id '" + reference_id + "'"};
  }
  return apply(action, **target, actor, now_ms, options);
}

ActionReport OperatorActions::resolve(const ActionTarget& target, const std::string& remote_id, const Actor& actor,
                                      std::int64_t now_ms) {
  ActionReport report = report_of(target, plan_action(OperatorAction::kResolve, target, false));
  if (report.verdict != ActionVerdict::kApplied) return report;
  if (Status owner = remote_id_owner_conflict(target.reference_id, remote_id); !owner) {
    return resolve_refused(target, report, owner);
  }
  auto written = guarded_write(OperatorAction::kResolve, target, actor, {}, now_ms, remote_id);
  if (written) return *written ? report : after_guard_refused(target, std::move(report));
  // Another intent took the id between the check and the UPDATE: name it rather than the constraint.
  if (Status owner = remote_id_owner_conflict(target.reference_id, remote_id); !owner) {
    return resolve_refused(target, report, owner);
  }
  return resolve_refused(target, report, written.status());
}

// The guarded write changed nothing: say what the intent is now.
ActionReport OperatorActions::after_guard_refused(const ActionTarget& target, ActionReport report) {
  auto now = find(target.reference_id);
  return changed_meanwhile(target, std::move(report), now && *now ? (*now)->state : target.state);
}

}  // namespace payq::store
