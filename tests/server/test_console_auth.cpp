// Console sign-in pieces: the password rule, Argon2id hashes, session ids and their hashes, CSRF
// tokens, and the sign-in throttle's counting.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <set>
#include <thread>

#include "auth.h"

using namespace server::console;
using server::session_hash;

BOOST_AUTO_TEST_SUITE(console_auth)

BOOST_AUTO_TEST_CASE(the_password_rule) {
    BOOST_REQUIRE(start_crypto());
    BOOST_TEST(password_problem("ann", "short") == "a password needs at least 12 characters");
    BOOST_TEST(password_problem("ann", "ŵŵŵŵŵŵŵŵŵŵŵ") == "a password needs at least 12 characters");  // 11 letters, 22 bytes
    BOOST_TEST(password_problem("ann", "two\nlines here ok") == "a password is one line");
    BOOST_TEST(password_problem("Ann.Jones.Long", "ann.jones.long") == "a password cannot be the officer's name");
    BOOST_TEST(password_problem("ann", "Password1234") == "that password is on the list of common passwords");
    BOOST_TEST(password_problem("ann", "Council2026!!") == "that password is a common word with digits or symbols added");
    BOOST_TEST(password_problem("ann", "zzzzzzzzzzzzzz") == "a password cannot be one character repeated");
    BOOST_TEST(password_problem("ann", std::string(1025, 'x') + "y") == "a password is at most 1024 bytes");
    BOOST_TEST(password_problem("ann", "council tax is due in april") == "");  // a word followed by more words is fine
    BOOST_TEST(password_problem("ann", "ŵyr a wyres a llyfrau") == "");
}

BOOST_AUTO_TEST_CASE(argon2id_hashes_verify_only_their_password) {
    BOOST_REQUIRE(start_crypto());
    const std::string hash = hash_password("a long enough passphrase");
    BOOST_TEST(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0u);
    BOOST_TEST(verify_password(hash, "a long enough passphrase"));
    BOOST_TEST(!verify_password(hash, "a long enough passphrasE"));
    BOOST_TEST(hash_password("a long enough passphrase") != hash);  // salted
    BOOST_TEST(!verify_password("$2y$10$not-argon", "x"));        // only Argon2id is accepted
}

BOOST_AUTO_TEST_CASE(session_ids_are_random_and_stored_only_as_hashes) {
    BOOST_REQUIRE(start_crypto());
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = new_session_id();
        BOOST_REQUIRE_EQUAL(id.size(), 64u);
        BOOST_REQUIRE(id.find_first_not_of("0123456789abcdef") == std::string::npos);
        BOOST_REQUIRE(seen.insert(id).second);
    }
    const std::string id = *seen.begin();
    BOOST_TEST(session_hash(id).size() == 64u);
    BOOST_TEST(session_hash(id) != id);
    BOOST_TEST(session_hash(id) == session_hash(id));
    BOOST_TEST(csrf_token(id) != session_hash(id));
    BOOST_TEST(csrf_token(id) != csrf_token(*seen.rbegin()));
    BOOST_TEST(same_secret(csrf_token(id), csrf_token(id)));
    BOOST_TEST(!same_secret(csrf_token(id), ""));
    BOOST_TEST(!same_secret("", ""));
}

BOOST_AUTO_TEST_CASE(the_throttle_counts_per_name_at_an_address_and_per_address) {
    SignInThrottle t(5, 20, std::chrono::minutes(15));
    for (int i = 0; i < 4; ++i) t.failed("ann", "10.0.0.1");
    BOOST_TEST(t.wait_seconds("ann", "10.0.0.1") == 0);
    t.failed("ANN", "10.0.0.1");  // names are counted without case
    BOOST_TEST(t.wait_seconds("ann", "10.0.0.1") > 800);
    // A stranger's failures never lock ann out where she is, however many addresses they use.
    BOOST_TEST(t.wait_seconds("ann", "10.0.0.3") == 0);
    for (int a = 0; a < 50; ++a)
        for (int i = 0; i < 5; ++i) t.failed("ann", "192.0.2." + std::to_string(a));
    BOOST_TEST(t.wait_seconds("ann", "10.0.0.3") == 0);
    BOOST_TEST(t.wait_seconds("bob", "10.0.0.1") == 0);
    // Success clears the name at that address only.
    t.succeeded("ann", "10.0.0.1");
    BOOST_TEST(t.wait_seconds("ann", "10.0.0.1") == 0);
    BOOST_TEST(t.wait_seconds("ann", "192.0.2.7") > 800);
    // 20 failures from one address hold every name there, and no other address.
    for (int i = 0; i < 19; ++i) t.failed("name" + std::to_string(i), "10.0.0.9");
    BOOST_TEST(t.wait_seconds("someone", "10.0.0.9") == 0);
    t.failed("name19", "10.0.0.9");
    BOOST_TEST(t.wait_seconds("someone", "10.0.0.9") > 800);
    BOOST_TEST(t.wait_seconds("someone", "10.0.0.8") == 0);
}

BOOST_AUTO_TEST_CASE(the_throttle_forgets_after_its_window) {
    SignInThrottle t(2, 20, std::chrono::seconds(1));
    t.failed("ann", "a");
    t.failed("ann", "a");
    BOOST_TEST(t.wait_seconds("ann", "a") >= 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    BOOST_TEST(t.wait_seconds("ann", "a") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
