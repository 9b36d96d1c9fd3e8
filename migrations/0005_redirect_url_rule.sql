-- 0005_redirect_url_rule.sql — redirect_url held to the one URL rule of the C++ code (src/api/url.cpp), which the
-- 0001 CHECK only approximates: no user information before the host, a well-formed host and port. SQLite cannot
-- alter a CHECK, so this BEFORE INSERT trigger refuses what the CHECK lets through (redirect_url never changes).
-- Not mirrored: the C++ code also asks inet_pton whether a bracketed IPv6 host is a valid address; here only its
-- characters are checked.

-- It runs on what the CHECK redirect_url_absolute_http_with_host lets through (repeated in WHEN), and on a host
-- starting with ':' or '@' ("https://:pw@x.example/"), which the CHECK refuses without saying why. The common
-- case skips the body: A, everything up to the first '/', is a name of letters, digits, '-' and '.' starting
-- with a letter, with no empty label and no label starting with a digit. The C++ rule always accepts that (A
-- then holds no '?', '#', ':' or '@', so it is the whole authority); the body's checks run for the rest.
CREATE TRIGGER payment_intents_redirect_url_rule BEFORE INSERT ON payment_intents
  WHEN length(NEW.redirect_url) <= 2048 AND NEW.redirect_url NOT GLOB '*[^!-~]*'
   AND ((NEW.redirect_url GLOB 'https://?*' AND substr(NEW.redirect_url, 9, 1) NOT IN ('/', '?', '#'))
     OR (NEW.redirect_url GLOB 'http://?*' AND substr(NEW.redirect_url, 8, 1) NOT IN ('/', '?', '#')))
   AND NOT (SELECT a GLOB '[A-Za-z]*' AND a NOT GLOB '*[^-A-Za-z0-9.]*' AND a NOT GLOB '*..*' AND a NOT GLOB '*.'
                   AND a NOT GLOB '*.[0-9]*'
              FROM (SELECT substr(substr(NEW.redirect_url, CASE WHEN NEW.redirect_url GLOB 'https://*' THEN 9 ELSE 8 END), 1, instr(substr(NEW.redirect_url, CASE WHEN NEW.redirect_url GLOB 'https://*' THEN 9 ELSE 8 END) || '/', '/') - 1) AS a))
