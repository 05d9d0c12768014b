#include "jrun/cli/run.h"

int main(int argc, char** argv) { return jrun::cli::run(argc, argv); }
