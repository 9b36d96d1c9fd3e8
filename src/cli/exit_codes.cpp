// cli/exit_codes.cpp — the one mapping from a Status code to a process exit code.
// Every command ends through here, so the same failure always exits the same way.
#include "cli/exit_codes.h"

namespace payq::cli {

int exit_code_for(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument: return kExitUsage;
    case StatusCode::kConflict: return kExitConflict;
    case StatusCode::kNotFound: return kExitNotFound;
    case StatusCode::kBusy:
    case StatusCode::kDatabase:
    case StatusCode::kIo: return kExitDatabase;
    case StatusCode::kConfig: return kExitConfig;
    case StatusCode::kUnavailable: return kExitIncomplete;
    case StatusCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace payq::cli
