// api/redact.cpp — one left-to-right pass over the text; at each position the longest match of any spelling
// of any credential is replaced. Lenient matching follows every way a byte may be spelled, so it needs no table.
#include "api/redact.h"

#include <algorithm>

#include "api/url.h"

namespace payq::api {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The value of `digits` hex digits at text[at], or -1.
int hex_at(std::string_view text, std::size_t at, std::size_t digits) {
  if (at + digits > text.size()) return -1;
  int value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const int digit = hex_value(text[at + i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// The byte a two-character JSON escape ("\n", "\/", ...) stands for, or -1.
int json_escaped(char c) {
  switch (c) {
    case '"': case '\\': case '/': return c;
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return -1;
  }
}

// Appends to `ends` the position just past each spelling of byte `c` that starts at text[at].
void spellings_of(char c, std::string_view text, std::size_t at, std::vector<std::size_t>& ends) {
  if (at >= text.size()) return;
  const int byte = static_cast<unsigned char>(c);
  const char t = text[at];
  if (t == c || (t == '+' && c == ' ')) ends.push_back(at + 1);
  if (t == '%' && hex_at(text, at + 1, 2) == byte) ends.push_back(at + 3);
  if (t != '\\' || at + 1 >= text.size()) return;
  if (json_escaped(text[at + 1]) == byte) ends.push_back(at + 2);
  if (text[at + 1] == 'u' && byte < 0x80 && hex_at(text, at + 2, 4) == byte) ends.push_back(at + 6);
}

bool may_start(char c, char t) { return t == c || t == '%' || t == '+' || t == '\\'; }

// Where the longest spelling of `credential` starting at text[start] ends, or 0 when none starts there.
// `at` and `next` are scratch space. A byte has at most three spellings from one position, and every set of
// reachable positions is kept without duplicates, so a run of '%' or '\' in a secret cannot blow up.
std::size_t match_end(std::string_view text, std::size_t start, std::string_view credential,
                      std::vector<std::size_t>& at, std::vector<std::size_t>& next) {
  if (!may_start(credential.front(), text[start])) return 0;
  at.assign(1, start);
  for (const char c : credential) {
    next.clear();
    for (const std::size_t position : at) spellings_of(c, text, position, next);
    if (next.empty()) return 0;
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    at.swap(next);
  }
  return at.back();
}

// A Base64 spelling as sent and without its '=' padding (some echo it stripped): the longer match wins.
void add_base64(std::vector<std::string>& spellings, const std::string& base64) {
  spellings.push_back(base64);
  std::string unpadded = base64;
  while (unpadded.ends_with('=')) unpadded.pop_back();
  if (unpadded != base64) spellings.push_back(std::move(unpadded));
}

}  // namespace

Redactor::Redactor(std::string_view client_id, std::string_view client_secret) {
  if (client_secret.empty()) return;
  credentials_.emplace_back(client_secret);
  const std::string basic_form = percent_encode(client_id) + ":" + percent_encode(client_secret);
  const std::string basic_raw = std::string(client_id) + ":" + std::string(client_secret);
  add_base64(exact_, base64_encode(basic_form));
  if (basic_raw != basic_form) add_base64(exact_, base64_encode(basic_raw));
}

Redactor Redactor::with(std::string_view credential) const {
  Redactor more = *this;
  if (!credential.empty()) more.credentials_.emplace_back(credential);
  return more;
}

std::string Redactor::operator()(std::string text) const {
  if (credentials_.empty() && exact_.empty()) return text;
  const std::string_view in = text;
  std::string out;
  out.reserve(text.size());
  std::vector<std::size_t> at;
  std::vector<std::size_t> next;
  for (std::size_t i = 0; i < in.size();) {
    std::size_t end = 0;
    for (const std::string& spelling : exact_) {
      if (in.substr(i).starts_with(spelling)) end = std::max(end, i + spelling.size());
    }
    for (const std::string& credential : credentials_) end = std::max(end, match_end(in, i, credential, at, next));
    if (end > i) {
      out += kMark;
      i = end;
    } else {
      out.push_back(in[i++]);
    }
  }
  return out;
}

}  // namespace payq::api
