// The server's secret: made once (32 bytes, mode 0600) and read back the same; a given file in raw
// or hexadecimal form; refused when too open, wrongly sized or unreadable; keys derived apart by use
// and the same after a restart, so a facilitator key issued before it still opens the tally.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "auth.h"
#include "facilitator_keys.h"
#include "server_secret.h"

using server::ServerSecret;

namespace {

std::string scratch_dir() {
    const auto dir = std::filesystem::temp_directory_path() / ("secret-test-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(dir);
    return dir.string();
}

void write_secret_file(const std::string& path, const std::string& bytes, mode_t mode) {
    std::ofstream(path, std::ios::binary) << bytes;
    ::chmod(path.c_str(), mode);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_secret)

BOOST_AUTO_TEST_CASE(made_once_and_read_back_the_same) {
    BOOST_REQUIRE(server::console::start_crypto());
    const std::string dir = scratch_dir();
    ServerSecret first, second;
    std::string error;
    BOOST_REQUIRE_MESSAGE(first.load(dir, "", error), error);
    struct stat st {};
    BOOST_REQUIRE(::stat((dir + "/secret").c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0777) == 0600u);
    BOOST_TEST(st.st_size == 32);
    BOOST_REQUIRE_MESSAGE(second.load(dir, "", error), error);
    BOOST_TEST(first.derive("consolek") == second.derive("consolek"));
    BOOST_TEST(first.derive("consolek") != first.derive("tallykey"));
    BOOST_TEST(first.derive("consolek", 1) != first.derive("consolek", 2));
    // A projector's key from before a restart opens the tally after it.
    const server::FacilitatorKeys before(first.derive("tallykey")), after(second.derive("tallykey"));
    BOOST_TEST(after.valid("parks-2027", before.issue("parks-2027", 5000), 10));
    // Another server's secret does not.
    const std::string other = scratch_dir();
    ServerSecret elsewhere;
    BOOST_REQUIRE(elsewhere.load(other, "", error));
    BOOST_TEST(!server::FacilitatorKeys(elsewhere.derive("tallykey")).valid("parks-2027", before.issue("parks-2027", 5000), 10));
    std::filesystem::remove_all(dir);
    std::filesystem::remove_all(other);
}

BOOST_AUTO_TEST_CASE(a_given_file_raw_or_hex_and_refusals_with_reasons) {
    BOOST_REQUIRE(server::console::start_crypto());
    const std::string dir = scratch_dir(), file = dir + "/given";
    std::string error;
    write_secret_file(file, std::string(32, 'k'), 0600);
    ServerSecret raw, hex;
    BOOST_REQUIRE_MESSAGE(raw.load(dir, file, error), error);
    std::string hex_digits;
    for (int i = 0; i < 32; ++i) hex_digits += "6b";  // 'k'
    write_secret_file(file, hex_digits + "\n", 0600);
    BOOST_REQUIRE_MESSAGE(hex.load(dir, file, error), error);
    BOOST_TEST(raw.derive("consolek") == hex.derive("consolek"));
    ServerSecret refused;
    write_secret_file(file, std::string(31, 'k'), 0600);
    BOOST_TEST(!refused.load(dir, file, error));
    BOOST_TEST(error == file + ": the server's secret is 32 bytes, or 64 hexadecimal digits");
    write_secret_file(file, std::string(32, 'k'), 0644);
    BOOST_TEST(!refused.load(dir, file, error));
    BOOST_TEST(error == file + ": the server's secret must be readable by its owner only (chmod 600)");
    BOOST_TEST(!refused.load(dir, dir + "/missing", error));  // a named file is never made
    BOOST_TEST(error.rfind(dir + "/missing: cannot read the server's secret: ", 0) == 0u);
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
