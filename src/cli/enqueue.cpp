// cli/enqueue.cpp — `payq enqueue`: one intent through the producer API; prints its reference.
// Exit 0 when stored now or already present with the same content; 6 on a conflicting reference.
#include <ostream>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "payq/producer.h"

namespace payq::cli {

ArgParser enqueue_parser() {
  ArgParser parser("payq enqueue --amount A --currency C --redirect-url U [--reference-id R] [--batch B]",
                   "Store one payment intent and print its reference (generated when not given).\n"
                   "Re-enqueueing the same reference with the same content stores nothing and succeeds.");
  parser.option("amount", "A", "decimal string, e.g. 12.50 (at most the currency's minor digits)")
      .option("currency", "C", "ISO 4217 code, e.g. USD")
      .option("redirect-url", "U", "absolute http(s) URL the customer returns to")
      .option("reference-id", "R", "your unique key for this intent (1-128 visible ASCII)")
      .option("batch", "B", "tag for grouping, e.g. 2026-11-billing");
  return parser;
}

int run_enqueue(CommandContext& ctx) {
  ArgParser parser = enqueue_parser();
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  for (const char* required : {"amount", "currency", "redirect-url"}) {
    if (!parser.value(required)) {
      ctx.err << "payq: --" << required << " is required\n\n" << parser.help();
      return kExitUsage;
    }
  }
  // An empty reference is not "none": a retrying script passing an unset variable would enqueue twice.
  if (const auto reference = parser.value("reference-id"); reference && reference->empty()) {
    ctx.err << "payq: --reference-id must not be empty; leave the option out to have a reference generated\n";
    return kExitUsage;
  }
  auto config = load_command_config(ctx.global);
  if (!config) return fail(ctx.err, config.status());
  auto producer = Producer::open(config->database.location(), {.busy_timeout = config->database.busy_timeout,
                                                                .password_file = config->database.password_file});
  if (!producer) return fail(ctx.err, producer.status());
  auto receipt = (*producer)->enqueue({.reference_id = parser.value("reference-id").value_or(""),
                                       .amount = *parser.value("amount"),
                                       .currency = *parser.value("currency"),
                                       .redirect_url = *parser.value("redirect-url"),
                                       .batch = parser.value("batch")});
  if (!receipt) return fail(ctx.err, receipt.status());
  ctx.out << receipt->reference_id << "\n";
  if (receipt->outcome == EnqueueOutcome::kAlreadyPresent) {
    ctx.err << "payq: " << receipt->reference_id << " was already present with the same content; nothing stored\n";
  }
  return kExitOk;
}

}  // namespace payq::cli
