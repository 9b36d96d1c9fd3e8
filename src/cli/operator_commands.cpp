// cli/operator_commands.cpp — `payq cancel`, `payq requeue`, `payq resolve`: a person's decisions, each one
// guarded UPDATE recorded as a transition (observed_by "operator", with the reason given). `resolve` first asks
// the partner (one GET, plus a token call, outside the daemon's limiter) whether the remote id is this intent's.
#include <chrono>
#include <utility>
#include <ostream>

#include "api/curl_global.h"
#include "api/curl_transport.h"
#include "api/payment_api.h"
#include "api/response_body.h"
#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
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

// Parses REF [--reason] (+ extra options), opens the database and applies `action`.
template <typename Action>
int run_operator_action(CommandContext& ctx, ArgParser& parser, const char* done, Action action) {
  parser.positional("REF", "the intent's reference_id").option("reason", "TEXT", "why, recorded with the transition");
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  auto db = open_command_database(ctx.global, /*create=*/false);
  if (!db) return fail(ctx.err, db.status());
  const std::string reference = *parser.positional_value("REF");
  store::OperatorActions actions(**db);
  if (Status s = action(**db, actions, reference, parser.value("reason").value_or("by operator")); !s) {
    return fail(ctx.err, s);
  }
  ctx.out << reference << ": " << done << "\n";
  return kExitOk;
}

// The config `payq run` uses: the API settings and the client secret are required.
Result<config::Config> load_api_config(const GlobalOptions& global) {
  const auto env = config::process_env();
  auto config = config::load_config_file(config::config_path(global.config_path, env), env);
  if (!config) return config.status();
  if (global.db_path) config->database.path = *global.db_path;
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
Verdict verify_at_partner(const config::Config& config, SQLite::Database& db, const std::string& reference,
                          const std::string& remote_id) {
  api::CurlGlobal curl;
  if (!curl.status()) return refused(kExitInternal, curl.status().message());
  const api::ApiSettings settings = daemon::api_settings_from(config);
  SystemClock clock;
  api::OpenGate gate;
  api::TokenCache tokens(clock, gate, settings);
  api::CurlTransport transport(settings);
  limiter::Limiter limiter(clock, daemon::limiter_options(config));
  store::CallLog log(db);
  worker::CallRecorder recorder(log, limiter);
  auto intent = store::IntentReader(db).find(reference);
  if (intent && *intent) recorder.serve((*intent)->id);
  api::PaymentApi api(transport, tokens, gate, clock, settings, recorder.sink());
  return judge(api.get(remote_id, reference), reference, remote_id);
}

}  // namespace

int run_cancel(CommandContext& ctx) {
  ArgParser parser("payq cancel REF [--reason TEXT] [--force]",
                   "Cancel an intent that has not been submitted yet (state queued). An intent flagged ambiguous\n"
                   "(an earlier attempt may have created a payment request at the partner) needs --force.");
  parser.flag("force", "cancel even when a payment request may exist at the partner (recorded with the transition)");
  return run_operator_action(ctx, parser, "cancelled", [&](SQLite::Database&, store::OperatorActions& a,
                                                           const std::string& ref, const std::string& reason) {
    return a.cancel(ref, reason, now_ms(), parser.flag_set("force"));
  });
}

int run_requeue(CommandContext& ctx) {
  ArgParser parser("payq requeue REF [--reason TEXT]",
                   "Queue a failed or on_hold intent again, due now, with a fresh attempt budget. For an ambiguous\n"
                   "intent, check the partner first: a request may already exist (then use payq resolve).");
  return run_operator_action(ctx, parser, "queued", [](SQLite::Database&, store::OperatorActions& a,
                                                       const std::string& ref, const std::string& reason) {
    return a.requeue(ref, reason, now_ms());
  });
}

int run_resolve(CommandContext& ctx) {
  ArgParser parser("payq resolve REF --remote-id ID [--reason TEXT]",
                   "Attach the payment request a person found at the partner to an on_hold intent, after asking the\n"
                   "partner (GET /payment/request/ID) that it carries this intent's reference_id; the daemon then\n"
                   "polls it like any other. Needs the API settings and the client secret, like payq run.\n"
                   "Exit 11: the partner denies it (not found, another reference); 12: could not ask, try again.");
  parser.option("remote-id", "ID", "the partner's payment request id");
  int refusal = kExitOk;
  const auto verify_then_resolve = [&](SQLite::Database& db, store::OperatorActions& a, const std::string& ref,
                                       const std::string& reason) {
    const auto remote_id = parser.value("remote-id");
    if (!remote_id || remote_id->empty()) return Status{StatusCode::kInvalidArgument, "--remote-id is required"};
    if (Status resolvable = a.check_resolvable(ref, *remote_id); !resolvable) return resolvable;
    auto config = load_api_config(ctx.global);
    if (!config) return Status{StatusCode::kConfig, config.status().message()};
    const Verdict verdict = verify_at_partner(*config, db, ref, *remote_id);
    if (verdict.exit_code != kExitOk) {
      refusal = verdict.exit_code;
      return Status{StatusCode::kConflict, verdict.message + "; nothing changed"};
    }
    return a.resolve(ref, *remote_id, reason + " (verified at the partner: " + verdict.remote_status + ")", now_ms());
  };
  const int code = run_operator_action(ctx, parser, "submitted", verify_then_resolve);
  return refusal != kExitOk ? refusal : code;
}

}  // namespace payq::cli
