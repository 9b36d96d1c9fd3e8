// daemon/settings.h — translates the validated Config into the settings structs of api/, limiter/ and worker/,
// so those folders never depend on how the config file spells things.
#pragma once

#include "api/api_settings.h"
#include "config/config.h"
#include "limiter/limiter.h"
#include "worker/worker_context.h"

namespace payq::daemon {

api::ApiSettings api_settings_from(const config::Config& config);
limiter::LimiterOptions limiter_options(const config::Config& config);
worker::WorkerSettings worker_settings(const config::Config& config);

}  // namespace payq::daemon
