# integration/prometheus_check.awk — a strict reader of the Prometheus text format 0.0.4, for the metrics tests.
# Fails (exit 1, one line per problem on stderr) when: a line is neither a comment nor a sample; a sample belongs to
# no family declared by a TYPE line; a TYPE is unknown or declared twice; a counter is not named *_total; a label
# value is badly quoted or escaped; a value is not a number; a histogram's buckets are not cumulative, do not end
# at le="+Inf", or +Inf differs from _count. Prints "FAMILIES n SAMPLES m" on success.
function problem(msg) { print "line " NR ": " msg ": " $0 > "/dev/stderr"; bad++ }
function is_number(v) { return v ~ /^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/ || v == "+Inf" || v == "-Inf" || v == "NaN" }
# Parses "{a="x",b="y"}" at the start of s into labels_out (without le) and le; returns the rest of s, or "" + sets err.
function parse_labels(s,    c, key, val, i, n) {
  parsed_le = ""; parsed_key = ""; err = 0
  if (substr(s, 1, 1) != "{") return s
  s = substr(s, 2)
  while (1) {
    if (substr(s, 1, 1) == "}") return substr(s, 2)
    if (!match(s, /^[a-zA-Z_][a-zA-Z0-9_]*="/)) { err = 1; return "" }
    key = substr(s, 1, RLENGTH - 2); s = substr(s, RLENGTH + 1); val = ""
    n = length(s)
    for (i = 1; i <= n; i++) {
      c = substr(s, i, 1)
      if (c == "\\") {
        c = substr(s, i + 1, 1)
        if (c != "\\" && c != "\"" && c != "n") { err = 1; return "" }
        val = val "\\" c; i++
      } else if (c == "\"") break
      else if (c == "\n") { err = 1; return "" }
      else val = val c
    }
    if (i > n) { err = 1; return "" }
    s = substr(s, i + 1)
    if (key == "le") parsed_le = val; else parsed_key = parsed_key key "=" val ","
    if (substr(s, 1, 1) == ",") s = substr(s, 2)
    else if (substr(s, 1, 1) != "}") { err = 1; return "" }
  }
}
/^# HELP / { help[$3] = 1; next }
/^# TYPE / {
  if ($4 !~ /^(counter|gauge|histogram|summary|untyped)$/) problem("unknown type " $4)
  if ($3 in type) problem("family declared twice")
  if ($4 == "counter" && $3 !~ /_total$/) problem("counter not named *_total")
  if (!($3 in help)) problem("TYPE without HELP")
  type[$3] = $4; families++; next
}
/^#/ { next }
/^$/ { next }
{
  if (!match($0, /^[a-zA-Z_:][a-zA-Z0-9_:]*/)) { problem("not a sample"); next }
  name = substr($0, 1, RLENGTH); rest = parse_labels(substr($0, RLENGTH + 1))
  if (err) { problem("bad labels"); next }
  if (substr(rest, 1, 1) != " ") { problem("no space before the value"); next }
  value = substr(rest, 2); sub(/ [0-9]+$/, "", value)  # an optional timestamp
  if (!is_number(value)) { problem("not a number: " value); next }
  samples++
  if (name in type) {
    if (type[name] == "histogram") problem("histogram sample without suffix")
    next
  }
  base = name; suffix = ""
  if (sub(/_bucket$/, "", base)) suffix = "bucket"
  else if (sub(/_sum$/, "", base)) suffix = "sum"
  else if (sub(/_count$/, "", base)) suffix = "count"
  if (suffix == "" || !(base in type) || type[base] != "histogram") { problem("sample of no declared family"); next }
  series = base "|" parsed_key
  if (suffix == "bucket") {
    if (parsed_le == "") { problem("bucket without le"); next }
    if (series in last_bucket && value + 0 < last_bucket[series] + 0) problem("buckets not cumulative")
    if (series in last_le && last_le[series] == "+Inf") problem("bucket after +Inf")
    if (series in last_le && parsed_le != "+Inf" && parsed_le + 0 <= last_le[series] + 0) problem("le not increasing")
    last_bucket[series] = value; last_le[series] = parsed_le
  } else if (suffix == "count") {
    if (!(series in last_le) || last_le[series] != "+Inf") problem("histogram without a +Inf bucket")
    else if (last_bucket[series] + 0 != value + 0) problem("+Inf bucket " last_bucket[series] " differs from _count")
    counted[series] = 1
  }
}
END {
  for (series in last_le) if (!(series in counted)) { print "histogram " series " has no _count" > "/dev/stderr"; bad++ }
  if (bad) exit 1
  print "FAMILIES " families " SAMPLES " samples
}
