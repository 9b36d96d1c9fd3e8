# cmake/Manual.cmake — payq(1) and the bash completion, written at build time by the payq binary from its own command
# table (`payq __manual`), so they cannot drift from the parser; and their install rules in the daemon component.
# Included before cmake/Install.cmake, whose include(CPack) must come last; the component name is Install.cmake's.
if(NOT DEFINED PAYQ_DAEMON_COMPONENT)
  set(PAYQ_DAEMON_COMPONENT daemon)
endif()
find_program(GZIP_PROGRAM gzip REQUIRED)

set(PAYQ_MAN_PAGE ${CMAKE_BINARY_DIR}/payq.1)
set(PAYQ_BASH_COMPLETION ${CMAKE_BINARY_DIR}/payq.bash-completion)
add_custom_command(OUTPUT ${PAYQ_MAN_PAGE}
                   COMMAND payq __manual roff ${PAYQ_MAN_PAGE}
                   DEPENDS payq
                   COMMENT "Writing payq(1) from the command table" VERBATIM)
# -n: no name or time stamp in the archive, so the same page gives the same bytes (reproducible package).
add_custom_command(OUTPUT ${PAYQ_MAN_PAGE}.gz
                   COMMAND ${GZIP_PROGRAM} -9nkf ${PAYQ_MAN_PAGE}
                   DEPENDS ${PAYQ_MAN_PAGE} VERBATIM)
add_custom_command(OUTPUT ${PAYQ_BASH_COMPLETION}
                   COMMAND payq __manual bash-completion ${PAYQ_BASH_COMPLETION}
                   DEPENDS payq
                   COMMENT "Writing the bash completion from the command table" VERBATIM)
add_custom_target(payq_manual ALL DEPENDS ${PAYQ_MAN_PAGE} ${PAYQ_MAN_PAGE}.gz ${PAYQ_BASH_COMPLETION})

install(FILES ${PAYQ_MAN_PAGE}.gz DESTINATION share/man/man1 COMPONENT ${PAYQ_DAEMON_COMPONENT})
install(FILES ${PAYQ_BASH_COMPLETION} DESTINATION share/bash-completion/completions RENAME payq
        COMPONENT ${PAYQ_DAEMON_COMPONENT})
