# cmake/Install.cmake — the daemon's files in FHS places (binary, systemd unit, docs, example config) and the CPack
# .deb built from them. The package installs files only: no user, directory or config is created behind the admin.
set(PAYQ_DAEMON_COMPONENT daemon)
install(TARGETS payq RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ${PAYQ_DAEMON_COMPONENT})
install(FILES systemd/payq.service DESTINATION lib/systemd/system COMPONENT ${PAYQ_DAEMON_COMPONENT})
install(FILES README.md config/payq.example.yaml config/sample-intents.csv
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT ${PAYQ_DAEMON_COMPONENT})

# The .deb holds the daemon component only; the producer API (headers, static library, CMake package) stays a
# `cmake --install` from source for the programs that link it.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME payq)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "payq maintainers <payq@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "durable payment job-queue daemon for a partner Payment API")
# The summary line comes from CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the long description under it.
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "payq turns payment intents stored in a local SQLite database into payment requests at a partner "
  "Payment API under its rate limit, retries what can be retried and follows every request until it is "
  "paid or expired, recording each status change for reporting with plain SQL. Runs as a hardened "
  "systemd service.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${PAYQ_DAEMON_COMPONENT})
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# What the binary links (objdump -p: NEEDED), by the Debian 12 package that ships each library; the package test
# checks that this list covers every NEEDED entry.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6 (>= 2.34), libgcc-s1 (>= 3.0), libstdc++6 (>= 12), libcurl4 (>= 7.88), libsqlite3-0 (>= 3.40), \
libspdlog1.10, libfmt9, libyaml-cpp0.7, libsystemd0, libcpp-httplib0.11")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "sqlite3")
include(CPack)
