# cmake/Sanitizers.cmake — PAYQ_SANITIZE=address (ASan+UBSan) or thread (TSan), applied to every target.
# Set once at configure time, so the libraries, the binary and the tests are instrumented alike.
if(PAYQ_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
elseif(PAYQ_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(PAYQ_SANITIZE)
  message(FATAL_ERROR "PAYQ_SANITIZE must be 'address', 'thread' or empty, not '${PAYQ_SANITIZE}'")
endif()
