// sandbox/drop_connection.h — closes the connection a request came in on without answering it, which
// cpp-httplib has no API for: the socket is found by its address pair and shut down. Thread-safe.
#pragma once

#include <httplib.h>

namespace payq::sandbox {

// true when the socket was found and shut down; httplib's own answer then goes nowhere.
bool drop_connection(const httplib::Request& request);

}  // namespace payq::sandbox
