// Message catalogues: .po text read exactly, with clear problems for what it cannot read.
#include <boost/test/unit_test.hpp>

#include "message_catalogue.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(message_catalogue)

BOOST_AUTO_TEST_CASE(reads_entries_over_several_lines_with_escapes) {
    const char* po = R"po(# Welsh for the resident app.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#. the welcome screen's button
msgid "Start"
msgstr "Dechrau"

msgid ""
"How it works: move the sliders "
"to spend \"more\" or less."
msgstr "Sut mae'n gweithio: symudwch y llithryddion "
"i wario \"mwy\" neu lai."

msgid "Not yet translated"
msgstr ""
)po";
    MessageCatalogue c;
    Problem p;
    BOOST_REQUIRE(c.read(po, p));
    BOOST_TEST(c.size() == 2u);
    BOOST_TEST(c.translate("Start") == "Dechrau");
    BOOST_TEST(c.translate("How it works: move the sliders to spend \"more\" or less.") ==
               "Sut mae'n gweithio: symudwch y llithryddion i wario \"mwy\" neu lai.");
    BOOST_TEST(c.translate("Not yet translated") == "Not yet translated");  // falls back to English
    BOOST_TEST(!c.has("Not yet translated"));
    BOOST_TEST(c.translate("Unknown") == "Unknown");
}

BOOST_AUTO_TEST_CASE(says_what_it_cannot_read) {
    const auto problem = [](const char* po) {
        MessageCatalogue c;
        Problem p;
        BOOST_TEST(!c.read(po, p));
        BOOST_TEST(c.size() == 0u);
        return std::to_string(p.line) + ": " + p.message + " [" + p.code + "]";
    };
    BOOST_TEST(problem("msgid \"a\"\n") == "2: the last msgid has no msgstr [po.malformed]");
    BOOST_TEST(problem("msgid \"a\"\nmsgid \"b\"\n") == "2: msgid without a msgstr before it [po.malformed]");
    BOOST_TEST(problem("msgstr \"a\"\n") == "1: msgstr without a msgid [po.malformed]");
    BOOST_TEST(problem("msgid \"a\nmsgstr \"b\"\n") == "1: expected a quoted string after msgid [po.malformed]");
    BOOST_TEST(problem("msgid \"a\\q\"\nmsgstr \"b\"\n") == "1: expected a quoted string after msgid [po.malformed]");
    BOOST_TEST(problem("msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"b\"\n") == "1: contexts and plural forms are not supported [po.unsupported]");
    BOOST_TEST(problem("msgid \"a\"\nmsgstr \"b\"\nrubbish\n") == "3: expected msgid, msgstr, a quoted line or a comment [po.malformed]");
    BOOST_TEST(problem("\"stray\"\n") == "1: a quoted line belongs after msgid or msgstr [po.malformed]");
}

BOOST_AUTO_TEST_SUITE_END()
