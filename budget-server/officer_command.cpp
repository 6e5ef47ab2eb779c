// The officer command: add, list, remove and change the password of console officers.
#include "officer_command.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "command_options.h"
#include "console/auth.h"
#include "officer_store.h"

namespace server {

namespace {

constexpr const char* kOfficerUsage =
    "usage: budget-server officer add --data DIR [--database URL] --name NAME --role admin|analyst   (password on stdin)\n"
    "       budget-server officer list --data DIR [--database URL]\n"
    "       budget-server officer remove --data DIR [--database URL] --name NAME\n"
    "       budget-server officer password --data DIR [--database URL] --name NAME   (new password on stdin)\n";

bool valid_name(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    return name.front() != ' ' && name.back() != ' ';
}

// One line from `in`; at a terminal, asked for with a prompt and not echoed.
bool read_password(std::istream& in, std::ostream& err, std::string& password) {
    const bool terminal = &in == &std::cin && ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        err << "Password (at least 12 characters, not shown): " << std::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    const bool ok = static_cast<bool>(std::getline(in, password));
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        err << "\n";
    }
    return ok;
}

}  // namespace

int officer_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    auto usage = [&](const std::string& why) {
        err << "budget-server officer: " << why << "\n" << kOfficerUsage;
        return 2;
    };
    if (args.empty()) return usage("say what to do: add, list, remove or password");
    if (args[0] == "--help") {
        out << kOfficerUsage;
        return 0;
    }
    const std::string& what = args[0];
    if (what != "add" && what != "list" && what != "remove" && what != "password") return usage("unknown action " + what);
    std::map<std::string, std::string> options;
    std::string option_problem;
    if (!read_options(args, 1, {"--data", "--database", "--name", "--role"}, options, option_problem)) return usage(option_problem);
    const std::string data_dir = options["--data"], database_url = options["--database"], name = options["--name"],
                      role_text = options["--role"];
    if (data_dir.empty()) return usage("--data is required");
    if (what != "list" && name.empty()) return usage("--name is required");
    if (what != "list" && !valid_name(name)) return usage("a name is 1 to 64 characters with no control characters or outer spaces");
    const auto role = storage::parse_role(role_text);
    if (what == "add" && !role) return usage("--role takes admin or analyst");
    if (what != "add" && !role_text.empty()) return usage("--role is only for add");
    if (!console::start_crypto()) {
        err << "budget-server officer: libsodium could not start\n";
        return 1;
    }

    std::string error;
    auto store = storage::OfficerStore::open(data_dir, database_url, error);
    if (!store) {
        err << "budget-server officer: " << error << "\n";
        return 1;
    }
    if (what == "list") {
        std::vector<storage::Officer> officers;
        if (!store->list_officers(officers, error)) {
            err << "budget-server officer: " << error << "\n";
            return 1;
        }
        for (const auto& o : officers) out << o.name << "\t" << storage::role_name(o.role) << "\t" << o.created_at << "\n";
        return 0;
    }
    if (what == "remove") {
        const storage::StoreStatus s = store->remove_officer(name, error);
        if (s == storage::StoreStatus::NotFound) err << "budget-server officer: no officer called " << name << "\n";
        else if (s != storage::StoreStatus::Ok) err << "budget-server officer: " << error << "\n";
        else {
            store->audit("(command line)", "officer.removed", name, "", error);
            out << "removed " << name << " and ended their sessions\n";
        }
        return s == storage::StoreStatus::Ok ? 0 : 1;
    }
    std::string password;
    if (!read_password(in, err, password)) {
        err << "budget-server officer: give the password on standard input, one line\n";
        return 1;
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (const std::string problem = console::password_problem(name, password); !problem.empty()) {
        err << "budget-server officer: " << problem << "\n";
        return 1;
    }
    const std::string hash = console::hash_password(password);
    if (hash.empty()) {
        err << "budget-server officer: the password could not be hashed (out of memory)\n";
        return 1;
    }
    const storage::StoreStatus s = what == "add" ? store->add_officer(name, *role, hash, error) : store->set_password(name, hash, error);
    if (s == storage::StoreStatus::Exists) err << "budget-server officer: there is already an officer called " << name << "\n";
    else if (s == storage::StoreStatus::NotFound) err << "budget-server officer: no officer called " << name << "\n";
    else if (s != storage::StoreStatus::Ok) err << "budget-server officer: " << error << "\n";
    if (s != storage::StoreStatus::Ok) return 1;
    store->audit("(command line)", what == "add" ? "officer.added" : "officer.password_changed", name,
                 what == "add" ? std::string("role ") + storage::role_name(*role) : "", error);
    out << (what == "add" ? "added " + name + " (" + storage::role_name(*role) + ")" : "changed the password of " + name + " and ended their sessions")
        << "\n";
    return 0;
}

}  // namespace server
