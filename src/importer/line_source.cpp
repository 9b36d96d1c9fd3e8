// importer/line_source.cpp — a bounded getline over the stream buffer: memory per line stays under the bound
// however long the line in the file is.
#include "importer/line_source.h"

namespace payq::importer {

bool LineSource::next(std::string& line) {
  line.clear();
  too_long_ = false;
  std::streambuf* buffer = in_.rdbuf();
  bool any = false;
  for (int c = buffer->sbumpc(); c != std::char_traits<char>::eof(); c = buffer->sbumpc()) {
    any = true;
    if (c == '\n') break;
    if (line.size() < max_bytes_) {
      line.push_back(static_cast<char>(c));
    } else {
      too_long_ = true;
    }
  }
  if (!any) return false;
  ++number_;
  if (!too_long_ && !line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace payq::importer
