// The profiles held, and loading the profiles folder: a broken profile stops the server with its
// problems, as a budget does.
#include "profiles.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace server::report {

std::shared_ptr<const ProfileSnapshot> ProfileRegistry::get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return snapshot_;
}

void ProfileRegistry::put(budget::CouncilProfile profile, ProfileSource source) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto next = std::make_shared<ProfileSnapshot>(*snapshot_);
    const std::string id = profile.id;
    next->profiles.insert_or_assign(id, std::move(profile));
    next->sources.insert_or_assign(id, std::move(source));
    snapshot_ = std::move(next);
}

bool load_profiles(const std::string& dir, ProfileRegistry& out, std::string& error) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) return true;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
        const std::string path = entry.path().string();
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            error = "cannot read " + path;
            return false;
        }
        budget::ProfileLoad l = budget::load_profile(text.str());
        if (!l.profile) {
            error = path + " is not a valid council profile";
            for (const auto& p : l.problems) error += "\n" + budget::format_problem(p, path);
            return false;
        }
        if (out.get()->profiles.count(l.profile->id)) {
            error = "two files in " + dir + " hold the profile " + l.profile->id;
            return false;
        }
        out.put(std::move(*l.profile), ProfileSource{text.str(), 0, "", ""});
    }
    if (ec) error = "cannot read " + dir + ": " + ec.message();
    return !ec;
}

}  // namespace server::report