BEGIN
  -- Each derived table ends in LIMIT 1 OFFSET 0: SQLite then computes it once instead of flattening it into its
  -- user, which copies the expressions level by level and made preparing an INSERT take tens of milliseconds.
  -- r: the URL after "://"; a: the authority (up to the first '/', '?' or '#'); host: a without the port.
  SELECT RAISE(ABORT, 'redirect_url: must not hold user information ("user:password@" before the host)')
    FROM (SELECT substr(r, 1, min(CASE instr(r, '/') WHEN 0 THEN length(r) + 1 ELSE instr(r, '/') END,
                                  CASE instr(r, '?') WHEN 0 THEN length(r) + 1 ELSE instr(r, '?') END,
                                  CASE instr(r, '#') WHEN 0 THEN length(r) + 1 ELSE instr(r, '#') END) - 1) AS a
            FROM (SELECT substr(NEW.redirect_url, CASE WHEN NEW.redirect_url GLOB 'https://*' THEN 9 ELSE 8 END) AS r LIMIT 1 OFFSET 0) LIMIT 1 OFFSET 0)
   WHERE a GLOB '*@*';

  SELECT RAISE(ABORT, 'redirect_url: has an invalid IPv6 address as its host')
    FROM (SELECT substr(r, 1, min(CASE instr(r, '/') WHEN 0 THEN length(r) + 1 ELSE instr(r, '/') END,
                                  CASE instr(r, '?') WHEN 0 THEN length(r) + 1 ELSE instr(r, '?') END,
                                  CASE instr(r, '#') WHEN 0 THEN length(r) + 1 ELSE instr(r, '#') END) - 1) AS a
            FROM (SELECT substr(NEW.redirect_url, CASE WHEN NEW.redirect_url GLOB 'https://*' THEN 9 ELSE 8 END) AS r LIMIT 1 OFFSET 0) LIMIT 1 OFFSET 0)
   WHERE a GLOB '[[]*'
     AND (instr(a, ']') < 3 OR substr(a, 2, instr(a, ']') - 2) GLOB '*[^0-9A-Fa-f:.]*'
          OR substr(a, 2, instr(a, ']') - 2) NOT GLOB '*:*');

  SELECT RAISE(ABORT, 'redirect_url: has an invalid host name')
    FROM (SELECT CASE instr(a, ':') WHEN 0 THEN a ELSE substr(a, 1, instr(a, ':') - 1) END AS host
            FROM (SELECT substr(r, 1, min(CASE instr(r, '/') WHEN 0 THEN length(r) + 1 ELSE instr(r, '/') END,
                                  CASE instr(r, '?') WHEN 0 THEN length(r) + 1 ELSE instr(r, '?') END,
                                  CASE instr(r, '#') WHEN 0 THEN length(r) + 1 ELSE instr(r, '#') END) - 1) AS a
            FROM (SELECT substr(NEW.redirect_url, CASE WHEN NEW.redirect_url GLOB 'https://*' THEN 9 ELSE 8 END) AS r LIMIT 1 OFFSET 0) LIMIT 1 OFFSET 0) WHERE a NOT GLOB '[[]*' LIMIT 1 OFFSET 0)
   WHERE host = '' OR host GLOB '*[^-A-Za-z0-9._~]*' OR host GLOB '.*' OR host GLOB '*..*';

  -- A name whose last label starts with a digit is an IPv4 address to libcurl: only a plain dotted quad.
  SELECT RAISE(ABORT, 'redirect_url: has a numeric host that is not a dotted-quad IPv4 address')
    FROM (SELECT h, substr(h, length(rtrim(h, replace(h, '.', ''))) + 1) AS last_label,
                 substr(h, 1, instr(h, '.') - 1) AS o1, substr(h, instr(h, '.') + 1) AS t1
            FROM (SELECT CASE WHEN host GLOB '*.' THEN substr(host, 1, length(host) - 1) ELSE host END AS h
            FROM (SELECT CASE instr(a, ':') WHEN 0 THEN a ELSE substr(a, 1, instr(a, ':') - 1) END AS host
            FROM (SELECT substr(r, 1, min(CASE instr(r, '/') WHEN 0 THEN length(r) + 1 ELSE instr(r, '/') END,
                                  CASE instr(r, '?') WHEN 0 THEN length(r) + 1 ELSE instr(r, '?') END,
                                  CASE instr(r, '#') WHEN 0 THEN length(r) + 1 ELSE instr(r, '#') END) - 1) AS a
            FROM (SELECT substr(NEW.redirect_url, CASE WHEN NEW.redirect_url GLOB 'https://*' THEN 9 ELSE 8 END) AS r LIMIT 1 OFFSET 0) LIMIT 1 OFFSET 0) WHERE a NOT GLOB '[[]*' LIMIT 1 OFFSET 0) LIMIT 1 OFFSET 0) LIMIT 1 OFFSET 0)
   WHERE last_label GLOB '[0-9]*'
     AND NOT (h NOT GLOB '*[^0-9.]*' AND length(h) - length(replace(h, '.', '')) = 3
              AND (SELECT count(*) FROM (SELECT o1 AS o UNION ALL SELECT substr(t1, 1, instr(t1, '.') - 1)
                                         UNION ALL SELECT substr(substr(t1, instr(t1, '.') + 1), 1,
                                                                 instr(substr(t1, instr(t1, '.') + 1), '.') - 1)
                                         UNION ALL SELECT substr(substr(t1, instr(t1, '.') + 1),
                                                                 instr(substr(t1, instr(t1, '.') + 1), '.') + 1))
                    WHERE o <> '' AND length(o) <= 3 AND NOT (length(o) > 1 AND o GLOB '0*')
                      AND CAST(o AS INTEGER) <= 255) = 4);

  SELECT RAISE(ABORT, 'redirect_url: has an invalid port (1 to 65535 after the host)')
    FROM (SELECT CASE WHEN a GLOB '[[]*' THEN CASE WHEN substr(a, instr(a, ']') + 1) = '' THEN NULL
                                                   WHEN substr(a, instr(a, ']') + 1) GLOB ':*' THEN substr(a, instr(a, ']') + 2)
                                                   ELSE 'x' END
                      WHEN instr(a, ':') = 0 THEN NULL
                      ELSE substr(a, instr(a, ':') + 1) END AS port
            FROM (SELECT substr(r, 1, min(CASE instr(r, '/') WHEN 0 THEN length(r) + 1 ELSE instr(r, '/') END,
                                  CASE instr(r, '?') WHEN 0 THEN length(r) + 1 ELSE instr(r, '?') END,
                                  CASE instr(r, '#') WHEN 0 THEN length(r) + 1 ELSE instr(r, '#') END) - 1) AS a
            FROM (SELECT substr(NEW.redirect_url, CASE WHEN NEW.redirect_url GLOB 'https://*' THEN 9 ELSE 8 END) AS r LIMIT 1 OFFSET 0) LIMIT 1 OFFSET 0) LIMIT 1 OFFSET 0)
   WHERE port IS NOT NULL
     AND (port = '' OR port GLOB '*[^0-9]*' OR length(port) > 5 OR CAST(port AS INTEGER) NOT BETWEEN 1 AND 65535);
END;
