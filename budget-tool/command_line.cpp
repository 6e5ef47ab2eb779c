// Running budget-tool's CLI11 declaration: help, usage errors and exit codes in one place.
#include "command_line.h"

#include <iostream>

#include "tool_files.h"

namespace tool {

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description, Outcome& outcome,
                      std::function<int()> run) {
    CLI::App* command = parent.add_subcommand(name, description);
    command->callback([&outcome, run = std::move(run)] { outcome.code = run(); });
    return command;
}

CLI::Validator whole_number(std::size_t max_digits) {
    const std::string wanted = max_digits >= 19 ? "a whole number" : "a whole number below 10^" + std::to_string(max_digits);
    return CLI::Validator(
        [max_digits, wanted](std::string& text) {
            std::uint64_t ignored = 0;
            return parse_u64(text, ignored, max_digits) ? std::string() : "takes " + wanted + ", not " + text;
        },
        "N");
}

namespace {
std::uint64_t as_u64(const std::string& text) {
    std::uint64_t value = 0;
    parse_u64(text, value);  // already checked by whole_number as the arguments were read
    return value;
}
}  // namespace

std::uint64_t SampleOptions::count() const { return as_u64(count_text); }
std::uint64_t SampleOptions::seed() const { return as_u64(seed_text); }

void add_sample_options(CLI::App& command, SampleOptions& options, const std::string& file_name, std::size_t max_digits) {
    command.add_option(file_name, options.path, "the file to sample from")->required();
    command.add_option("--count", options.count_text, "how many")->required()->check(whole_number(max_digits));
    command.add_option("--seed", options.seed_text, "the random seed (default 1): the same seed, the same lines")
        ->check(whole_number(max_digits));
}

int usage_error(const std::string& why) {
    std::cerr << "budget-tool: " << why << "\nRun with --help for more information.\n";
    return kUsageError;
}

int run_command_line(CLI::App& app, int argc, char** argv, const Outcome& outcome) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::ParseError& e) {
        return usage_error(e.what());
    }
    return outcome.code;
}

}  // namespace tool
