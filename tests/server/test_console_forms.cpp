// Console forms and charts: url-encoded forms (broken escapes and bad UTF-8 refused), cookies,
// safe return paths, and bar and column geometry from exact counts.
#include <boost/test/unit_test.hpp>

#include "charts.h"
#include "forms.h"
#include "xlsx_export.h"

using namespace server::console;

BOOST_AUTO_TEST_SUITE(console_forms)

BOOST_AUTO_TEST_CASE(forms_decode_or_refuse) {
    const auto f = parse_form("name=ann+jones&password=a%26b%3Dc%20d&empty=&flag&name=second");
    BOOST_REQUIRE(f);
    BOOST_TEST(f->at("name") == "ann jones");  // the first of a repeated name wins
    BOOST_TEST(f->at("password") == "a&b=c d");
    BOOST_TEST(f->at("empty") == "");
    BOOST_TEST(f->at("flag") == "");
    BOOST_TEST(parse_form("q=%C5%B5")->at("q") == "ŵ");
    for (const char* bad : {"a=%", "a=%4", "a=%zz", "a=%C5", "a=%FF%FE", "%=1"}) BOOST_TEST(!parse_form(bad), bad);
    const auto all = parse_form_all("budget=a&budget=b&x=%zz&budget=c");
    BOOST_REQUIRE_EQUAL(all.size(), 3u);  // the broken pair is skipped
    BOOST_TEST(all[2].second == "c");
}

BOOST_AUTO_TEST_CASE(multipart_uploads_parse_or_refuse) {
    BOOST_TEST(multipart_boundary("multipart/form-data; boundary=----x42") == "----x42");
    BOOST_TEST(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b");
    BOOST_TEST(multipart_boundary("application/x-www-form-urlencoded") == "");
    BOOST_TEST(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')) == "");
    const std::string body =
        "--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
        "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"north moor.xlsx\"\r\n"
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\nPK\x03\x04\r\n\xff--B-\r\n"
        "--B--\r\n";
    const auto parts = parse_multipart(body, "B");
    BOOST_REQUIRE(parts);
    BOOST_REQUIRE_EQUAL(parts->size(), 2u);
    BOOST_TEST((*parts)[0].name == "csrf");
    BOOST_TEST((*parts)[0].data == "abc");
    BOOST_TEST(!(*parts)[0].is_file);
    BOOST_TEST((*parts)[1].filename == "north moor.xlsx");
    BOOST_TEST((*parts)[1].data == std::string("PK\x03\x04\r\n\xff--B-", 11));  // binary, and a near-boundary, kept
    for (const std::string bad : {std::string(""), std::string("--B\r\n\r\nx\r\n--B--"), std::string("--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--"),
                                  std::string("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"),
                                  std::string("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n--B--")})
        BOOST_TEST(!parse_multipart(bad, "B"), bad);
    std::string many;
    for (int i = 0; i <= 16; ++i) many += "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n";
    BOOST_TEST(!parse_multipart(many + "--B--", "B"));
}

BOOST_AUTO_TEST_CASE(cookies_and_return_paths) {
    BOOST_TEST(cookie_value("a=1; console_session=abc; b=2", "console_session") == "abc");
    BOOST_TEST(cookie_value("xconsole_session=abc", "console_session") == "");
    BOOST_TEST(cookie_value("", "console_session") == "");
    BOOST_TEST(safe_back("/console/budgets/x/comments?q=a&page=2") == "/console/budgets/x/comments?q=a&page=2");
    for (const char* bad : {"https://evil.example/console/", "//evil.example/console/", "/console//evil", "/console/../x",
                            "/consolex", "/console/\r\nSet-Cookie:", "/console/\"><script>", "javascript:alert(1)"})
        BOOST_TEST(safe_back(bad) == "/console/", bad);
    BOOST_TEST(url_encode("a b&c/ŵ") == "a%20b%26c%2F%C5%B5");
}

BOOST_AUTO_TEST_CASE(bars_share_one_scale_from_zero) {
    BarChart chart{"c", "t", "l", "v", {{"a", 10, "10", false}, {"b", 5, "5", false}, {"c", 0, "0", false}, {"d", 1, "1", false}}};
    int height = 0;
    const auto g = bar_layout(chart, height);
    BOOST_TEST(g[0].bar_permille == 1000);
    BOOST_TEST(g[1].bar_permille == 500);
    BOOST_TEST(g[2].bar_permille == 0);
    BOOST_TEST(g[3].bar_permille == 100);
    BOOST_TEST(height > g[3].bar_y);
    // Counts past 2^53 keep their proportion (no binary floating point).
    BarChart big{"c", "t", "l", "v", {{"a", 9007199254740993ULL, "", false}, {"b", 3, "", false}}};
    BOOST_TEST(bar_layout(big, height)[1].bar_permille == 1);  // tiny but above zero: a visible sliver
}

BOOST_AUTO_TEST_CASE(columns_label_about_eight_steps_and_always_today) {
    BarChart chart{"h", "t", "l", "v", {}};
    for (int i = 0; i < 31; ++i) chart.bars.push_back({std::to_string(i - 20) + "%", static_cast<std::uint64_t>(i % 7), "", i == 20});
    int height = 0, base = 0;
    const auto g = column_layout(chart, height, base);
    int labelled = 0;
    for (const auto& c : g) labelled += c.labelled ? 1 : 0;
    BOOST_TEST(labelled >= 6);
    BOOST_TEST(labelled <= 9);
    BOOST_TEST(g[20].labelled);
    BOOST_TEST(g[6].height == 160);  // 6 is the largest count: full height
    BOOST_TEST(g[0].height == 0);
    BOOST_TEST(g[30].x_permille + g[30].width_permille <= 1000);
}

BOOST_AUTO_TEST_CASE(shares_round_half_up_exactly) {
    BOOST_TEST(share(1, 8) == "13%");  // 12.5 rounds up
    BOOST_TEST(share(1, 3) == "33%");
    BOOST_TEST(share(0, 0) == "0%");
    BOOST_TEST(count_and_share(7, 60) == "7 (12%)");
}

BOOST_AUTO_TEST_CASE(sheet_names_excel_accepts) {
    BOOST_TEST(storage::safe_sheet_name("S05 Homelessness and housing advice") == "S05 Homelessness and housing ad");
    BOOST_TEST(storage::safe_sheet_name("By [age]: 16/17?") == "By  age   16 17");
    BOOST_TEST(storage::safe_sheet_name("'quoted'") == "quoted");
    BOOST_TEST(storage::safe_sheet_name("") == "Sheet");
    BOOST_TEST(storage::safe_sheet_name("*?") == "Sheet");
    // 31 characters, cut at a character: 30 ASCII letters and a two-byte letter stay whole.
    const std::string welsh = std::string(30, 'a') + "ŵŵ";
    BOOST_TEST(storage::safe_sheet_name(welsh) == std::string(30, 'a') + "ŵ");
}

BOOST_AUTO_TEST_SUITE_END()
