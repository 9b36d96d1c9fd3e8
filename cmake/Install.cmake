# cmake/Install.cmake — the daemon's files in FHS places (binary, systemd unit, sysusers.d and tmpfiles.d entries,
# docs, example config) and the CPack .deb built from them, which adds /etc/payq/payq.yaml, Debian's docs, a postinst.
set(PAYQ_DAEMON_COMPONENT daemon)
# Only in the .deb (EXCLUDE_FROM_ALL): a plain `cmake --install` never writes /etc or Debian's doc files.
set(PAYQ_DEB_COMPONENT deb)
set(PAYQ_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)
set(PAYQ_PACKAGING_BINARY_DIR ${PROJECT_BINARY_DIR}/packaging)
# Whoever builds the .deb for their machines names themselves: -DPAYQ_PACKAGE_MAINTAINER="Ops <ops@shop.tld>".
# The default is a reserved .example domain (lintian refuses a localhost address).
set(PAYQ_PACKAGE_MAINTAINER "payq maintainers <payq@payq.example>" CACHE STRING
    "Maintainer of the .deb: the control file's Maintainer field and the changelog's signature")

install(TARGETS payq RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ${PAYQ_DAEMON_COMPONENT})
install(FILES systemd/payq.service DESTINATION lib/systemd/system COMPONENT ${PAYQ_DAEMON_COMPONENT})
# The service's user and group and /var/lib/payq: the postinst (or the admin) runs systemd-sysusers and
# systemd-tmpfiles --create on these.
install(FILES ${PAYQ_PACKAGING_DIR}/sysusers.conf DESTINATION lib/sysusers.d RENAME payq.conf
        COMPONENT ${PAYQ_DAEMON_COMPONENT})
install(FILES ${PAYQ_PACKAGING_DIR}/tmpfiles.conf DESTINATION lib/tmpfiles.d RENAME payq.conf
        COMPONENT ${PAYQ_DAEMON_COMPONENT})
install(FILES README.md config/payq.example.yaml config/sample-intents.csv
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT ${PAYQ_DAEMON_COMPONENT})

# /etc/payq/payq.yaml is the example config under a header for its place: every key and comment stays the
# example's, so the two cannot drift apart. The example's own first paragraph (its name, "copy to …") is replaced.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${PROJECT_SOURCE_DIR}/config/payq.example.yaml ${PAYQ_PACKAGING_DIR}/payq.yaml.head)
file(READ ${PROJECT_SOURCE_DIR}/config/payq.example.yaml payq_example_config)
string(REGEX MATCH "^# payq\\.example\\.yaml[^\n]*\n(#[^\n]+\n)*" payq_example_header "${payq_example_config}")
if(NOT payq_example_header)
  message(FATAL_ERROR "config/payq.example.yaml must start with '# payq.example.yaml …' (its header paragraph)")
endif()
string(LENGTH "${payq_example_header}" payq_example_header_length)
string(SUBSTRING "${payq_example_config}" ${payq_example_header_length} -1 payq_example_body)
file(READ ${PAYQ_PACKAGING_DIR}/payq.yaml.head payq_package_header)
file(WRITE ${PAYQ_PACKAGING_BINARY_DIR}/payq.yaml.new "${payq_package_header}${payq_example_body}")
configure_file(${PAYQ_PACKAGING_BINARY_DIR}/payq.yaml.new ${PAYQ_PACKAGING_BINARY_DIR}/payq.yaml COPYONLY)
install(FILES ${PAYQ_PACKAGING_BINARY_DIR}/payq.yaml DESTINATION /etc/payq
        COMPONENT ${PAYQ_DEB_COMPONENT} EXCLUDE_FROM_ALL)

# Debian wants a copyright file and, for a native package (a version without "-revision"), changelog.gz
# compressed with gzip -9n (no name, no time stamp: the same bytes on every build).
# The changelog is signed by PAYQ_PACKAGE_MAINTAINER; its versions are written by hand, and the package test checks
# that the newest is the project's.
configure_file(${PAYQ_PACKAGING_DIR}/changelog.in ${PAYQ_PACKAGING_BINARY_DIR}/changelog @ONLY)
add_custom_command(OUTPUT ${PAYQ_PACKAGING_BINARY_DIR}/changelog.gz
                   COMMAND gzip -9nc ${PAYQ_PACKAGING_BINARY_DIR}/changelog > ${PAYQ_PACKAGING_BINARY_DIR}/changelog.gz
                   DEPENDS ${PAYQ_PACKAGING_BINARY_DIR}/changelog VERBATIM)
add_custom_target(payq_debian_changelog ALL DEPENDS ${PAYQ_PACKAGING_BINARY_DIR}/changelog.gz)
install(FILES ${PAYQ_PACKAGING_DIR}/copyright ${PAYQ_PACKAGING_BINARY_DIR}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT ${PAYQ_DEB_COMPONENT} EXCLUDE_FROM_ALL)

# The .deb holds the daemon and deb components; the producer API (headers, static library, CMake package) stays a
# `cmake --install` from source for the programs that link it.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME payq)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${PAYQ_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "durable payment job-queue daemon for a partner Payment API")
# The summary line comes from CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the long description under it, in lines
# of at most 80 characters (CPack indents each one).
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "payq turns payment intents stored in a local SQLite database into payment\n"
  "requests at a partner Payment API under its rate limit, retries what can be\n"
  "retried and follows every request until it is paid or expired, recording each\n"
  "status change for reporting with plain SQL.\n"
  "\n"
  "It runs as a hardened systemd service under its own payq user, which this\n"
  "package creates together with /var/lib/payq and /etc/payq/payq.yaml. Members\n"
  "of the payq group may read the database and run payq's reports.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${PAYQ_DAEMON_COMPONENT} ${PAYQ_DEB_COMPONENT})
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# What the binary links (objdump -p: NEEDED), by the Debian 12 package that ships each library; the package test
# checks that this list covers every NEEDED entry.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6 (>= 2.34), libgcc-s1 (>= 3.0), libstdc++6 (>= 12), libcurl4 (>= 7.88), libsqlite3-0 (>= 3.40), \
libspdlog1.10, libfmt9, libyaml-cpp0.7, libsystemd0, libcpp-httplib0.11, libpqxx-6.4, libpq5 (>= 15)")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "sqlite3, postgresql-client")
# The postinst creates the user, the group and /var/lib/payq; conffiles keeps an edited /etc/payq/payq.yaml
# across upgrades. Strict permissions: 0755 for the script, 0644 for the rest, as dpkg expects.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PAYQ_PACKAGING_DIR}/postinst ${PAYQ_PACKAGING_DIR}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
