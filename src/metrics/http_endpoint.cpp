// metrics/http_endpoint.cpp — stop() repeats httplib's stop() (a no-op until listening) until listen returned.
// Only GET /metrics exists (anything else: 404); SO_REUSEADDR only, so a port in use is refused, never shared.
#include "metrics/http_endpoint.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include <httplib.h>

namespace payq::metrics {

struct HttpEndpoint::Server {
  httplib::Server http;
};

namespace {

constexpr std::size_t kServingThreads = 2;  // a scrape is a copy of a few hundred numbers: two are plenty
constexpr std::chrono::seconds kReadTimeout{5};

}  // namespace

Result<std::unique_ptr<HttpEndpoint>> HttpEndpoint::start(const config::ListenAddress& address,
                                                          const Registry& registry) {
  auto server = std::make_unique<Server>();
  server->http.new_task_queue = [] { return new httplib::ThreadPool(kServingThreads); };
  server->http.set_read_timeout(kReadTimeout);
  // httplib's default adds SO_REUSEPORT, which lets a second program share a port in use instead of failing.
  server->http.set_socket_options([](socket_t socket) {
    const int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server->http.Get("/metrics", [&registry](const httplib::Request&, httplib::Response& response) {
    std::ostringstream text;
    write_exposition(text, registry.families());
    response.set_content(text.str(), std::string(kContentType).c_str());
  });
  errno = 0;
  if (!server->http.bind_to_port(address.host, address.port)) {
    const std::string why = errno != 0 ? std::strerror(errno) : "not an address of this host";
    return Status(StatusCode::kConfig, "metrics.listen: cannot listen on " + config::to_string(address) + ": " + why);
  }
  return std::unique_ptr<HttpEndpoint>(new HttpEndpoint(std::move(server)));
}

HttpEndpoint::HttpEndpoint(std::unique_ptr<Server> server) : server_(std::move(server)) {}

void HttpEndpoint::serve() {
  thread_ = std::jthread([this] {
    server_->http.listen_after_bind();
    finished_.store(true);
  });
}

HttpEndpoint::~HttpEndpoint() { stop(); }

void HttpEndpoint::stop() {
  while (thread_.joinable() && !finished_.load()) {
    server_->http.stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (thread_.joinable()) thread_.join();
}

}  // namespace payq::metrics
