// cli/resolve.cpp — `payq resolve`: attach the payment request a person found at the partner to an on_hold intent.
// It first refuses what the store would (state, a remote id another intent has), then asks the partner (one GET,
// plus a token call, outside the daemon's limiter) whether the remote id is this intent's, then writes guarded.
#include <chrono>
#include <ostream>
#include <utility>

#include "api/curl_global.h"
#include "api/curl_transport.h"
#include "api/payment_api.h"
#include "api/response_body.h"
#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/intent_output.h"
#include "cli/operator_report.h"
#include "cli/operator_selection.h"
#include "common/clock.h"
#include "config/loader.h"
#include "daemon/settings.h"
#include "store/call_log.h"
#include "store/intent_reader.h"
#include "store/operator_actions.h"
#include "worker/call_recorder.h"

namespace payq::cli {
namespace {

std::int64_t now_ms() { return to_unix_ms(std::chrono::system_clock::now()); }

// The config `payq run` uses: the API settings and the client secret are required.
Result<config::Config> load_api_config(const GlobalOptions& global) {
  const auto env = config::process_env();
  auto config = config::load_config_file(config::config_path(global.config_path, env), env);
  if (!config) return config.status();
  apply_db_override(*config, global);
  if (Status usable = config::validate_for_api(*config); !usable) return usable;
  return config;
}

// What the partner says about remote_id: ok when it is a payment request with our reference_id. A refusal carries
// the exit code of README "Exit codes": 11 the partner denies it (404, another reference, another 4xx), 12 it
// could not be asked (429, 5xx, network: try again), 3 it refused our credentials.
struct Verdict {
  int exit_code = kExitOk;
  std::string message;        // why not, when exit_code != 0
  std::string remote_status;  // the partner's status, when verified
};

Verdict refused(int exit_code, std::string message) { return {exit_code, std::move(message), {}}; }

Verdict judge(const api::ApiResult& answer, const std::string& reference, const std::string& remote_id) {
  const std::string subject = "payment request '" + remote_id + "' at the partner";
  switch (answer.outcome) {
    case api::Outcome::kSuccess: {
      const auto fields = api::parse_response_body(answer.body);
      if (fields.reference_id != reference) {
        return refused(kExitNotConfirmed, subject + " belongs to reference_id '" +
                                              fields.reference_id.value_or("(none)") + "', not '" + reference + "'");
      }
      return {kExitOk, {}, answer.remote_status};
    }
    case api::Outcome::kPermanent:
      return refused(kExitNotConfirmed, "the partner does not confirm " + subject + ": " + answer.error);
    case api::Outcome::kUnauthorized:
      return refused(kExitConfig, "the partner refused our credentials: " + answer.error);
    case api::Outcome::kRateLimited:
    case api::Outcome::kRetryableNotSent:
    case api::Outcome::kAmbiguous:
      return refused(kExitTryAgain, "could not verify " + subject + " (" + answer.error + "), try again");
  }
  return refused(kExitInternal, "unknown outcome");
}

// One GET through the same client the daemon uses, recorded in api_calls like the daemon's calls.
Verdict verify_at_partner(const config::Config& config, store::Connection& db, const std::string& reference,
                          const std::string& remote_id) {
  api::CurlGlobal curl;
  if (!curl.status()) return refused(kExitInternal, curl.status().message());
  const api::ApiSettings settings = daemon::api_settings_from(config);
  SystemClock clock;
  api::OpenGate gate;
  api::TokenCache tokens(clock, gate, settings);
  api::CurlTransport transport(settings);
  limiter::Limiter limiter(clock, daemon::limiter_options(config));
  store::CallLog& log = db.call_log();
  worker::CallRecorder recorder(log, limiter);
  auto intent = db.intent_reader().find(reference);
  if (intent && *intent) recorder.serve((*intent)->id);
  api::PaymentApi api(transport, tokens, gate, clock, settings, recorder.sink());
  return judge(api.get(remote_id, reference), reference, remote_id);
}

// resolve after the checks that need no partner (state, remote id owner) and the partner's confirmation.
int resolve_verified(CommandContext& ctx, const store::Actor& actor, const std::string& reference,
                     const std::string& remote_id) {
  auto db = open_command_database(ctx.global, /*create=*/false);
  if (!db) return fail(ctx.err, db.status());
  store::OperatorActions& actions = (*db)->operator_actions();
  OperatorReport report(store::OperatorAction::kResolve, actor, false, OutputFormat::kTable, ctx.out, ctx.err);
  auto target = actions.find(reference);
  if (!target) return fail(ctx.err, target.status());
  if (!*target) return fail(ctx.err, {StatusCode::kNotFound, "no intent with reference_id '" + reference + "'"});
  const store::ActionPlan plan = store::plan_action(store::OperatorAction::kResolve, **target, false);
  if (plan.verdict != store::ActionVerdict::kApplied) {
    report.add({reference, (*target)->state, (*target)->state, plan.verdict, plan.note});
    return report.exit_code();
  }
  if (Status owner = actions.remote_id_owner_conflict(reference, remote_id); !owner) return fail(ctx.err, owner);
  auto config = load_api_config(ctx.global);
  if (!config) return fail(ctx.err, {StatusCode::kConfig, config.status().message()});
  const Verdict verdict = verify_at_partner(*config, **db, reference, remote_id);
  if (verdict.exit_code != kExitOk) {
    ctx.err << "payq: " << terminal_safe(verdict.message) << "; nothing changed\n";
    return verdict.exit_code;
  }
  store::Actor verified = actor;
  verified.reason += (actor.reason.empty() ? "" : " ") + std::string("(verified at the partner: ") +
                     verdict.remote_status + ")";
  report.add(actions.resolve(**target, remote_id, verified, now_ms()));
  return report.exit_code();
}

}  // namespace

ArgParser resolve_parser() {
  ArgParser parser("payq resolve REF --remote-id ID [--by NAME] [--reason TEXT]",
                   "Attach the payment request a person found at the partner to an on_hold intent, after asking the\n"
                   "partner (GET /payment/request/ID) that it carries this intent's reference_id; the daemon then\n"
                   "polls it like any other. Needs the API settings and the client secret, like payq run.\n"
                   "Exit 11: the partner denies it (not found, another reference); 12: could not ask, try again;\n"
                   "6: another intent has the remote id; 13: the intent is not on_hold.");
  parser.positional("REF", "the intent's reference_id")
      .option("remote-id", "ID", "the partner's payment request id")
      .option("by", "NAME", "who acts, recorded with the transition (default $SUDO_USER, else $USER)")
      .option("reason", "TEXT", "why, recorded with the transition");
  return parser;
}

int run_resolve(CommandContext& ctx) {
  ArgParser parser = resolve_parser();
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  const auto remote_id = parser.value("remote-id");
  if (!remote_id || remote_id->empty()) {
    return fail(ctx.err, {StatusCode::kInvalidArgument, "--remote-id is required"});
  }
  auto actor = read_actor(parser, config::process_env());
  if (!actor) return fail(ctx.err, actor.status());
  return resolve_verified(ctx, *actor, *parser.positional_value("REF"), *remote_id);
}

}  // namespace payq::cli
