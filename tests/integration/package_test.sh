#!/usr/bin/env bash
# integration/package_test.sh BUILD_DIR PAYQ — builds the .deb with CPack and checks its files, control files, lintian
# verdict and Depends; then dpkg installs it into a throwaway root (never /) to check what the unit names is there.
# The root install runs the real postinst (--force-script-chrootless, DPKG_ROOT): the payq user, /var/lib/payq 0750
# payq:payq, the service user creating its database and a payq group member reading it. Needs root (skips 77).
source "$(dirname "$0")/lib.sh"
build=$1
payq=$2
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root to install into a throwaway root and to switch users"; exit 77; }
unset PAYQ_CONFIG PAYQ_CLIENT_SECRET

expect_exit 0 "cpack -G DEB" -- cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg"
deb=$(ls "$work"/pkg/payq_*.deb 2>/dev/null | head -n 1)
checks=$((checks + 1))
[ -n "$deb" ] || { fail "no payq_*.deb in $work/pkg: $out $err"; finish; exit 1; }

expect_exit 0 "dpkg-deb -f" -- dpkg-deb -f "$deb" Package Version Architecture Maintainer Depends Description
expect_contains "package name" "$out" "Package: payq"
expect_contains "maintainer" "$out" "Maintainer: "
expect_contains "description" "$out" "durable payment job-queue daemon"
depends=$(dpkg-deb -f "$deb" Depends)
version=$(dpkg-deb -f "$deb" Version)

# The files, and nothing else: no headers, no /var (the postinst makes /var/lib/payq).
expect_exit 0 "dpkg-deb -c" -- dpkg-deb -c "$deb"
listing=$out
files=$(echo "$listing" | awk '$1 !~ /^d/ { print $6 }' | sort)
expected=$(printf '%s\n' ./etc/payq/payq.yaml ./usr/bin/payq ./usr/lib/systemd/system/payq.service \
  ./usr/lib/sysusers.d/payq.conf ./usr/lib/tmpfiles.d/payq.conf ./usr/share/doc/payq/README.md \
  ./usr/share/doc/payq/changelog.gz ./usr/share/doc/payq/copyright ./usr/share/doc/payq/payq.example.yaml \
  ./usr/share/doc/payq/sample-intents.csv ./usr/share/man/man1/payq.1.gz \
  ./usr/share/bash-completion/completions/payq | sort)
expect_eq "files in the package" "$files" "$expected"
mode_of() { echo "$listing" | awk -v f="$1" '$6 == f { print $1, $2 }'; }
expect_eq "the binary is executable, root's" "$(mode_of ./usr/bin/payq)" "-rwxr-xr-x root/root"
expect_eq "the config is root's, readable by the service" "$(mode_of ./etc/payq/payq.yaml)" "-rw-r--r-- root/root"

# Control files: a postinst and the conffiles list, no other maintainer script.
mkdir -p "$work/control"
dpkg-deb -e "$deb" "$work/control"
expect_eq "control files" "$(ls "$work/control" | tr '\n' ' ')" "conffiles control md5sums postinst "
expect_eq "conffiles" "$(cat "$work/control/conffiles")" "/etc/payq/payq.yaml"
expect_eq "postinst is executable" "$(stat -c %a "$work/control/postinst")" "755"
expect_exit 0 "postinst is valid sh" -- sh -n "$work/control/postinst"
expect_eq "the changelog's newest entry is this version" \
  "$(dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/share/doc/payq/changelog.gz | gzip -dc | head -n 1 |
     sed 's/^payq (\([^)]*\)).*/\1/')" "$version"

# lintian: no error, and no warning unless it is accepted here with its reason (none is, today).
# Info-level tags (hardening flags, the .comment section, no init.d script) are shown, not judged.
accepted_warnings=""
expect_exit 0 "lintian runs" -- lintian --display-level '>=pedantic' "$deb"
[ -z "$out" ] || echo "$out"
if [ "$(echo "$out" | grep -c '^E: ')" -ne 0 ]; then
  fail "lintian reports errors: $(echo "$out" | grep '^E: ')"
