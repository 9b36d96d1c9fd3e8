// cli/exit_codes.h — the exit codes of every payq command. A contract with operators' scripts:
// documented in the README, never renumbered, never reused for another meaning.
#pragma once

#include <array>
#include <string_view>

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

// What each exit code means, in one sentence each: the EXIT STATUS section of payq(1) (the README says more).
struct ExitCodeMeaning {
  int code;
  std::string_view meaning;
};
inline constexpr std::array kExitCodeMeanings = {
    ExitCodeMeaning{kExitOk, "success (import: no line rejected; enqueue: stored, or already present alike)"},
    ExitCodeMeaning{kExitIncomplete, "ran, but not everything succeeded (rejected import lines; wait: some intents "
                                     "failed, are on hold or were cancelled)"},
    ExitCodeMeaning{kExitUsage, "bad command line or bad value (the message names the option or field)"},
    ExitCodeMeaning{kExitConfig, "configuration missing or invalid"},
    ExitCodeMeaning{kExitDatabase, "the database could not be opened, migrated or written"},
    ExitCodeMeaning{kExitNotFound, "no such intent, file or database; no intent matches"},
    ExitCodeMeaning{kExitConflict, "conflict: the reference exists with other content, a payment request may exist "
                                   "(cancel without --force), or another intent has the remote id"},
    ExitCodeMeaning{kExitAlreadyRunning, "another payq run holds the database"},
    ExitCodeMeaning{kExitTimeout, "payq wait gave up (--timeout passed)"},
    ExitCodeMeaning{kExitUnhealthy, "payq status: unhealthy"},
    ExitCodeMeaning{kExitInternal, "internal error (a bug)"},
    ExitCodeMeaning{kExitNotConfirmed, "payq resolve: the partner does not confirm the remote id"},
    ExitCodeMeaning{kExitTryAgain, "payq resolve: the partner could not be asked; try again"},
    ExitCodeMeaning{kExitRefusedByState, "operator action: the intent's state does not allow it, or it changed "
                                         "after it was selected"},
};

// The one mapping from a Status to an exit code.
int exit_code_for(const Status& status);

}  // namespace payq::cli
