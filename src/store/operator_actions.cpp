// store/operator_actions.cpp — what every store's operator actions share and no database decides: the reports
// and the transition's detail text. The guarded writes are per store (store/sqlite/, store/postgres/).
#include "store/operator_actions.h"

namespace payq::store {

ActionReport report_of(const ActionTarget& target, const ActionPlan& plan) {
  return {target.reference_id, target.state, plan.verdict == ActionVerdict::kApplied ? plan.to_state : target.state,
          plan.verdict, plan.verdict == ActionVerdict::kApplied ? std::string() : plan.note};
}

std::string change_reason(const Actor& actor, const std::string& note) {
  if (actor.reason.empty()) return note;
  return note.empty() ? actor.reason : actor.reason + " " + note;
}

ActionReport changed_meanwhile(const ActionTarget& target, ActionReport report, const std::string& now_state) {
  report.to_state = now_state;
  report.verdict = ActionVerdict::kChangedMeanwhile;
  report.message = "ref=" + target.reference_id + " changed after it was selected (it was " + target.state +
                   ", it is now " + now_state + "); left as it is";
  return report;
}

ActionReport resolve_refused(const ActionTarget& target, ActionReport report, const Status& owner) {
  report.to_state = target.state;
  report.verdict = owner.code() == StatusCode::kConflict ? ActionVerdict::kRemoteIdTaken : ActionVerdict::kFailed;
  report.message = owner.message();
  return report;
}

}  // namespace payq::store