fi
for tag in $(echo "$out" | awk '$1 == "W:" { print $3 }' | sort -u); do
  case " $accepted_warnings " in *" $tag "*) ;; *) fail "lintian warning $tag is not an accepted one" ;; esac
done

# Every shared library the binary needs comes from a package named in Depends.
for soname in $(objdump -p "$payq" | awk '$1 == "NEEDED" { print $2 }'); do
  path=$(ldd "$payq" | awk -v so="$soname" '$1 == so { print $3 }')
  owner=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null)
  pkg=${owner%%:*}
  checks=$((checks + 1))
  [ -n "$pkg" ] || { fail "$soname ($path): no Debian package owns it"; continue; }
  case ", $depends" in *", $pkg"[\ ,]* | *", $pkg") ;; *) fail "$soname comes from $pkg, which Depends lacks: $depends" ;; esac
done
echo "Depends: $depends"

# --- Install into a throwaway root. Its dpkg database lists this host's copies of the Depends (with empty file
# lists), so dpkg checks the versions Depends asks for against Debian 12's as installed here.
root=$work/root
chmod 0755 "$work"  # the service user and the reporting user below must reach into it
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/available"
dep_names=$(echo "$depends" | sed 's/([^)]*)//g; s/,/ /g')
dpkg-query -s $dep_names >"$root/var/lib/dpkg/status"
for p in $(dpkg-query -W -f '${binary:Package}\n' $dep_names); do : >"$root/var/lib/dpkg/info/$p.list"; done
# What the install would change on this host if it leaked out of the root (other tests may add users meanwhile).
host_state() { grep -h '^payq:' /etc/passwd /etc/group /etc/shadow /etc/gshadow; ls -d /var/lib/payq /etc/payq 2>&1; }
host_before=$(host_state)
dpkg_root=(dpkg --root="$root" --force-not-root --force-script-chrootless)
expect_exit 0 "dpkg --root -i (postinst runs chrootless)" -- "${dpkg_root[@]}" -i "$deb" </dev/null
echo "$out"
echo "$err"
expect_contains "postinst created the group" "$err" "Creating group 'payq'"
expect_contains "postinst created the user" "$err" "Creating user 'payq'"
expect_eq "dpkg says installed" "$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${Status}' payq)" \
  "install ok installed"
expect_eq "the host's users, groups, /var/lib/payq and /etc/payq are untouched" "$(host_state)" "$host_before"

