// HTTP rules: Transfer-Encoding framing, Accept-Encoding, entity tags, dates, log escaping, frame-ancestors, address blocks and the client behind a proxy.
#include <boost/test/unit_test.hpp>

#include <string>

#include "http_rules.h"

using namespace server;

BOOST_AUTO_TEST_SUITE(http_rules)

BOOST_AUTO_TEST_CASE(only_exactly_chunked_is_a_transfer_encoding) {
    BOOST_TEST(transfer_encoding_acceptable({}));
    BOOST_TEST(transfer_encoding_acceptable({"chunked"}));
    BOOST_TEST(transfer_encoding_acceptable({" Chunked\t"}));
    BOOST_TEST(!transfer_encoding_acceptable({"gzip"}));
    BOOST_TEST(!transfer_encoding_acceptable({"chunked, gzip"}));
    BOOST_TEST(!transfer_encoding_acceptable({"gzip, chunked"}));
    BOOST_TEST(!transfer_encoding_acceptable({"chunked", "chunked"}));
    BOOST_TEST(!transfer_encoding_acceptable({""}));
    BOOST_TEST(!transfer_encoding_acceptable({"chunkedx"}));
}

BOOST_AUTO_TEST_CASE(accept_encoding_by_name_star_and_weight) {
    BOOST_TEST(accepts_encoding("gzip, deflate, br", "br"));
    BOOST_TEST(accepts_encoding("BR;q=0.5", "br"));
    BOOST_TEST(!accepts_encoding("br;q=0", "br"));
    BOOST_TEST(!accepts_encoding("br; q=0.000, gzip", "br"));
    BOOST_TEST(accepts_encoding("br;q=0.001", "br"));
    BOOST_TEST(accepts_encoding("*", "gzip"));
    BOOST_TEST(!accepts_encoding("*, gzip;q=0", "gzip"));  // named beats the star
    BOOST_TEST(!accepts_encoding("identity", "gzip"));
    BOOST_TEST(!accepts_encoding("", "br"));
    BOOST_TEST(!accepts_encoding("brotli", "br"));
}

BOOST_AUTO_TEST_CASE(entity_tags_match_weakly_in_lists_and_by_star) {
    BOOST_TEST(etag_matches("\"a\"", "\"a\""));
    BOOST_TEST(etag_matches("\"x\", W/\"a\"", "\"a\""));
    BOOST_TEST(etag_matches("*", "\"a\""));
    BOOST_TEST(!etag_matches("\"b\"", "\"a\""));
    BOOST_TEST(!etag_matches("", "\"a\""));
    BOOST_TEST(!etag_matches("a", "\"a\""));
}

