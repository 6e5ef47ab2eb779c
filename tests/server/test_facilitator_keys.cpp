// Facilitator keys: a key opens its own consultation's tally until it expires, and nothing else; a
// changed character, another consultation, another server (secret) or a malformed key is refused.
#include <boost/test/unit_test.hpp>

#include <vector>

#include "auth.h"
#include "facilitator_keys.h"

using server::FacilitatorKeys;

BOOST_AUTO_TEST_SUITE(facilitator_keys)

BOOST_AUTO_TEST_CASE(a_key_opens_its_consultation_until_it_expires) {
    BOOST_REQUIRE(server::console::start_crypto());
    const FacilitatorKeys keys;
    const std::string key = keys.issue("parks-2027", 1000);
    BOOST_TEST(key.rfind("3e8-", 0) == 0u);
    BOOST_TEST(key.size() == 4u + 64u);
    BOOST_TEST(keys.valid("parks-2027", key, 999));
    BOOST_TEST(!keys.valid("parks-2027", key, 1000));  // expired
    BOOST_TEST(!keys.valid("parks-2028", key, 999));   // another consultation
    BOOST_TEST(!FacilitatorKeys().valid("parks-2027", key, 999));  // another server's secret
}

BOOST_AUTO_TEST_CASE(changed_or_malformed_keys_are_refused) {
    BOOST_REQUIRE(server::console::start_crypto());
    const FacilitatorKeys keys;
    const std::string key = keys.issue("parks-2027", 5000);
    for (std::size_t i = 0; i < key.size(); ++i) {
        std::string changed = key;
        changed[i] = changed[i] == 'a' ? 'b' : 'a';
        BOOST_TEST(!keys.valid("parks-2027", changed, 10), changed);
    }
    // A later expiry with the old MAC, and keys of the wrong shape.
    BOOST_TEST(!keys.valid("parks-2027", "2710" + key.substr(key.find('-')), 10));
    for (const std::string& bad : std::vector<std::string>{"", "-", "1388-", "1388", "zz-" + std::string(64, '0'), std::string(16, 'f') + "-" + std::string(64, '0'),
                                  key + "0", key.substr(0, key.size() - 1)})
        BOOST_TEST(!keys.valid("parks-2027", bad, 10), bad);
}

BOOST_AUTO_TEST_SUITE_END()
