# cmake/Fuzzing.cmake — PAYQ_FUZZ=ON: every target is built with clang's libFuzzer coverage plus ASan+UBSan.
# The libraries get -fsanitize=fuzzer-no-link; only the targets in tests/fuzz/ link the libFuzzer main.
if(PAYQ_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PAYQ_FUZZ=ON needs clang++ (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(PAYQ_SANITIZE)
    message(FATAL_ERROR "PAYQ_FUZZ=ON already builds with ASan+UBSan: leave PAYQ_SANITIZE empty")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
