// cli/exit_codes.h — the exit codes of every payq command. A contract with operators' scripts:
// documented in the README, never renumbered, never reused for another meaning.
#pragma once

#include "payq/status.h"

namespace payq::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitIncomplete = 1,      // ran, but not everything succeeded (rejected import lines, failed or held intents)
  kExitUsage = 2,           // bad command line
  kExitConfig = 3,          // configuration missing or invalid
  kExitDatabase = 4,        // database could not be opened, migrated or written
  kExitNotFound = 5,        // no such intent or file
  kExitConflict = 6,        // the intent exists with other content; a request may exist (--force); a taken remote id
  kExitAlreadyRunning = 7,  // another payq run holds the database
  kExitTimeout = 8,         // payq wait gave up
  kExitInternal = 10,       // a bug: an invariant broke
  kExitUnhealthy = 9,       // payq status: work waits and no API call succeeded for --unhealthy-after
  kExitNotConfirmed = 11,   // payq resolve: the partner denies the remote id (not found, another reference)
  kExitTryAgain = 12,       // payq resolve: the partner could not be asked (429, 5xx, network); nothing changed
  kExitRefusedByState = 13, // operator action: the intent's state does not allow it (or changed meanwhile)
};

// The one mapping from a Status to an exit code.
int exit_code_for(const Status& status);

}  // namespace payq::cli
