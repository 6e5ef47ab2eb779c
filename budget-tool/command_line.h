// budget-tool's command line, declared once with CLI11: every subcommand, its options and its --help
// come from the same declaration. Exit codes: 0 ok, 1 problems in a file, 2 usage.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace tool {

constexpr int kUsageError = 2;

// A command's result once its arguments have been read: set by the subcommand's callback.
struct Outcome {
    int code = 0;
};

// Adds a subcommand whose callback stores `run()`'s exit code in `outcome`.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description, Outcome& outcome,
                      std::function<int()> run);

// A whole number of at most `max_digits` digits and nothing else: no sign, no spaces, no 0x
// (CLI11's own reading would take "010" as eight).
CLI::Validator whole_number(std::size_t max_digits);

// The sampling commands' arguments: FILE --count N [--seed S], numbers of at most `max_digits` digits.
struct SampleOptions {
    std::string path, count_text, seed_text = "1";
    std::uint64_t count() const;
    std::uint64_t seed() const;
};
void add_sample_options(CLI::App& command, SampleOptions& options, const std::string& file_name, std::size_t max_digits);

// A usage error found after parsing (two options that only make sense together, say), worded as CLI11's.
int usage_error(const std::string& why);

// Parses and runs: prints help for --help (exit 0), a usage error and the hint (exit 2).
int run_command_line(CLI::App& app, int argc, char** argv, const Outcome& outcome);

}  // namespace tool