BOOST_AUTO_TEST_CASE(http_dates_both_ways) {
    BOOST_TEST(http_date(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
    BOOST_TEST(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
    BOOST_TEST(parse_http_date(http_date(1'795'000'000)) == 1'795'000'000);
    BOOST_TEST(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == -1);  // obsolete forms are ignored
    BOOST_TEST(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT") == -1);
    BOOST_TEST(parse_http_date("") == -1);
}

BOOST_AUTO_TEST_CASE(log_text_is_cut_and_escaped) {
    BOOST_TEST(log_safe("/index.html") == "/index.html");
    BOOST_TEST(log_safe("/a\x1b[2Jb\\c") == "/a\\x1B[2Jb\\x5Cc");
    BOOST_TEST(log_safe("/caf\xc3\xa9") == "/caf\\xC3\\xA9");
    BOOST_TEST(log_safe(std::string("/\0x", 3)) == "/\\x00x");
    const std::string long_path = "/" + std::string(5000, 'a');
    const std::string cut = log_safe(long_path);
    BOOST_TEST(cut.size() == 200 + std::string("...(5001 bytes)").size());
    BOOST_TEST(cut.substr(200) == "...(5001 bytes)");
    BOOST_TEST(log_safe(std::string(300, '\x01')).size() == 200 * 4 + std::string("...(300 bytes)").size());
}

BOOST_AUTO_TEST_CASE(frame_ancestors_are_sources_only) {
    BOOST_TEST(valid_frame_ancestors("*"));
    BOOST_TEST(valid_frame_ancestors("'self' https://www.council.example"));
    BOOST_TEST(!valid_frame_ancestors("*; script-src *"));
    BOOST_TEST(!valid_frame_ancestors("a, b"));
    BOOST_TEST(!valid_frame_ancestors(" "));
    BOOST_TEST(!valid_frame_ancestors("a\nb"));
    BOOST_TEST(page_security_policy("'none'").find("frame-ancestors 'none'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(markup_is_escaped) {
    BOOST_TEST(server::escape_markup("<a href=\"x\">Tom & Jerry's</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    BOOST_TEST(server::escape_markup("Caerdydd – £5") == "Caerdydd – £5");  // UTF-8 untouched
}

BOOST_AUTO_TEST_CASE(address_blocks_are_read_strictly) {
    for (const char* good : {"10.0.0.0/8", "127.0.0.1", "127.0.0.1/32", "0.0.0.0/0", "::1", "2001:db8::/32", "::/0", "fd00::/128"})
        BOOST_TEST(parse_address_block(good).has_value(), good);
    for (const char* bad : {"", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.256", "example.org",
                            "10.0.0.0/ 8", " 10.0.0.0", "10.0.0.0/0008", "1.2.3"})
        BOOST_TEST(!parse_address_block(bad).has_value(), bad);
    const std::vector<AddressBlock> blocks{*parse_address_block("10.0.0.0/8"), *parse_address_block("2001:db8::/32")};
    BOOST_TEST(in_blocks("10.255.1.2", blocks));
    BOOST_TEST(!in_blocks("11.0.0.1", blocks));
    BOOST_TEST(in_blocks("2001:db8:1::5", blocks));
    BOOST_TEST(!in_blocks("2001:db9::5", blocks));
    BOOST_TEST(in_blocks("::ffff:10.1.2.3", blocks));  // IPv4-mapped is the same address
    BOOST_TEST(!in_blocks("not an address", blocks));
    BOOST_TEST(in_blocks("192.168.7.9", {*parse_address_block("192.168.7.8/31")}));
    BOOST_TEST(!in_blocks("192.168.7.10", {*parse_address_block("192.168.7.8/31")}));
}

BOOST_AUTO_TEST_CASE(the_client_is_the_rightmost_hop_no_trusted_proxy_added) {
    const std::vector<AddressBlock> proxies{*parse_address_block("127.0.0.1"), *parse_address_block("10.0.0.0/8")};
    // Not from a trusted proxy: X-Forwarded-For is the client's word, and ignored.
    BOOST_TEST(client_address("203.0.113.9", "198.51.100.1", proxies) == "203.0.113.9");
    BOOST_TEST(client_address("127.0.0.1", "198.51.100.1", {}) == "127.0.0.1");
    // From the proxy: the hop it appended.
    BOOST_TEST(client_address("127.0.0.1", "198.51.100.1", proxies) == "198.51.100.1");
    BOOST_TEST(client_address("127.0.0.1", "  198.51.100.1 ", proxies) == "198.51.100.1");
    // A client that sends its own X-Forwarded-For cannot choose its address: the rightmost untrusted hop counts.
    BOOST_TEST(client_address("127.0.0.1", "1.1.1.1, 2.2.2.2, 198.51.100.1", proxies) == "198.51.100.1");
    // Through two trusted proxies.
    BOOST_TEST(client_address("127.0.0.1", "198.51.100.1, 10.1.1.1", proxies) == "198.51.100.1");
    BOOST_TEST(client_address("127.0.0.1", "2001:db8::7, 10.1.1.1", proxies) == "2001:db8::7");
    // Every hop trusted: the leftmost; none given: the peer.
    BOOST_TEST(client_address("127.0.0.1", "10.9.9.9, 10.1.1.1", proxies) == "10.9.9.9");
    BOOST_TEST(client_address("127.0.0.1", "", proxies) == "127.0.0.1");
    BOOST_TEST(client_address("127.0.0.1", " , ,", proxies) == "127.0.0.1");
    // A hop that is not an address stops the walk at the last trusted address.
    BOOST_TEST(client_address("127.0.0.1", "198.51.100.1, unknown", proxies) == "127.0.0.1");
    BOOST_TEST(client_address("127.0.0.1", "garbage, 198.51.100.1", proxies) == "198.51.100.1");
    BOOST_TEST(client_address("127.0.0.1", "198.51.100.1, 10.1.1.1, _hidden", proxies) == "127.0.0.1");
}

BOOST_AUTO_TEST_SUITE_END()
