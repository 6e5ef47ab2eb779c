// The codes command: makes a batch of voter codes (printed once, as CSV with each code's join link,
// and kept only as hashes), or counts those made and used.
#include "codes_command.h"

#include <iostream>

#include "command_options.h"
#include "console/auth.h"
#include "officer_store.h"
#include "qr_svg.h"
#include "voter_code.h"

namespace server {

namespace {

constexpr const char* kCodesUsage =
    "usage: budget-server codes create --data DIR [--database URL] --consultation ID --count N [--batch NAME] [--public-url URL]\n"
    "       budget-server codes count --data DIR [--database URL] --consultation ID\n";
constexpr std::size_t kMaxCodesAtOnce = 20000;

bool valid_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    return true;
}

}  // namespace

int codes_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto usage = [&](const std::string& why) {
        err << "budget-server codes: " << why << "\n" << kCodesUsage;
        return 2;
    };
    if (args.empty()) return usage("say what to do: create or count");
    const std::string& what = args[0];
    if (what != "create" && what != "count") return usage("unknown action " + what);
    std::map<std::string, std::string> options;
    std::string problem;
    std::vector<std::string> allowed{"--data", "--database", "--consultation"};
    if (what == "create") allowed.insert(allowed.end(), {"--count", "--batch", "--public-url"});
    if (!read_options(args, 1, allowed, options, problem)) return usage(problem);
    const std::string data_dir = options["--data"], database_url = options["--database"], consultation = options["--consultation"],
                      count_text = options["--count"], public_url = options["--public-url"];
    std::string batch = options["--batch"];
    if (data_dir.empty()) return usage("--data is required");
    if (!valid_id(consultation)) return usage("--consultation takes a ballot's id (a-z, 0-9, - and _)");
    std::size_t count = 0;
    if (what == "create") {
        const bool digits = !count_text.empty() && count_text.size() <= 6 && count_text.find_first_not_of("0123456789") == std::string::npos;
        if (digits) count = std::stoul(count_text);
        if (count < 1 || count > kMaxCodesAtOnce) return usage("--count takes a whole number from 1 to 20000");
        if (batch.size() > 100) return usage("--batch is at most 100 characters");
    }
    if (!console::start_crypto()) {
        err << "budget-server codes: libsodium could not start\n";
        return 1;
    }
    std::string error;
    auto store = storage::OfficerStore::open(data_dir, database_url, error);
    if (!store) {
        err << "budget-server codes: " << error << "\n";
        return 1;
    }
    if (what == "count") {
        storage::VoterCodeCounts counts;
        if (!store->voter_code_counts(consultation, counts, error)) {
            err << "budget-server codes: " << error << "\n";
            return 1;
        }
        out << consultation << ": " << counts.made << " codes made, " << counts.used << " used\n";
        return 0;
    }
    std::vector<std::string> codes;
    if (batch.empty()) batch = "command line";
    if (!store->create_voter_codes(consultation, count, batch, codes, error)) {
        err << "budget-server codes: " << error << "\n";
        return 1;
    }
    store->audit("(command line)", "codes.created", consultation, std::to_string(count) + " codes, batch " + batch, error);
    out << "code,link\n";
    const std::string link = join_link(public_url, "", consultation);
    for (const auto& code : codes) out << budget::format_voter_code(code) << "," << (link.empty() ? "" : link + "&code=" + code) << "\n";
    return 0;
}

}  // namespace server
