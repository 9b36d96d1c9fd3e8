# cmake/Warnings.cmake — the warning set every payq target is built with.
# Dependencies are included as system headers (imported targets), so their warnings stay out.
function(payq_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                         -Wold-style-cast -Wcast-align -Woverloaded-virtual
                         -Werror=return-type)
endfunction()
