#!/usr/bin/env bash
# integration/package_test.sh BUILD_DIR PAYQ — builds the .deb with CPack into a scratch directory and checks
# with dpkg-deb that it holds the binary, the unit and the docs (nothing else), and that its Depends name the
# Debian package of every library the binary links (objdump -p NEEDED, resolved with ldd and dpkg -S).
source "$(dirname "$0")/lib.sh"
build=$1
payq=$2

expect_exit 0 "cpack -G DEB" -- cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg"
deb=$(ls "$work"/pkg/payq_*.deb 2>/dev/null | head -n 1)
checks=$((checks + 1))
[ -n "$deb" ] || { fail "no payq_*.deb in $work/pkg: $out $err"; finish; exit 1; }

expect_exit 0 "dpkg-deb -f" -- dpkg-deb -f "$deb" Package Architecture Maintainer Depends Description
expect_contains "package name" "$out" "Package: payq"
expect_contains "maintainer" "$out" "Maintainer: "
expect_contains "description" "$out" "durable payment job-queue daemon"
depends=$(dpkg-deb -f "$deb" Depends)

expect_exit 0 "dpkg-deb -c" -- dpkg-deb -c "$deb"
files=$(echo "$out" | awk '$1 !~ /^d/ { print $6 }' | sort)
expected=$(printf '%s\n' ./usr/bin/payq ./usr/lib/systemd/system/payq.service ./usr/share/doc/payq/README.md \
  ./usr/share/doc/payq/payq.example.yaml ./usr/share/doc/payq/sample-intents.csv | sort)
expect_eq "files in the package (and nothing else: no /etc, no /var, no headers)" "$files" "$expected"
expect_contains "the binary is executable" "$(echo "$out" | grep ' ./usr/bin/payq$')" "-rwxr-xr-x"
expect_exit 0 "no maintainer scripts" -- dpkg-deb --ctrl-tarfile "$deb"
ctrl=$(dpkg-deb --ctrl-tarfile "$deb" | tar -t)
for script in preinst postinst prerm postrm; do
  case "$ctrl" in *"$script"*) fail "the package has a $script script: it must not create anything" ;; esac
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
finish
