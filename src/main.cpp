// main.cpp — the payq binary: hands argv to the CLI dispatcher and returns its exit code.
// All wiring lives in cli/ and daemon/, so this file stays a one-liner.
#include <iostream>
#include <string>
#include <vector>

#include "cli/dispatch.h"

int main(int argc, char** argv) {
  return payq::cli::dispatch(std::vector<std::string>(argv, argv + argc), std::cin, std::cout, std::cerr);
}