# What the unit names exists in the root.
unit=$root/usr/lib/systemd/system/payq.service
config=$root/etc/payq/payq.yaml
unit_value() { sed -n "s/^$1=//p" "$unit"; }
exec_start=$(unit_value ExecStart)
expect_eq "ExecStart" "$exec_start" "/usr/bin/payq --config /etc/payq/payq.yaml run"
checks=$((checks + 1))
[ -x "$root${exec_start%% *}" ] || fail "ExecStart's binary ${exec_start%% *} is not in the root"
config_path=$(echo "$exec_start" | sed 's/.*--config \([^ ]*\).*/\1/')
checks=$((checks + 1))
[ -f "$root$config_path" ] || fail "ExecStart's config $config_path is not in the root"
expect_eq "User= and Group=" "$(unit_value User) $(unit_value Group)" "payq payq"
expect_eq "StateDirectory= and its mode" "$(unit_value StateDirectory) $(unit_value StateDirectoryMode)" "payq 0750"
yaml_value() { awk -v section="$1:" -v key="  $2:" '$0 == section { s = 1; next } /^[^ #]/ { s = 0 }
  s && index($0, key) == 1 { print $2; exit }' "$config"; }
expect_eq "the config's database is in the StateDirectory" "$(yaml_value database path)" \
  "/var/lib/$(unit_value StateDirectory)/payq.db"
credential=$(unit_value LoadCredential)
expect_eq "LoadCredential=" "$credential" "client_secret:/etc/payq/client_secret"
expect_eq "the config reads that credential" "$(yaml_value api client_secret_file)" \
  "/run/credentials/payq.service/${credential%%:*}"

# The user and the directory the postinst made, by the root's own passwd and group.
user_line=$(grep '^payq:' "$root/etc/passwd")
uid=$(echo "$user_line" | cut -d: -f3)
gid=$(grep '^payq:' "$root/etc/group" | cut -d: -f3)
checks=$((checks + 1))
[ -n "$uid" ] && [ -n "$gid" ] && [ "$uid" -lt 1000 ] || fail "no payq system user and group in the root: $user_line"
expect_eq "payq's primary group, home and shell" "$(echo "$user_line" | cut -d: -f4,6,7)" \
  "$gid:/var/lib/payq:/usr/sbin/nologin"
expect_eq "/var/lib/payq" "$(stat -c '%F %a %u:%g' "$root/var/lib/payq")" "directory 750 $uid:$gid"

# The installed config as is: everything parses; the credential exists only inside the running service.
expect_exit 3 "check-config on the installed config outside the service" -- "$root/usr/bin/payq" --config "$config" \
  check-config
expect_eq "one complaint" "$(echo "$err" | wc -l)" "1"
expect_contains "only the credential is missing" "$err" \
  "api.client_secret_file (line $(grep -n 'client_secret_file:' "$config" | cut -d: -f1), column 23): cannot use \
\"/run/credentials/payq.service/client_secret\": No such file or directory"
# With the secret where the service would read it, the service user may run with it on its database.
install -m 0600 -o "$uid" -g "$gid" /dev/null "$work/client_secret"
echo "package-test-secret" >"$work/client_secret"
sed "s#/run/credentials/payq.service/client_secret#$work/client_secret#" "$config" >"$work/service.yaml"
chmod 0644 "$work/service.yaml"
db=$root/var/lib/payq/payq.db
as_service() { setpriv --reuid="$uid" --regid="$gid" --clear-groups "$root/usr/bin/payq" "$@"; }
expect_exit 0 "check-config as the service user, secret in place" -- as_service --config "$work/service.yaml" \
  --db "$db" check-config
expect_contains "usable, directory writable" "$out" \
  "# OK: valid and usable by the daemon; the database's directory is writable"

# The service user writes the database; a member of the payq group reads it, anyone else cannot.
printf 'reference_id,amount,currency,redirect_url,batch\nPKG-1,5.00,EUR,https://s.example/r,b1\n' >"$work/in.csv"
chmod 0644 "$work/in.csv"
expect_exit 0 "the service user imports" -- as_service --db "$db" import "$work/in.csv"
expect_eq "the database" "$(stat -c '%a %u:%g' "$db")" "640 $uid:$gid"
# The member reads the installed config too (world-readable; read commands never need the secret).
as_member() { setpriv --reuid=nobody --regid=nogroup --groups="$gid" "$root/usr/bin/payq" --config "$config" \
  --db "$db" "$@"; }
expect_exit 0 "list as a payq group member" -- as_member list
expect_contains "the member sees the intent" "$out" "PKG-1"
expect_exit 0 "report as a payq group member" -- as_member report
expect_exit 0 "status as a payq group member" -- as_member status
checks=$((checks + 1))
if setpriv --reuid=nobody --regid=nogroup --clear-groups "$root/usr/bin/payq" --db "$db" list >/dev/null 2>&1; then
  fail "a user outside the payq group read the database"
fi

# An edited conffile survives a reinstall without a question; purge removes it and keeps the ledger and the user.
sed -i 's/^  level: info$/  level: debug/' "$config"
expect_exit 0 "dpkg --root -i again" -- "${dpkg_root[@]}" -i "$deb" </dev/null
expect_contains "the edit is kept" "$(cat "$config")" "level: debug"
expect_exit 0 "dpkg --root --purge" -- "${dpkg_root[@]}" --purge payq </dev/null
checks=$((checks + 1))
[ ! -e "$config" ] || fail "purge left $config"
expect_eq "purge keeps the database" "$(stat -c '%a %u:%g' "$db" 2>&1)" "640 $uid:$gid"
expect_contains "purge keeps the user" "$(cat "$root/etc/passwd")" "payq:x:$uid:$gid:"
expect_eq "the host is still untouched" "$(host_state)" "$host_before"
finish
