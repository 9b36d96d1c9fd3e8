// unit/daemon/process_guard_test.cpp — guard_process turns core dumps off (PR_SET_DUMPABLE 0, RLIMIT_CORE 0).
// It changes the calling process for good, so it runs in a forked child that reports back by exit status.
#include "daemon/process_guard.h"

#include <doctest/doctest.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace payq::daemon {
namespace {

// In the child: 0 when both settings took, else a bit per one that did not.
int guarded_child() {
  guard_process(config::ApiConfig{});  // no secret file: nothing to warn about, nothing logged
  int problems = 0;
  if (::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0) problems |= 1;
  rlimit core{};
  if (::getrlimit(RLIMIT_CORE, &core) != 0 || core.rlim_cur != 0 || core.rlim_max != 0) problems |= 2;
  return problems;
}

TEST_CASE("guard_process: no core dumps, and no core size to write one with") {
  const int dumpable_before = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) ::_exit(guarded_child());
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK_MESSAGE((WEXITSTATUS(status) & 1) == 0, "still dumpable");
  CHECK_MESSAGE((WEXITSTATUS(status) & 2) == 0, "core size limit is not 0");
  CHECK(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == dumpable_before);  // the test process itself is untouched
}

}  // namespace
}  // namespace payq::daemon
