// unit/main.cpp — the doctest entry point for every unit test; each concern adds its own files.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
