// HTTP rules: Transfer-Encoding framing, Accept-Encoding, entity tags, dates, log escaping, frame-ancestors.
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

BOOST_AUTO_TEST_SUITE_END()
