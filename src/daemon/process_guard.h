// daemon/process_guard.h — keeps the client secret out of core dumps and away from other processes of the
// same user, and warns when its file is readable by everyone. Process-wide settings; call once, at start.
#pragma once

#include "config/config.h"

namespace payq::daemon {

// PR_SET_DUMPABLE 0 (no core dump, no ptrace or /proc/PID/mem or /proc/PID/environ for other processes of our
// user) and a core size limit of 0, then a warning when api.client_secret_file is readable by others. A
// failure to change a setting is a warning, not fatal: systemd's LimitCORE=0 covers the same ground.
void guard_process(const config::ApiConfig& api);

}  // namespace payq::daemon
