// The schema and its migrations: every shipped schema (tests/storage/fixtures/) brought up to date on
// SQLite and on the PostgreSQL that ctest's storage.postgres fixture starts, with nothing lost.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "officer_store.h"
#include "schema.h"
#include "sql_db.h"
#include "storage.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A new, empty database: a folder for SQLite, or a database of its own on the test cluster.
struct Place {
    std::string data_dir;
    std::string url;  // "" for SQLite
};

struct Backend {
    bool postgres = false;

    Place fresh(const std::string& name) const {
        Place p;
        p.data_dir = (fs::temp_directory_path() / ("schema-test-" + std::to_string(::getpid()) + "-" + name)).string();
        fs::remove_all(p.data_dir);
        if (!postgres) return p;
        const char* file = std::getenv("BUDGET_TEST_POSTGRES_URL_FILE");
        BOOST_REQUIRE_MESSAGE(file && fs::exists(file), "the storage.postgres ctest fixture has not started PostgreSQL");
        std::string base = read_text(file);
        while (!base.empty() && (base.back() == '\n' || base.back() == ' ')) base.pop_back();
        std::string error;
        auto admin = storage::open_postgres_db(base + "postgres", error);
        BOOST_REQUIRE_MESSAGE(admin, error);
        std::string db = name;
        std::replace(db.begin(), db.end(), '-', '_');
        BOOST_REQUIRE(admin->query("DROP DATABASE IF EXISTS " + db).ok);
        BOOST_REQUIRE(admin->query("CREATE DATABASE " + db).ok);
        p.url = base + db;
        return p;
    }

    std::unique_ptr<storage::SqlDb> open(const Place& p) const {
        std::string error;
        auto db = storage::open_sql_db(p.data_dir, p.url, error);
        BOOST_REQUIRE_MESSAGE(db, error);
        return db;
    }
};

std::vector<fs::path> fixtures(bool postgres) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(FIXTURES_DIR))
        if (e.path().string().find(postgres ? ".postgresql.sql" : ".sqlite.sql") != std::string::npos) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::int64_t count(storage::SqlDb& db, const std::string& sql) {
    const auto r = db.query(sql);
    BOOST_REQUIRE_MESSAGE(r.ok, r.error);
    return std::stoll(r.rows.at(0).at(0).value_or("0"));
}

storage::NewSubmission new_submission(const std::string& id) {
    storage::NewSubmission s;
    s.budget_id = "eastbrook-district-2026";
    s.budget_version = 1;
    s.submission_id = id;
    s.document = R"({"submission_id":")" + id + R"("})";
    s.choices = std::string("\x02\x00", 2);
    s.balanced = true;
    s.demographics = {{"age", "25-44"}};
    return s;
}

storage::InsertResult insert(storage::Storage& st, storage::NewSubmission s) {
    std::promise<storage::InsertResult> done;
    st.insert(std::move(s), [&](storage::InsertResult r) { done.set_value(std::move(r)); });
    return done.get_future().get();
}

void every_shipped_schema_is_brought_up_to_date(const Backend& backend) {
    const auto files = fixtures(backend.postgres);
    BOOST_REQUIRE_EQUAL(files.size(), 9u);
    // Each database's submissions and comments once up to date, to compare with the newest schema's,
    // whose comments and flags the server itself stored.
    std::vector<std::string> contents;
    for (const fs::path& file : files) {
        BOOST_TEST_CONTEXT(file.filename().string()) {
            const Place place = backend.fresh("fixture-" + file.filename().string().substr(0, 2));
            {
                auto db = backend.open(place);
                std::string error;
                BOOST_REQUIRE_MESSAGE(db->script(read_text(file).c_str(), error), error);
            }
            const std::int64_t submissions = [&] { auto db = backend.open(place); return count(*db, "SELECT COUNT(*) FROM submissions"); }();
            BOOST_TEST(submissions == 8);

            auto db = backend.open(place);
            storage::MigrationReport report;
            std::string error;
            BOOST_REQUIRE_MESSAGE(storage::migrate(*db, report, error), error);
            BOOST_TEST(report.from == 0);
            BOOST_TEST(report.to == storage::current_schema_version());
            int version = -1;
            BOOST_REQUIRE(storage::recorded_schema_version(*db, version, error));
            BOOST_TEST(version == storage::current_schema_version());
            BOOST_TEST(count(*db, "SELECT COUNT(*) FROM schema_version") == static_cast<std::int64_t>(storage::migrations().size()));
            // Migration 4: the console keeps council profiles beside budgets, empty at first.
            BOOST_TEST(count(*db, "SELECT COUNT(*) FROM profile_drafts") == 0);
            BOOST_TEST(count(*db, "SELECT COUNT(*) FROM profile_versions") == 0);

            // Each submission's balanced flag and comments agree with its stored document, however old.
            const auto rows = db->query("SELECT id, balanced, document FROM submissions ORDER BY id");
            BOOST_REQUIRE(rows.ok);
            std::int64_t comments_expected = 0;
            for (const auto& row : rows.rows) {
                const json doc = json::parse(row[2].value_or(""), nullptr, false);
                BOOST_REQUIRE(doc.is_object());
                const bool balanced = doc["outcome"]["remaining_gap_pence"].get<std::int64_t>() <= 0;
                const std::string flag = row[1].value_or("");
                BOOST_TEST((flag == "1" || flag == "t") == balanced, "row " << *row[0] << " balanced flag " << flag);
                std::int64_t in_document = 0;
                if (doc.contains("comments")) {
                    in_document += doc["comments"].contains("overall") ? 1 : 0;
                    if (doc["comments"].contains("services")) in_document += static_cast<std::int64_t>(doc["comments"]["services"].size());
                }
                BOOST_TEST(count(*db, "SELECT COUNT(*) FROM comments WHERE submission_row = " + *row[0]) == in_document);
                comments_expected += in_document;
            }
            BOOST_TEST(comments_expected > 0);  // the fixtures hold comments to carry over
            std::string content;
            for (const char* sql : {"SELECT id, submission_id, balanced, has_comments, document FROM submissions ORDER BY id",
                                    "SELECT submission_row, submission_id, about, comment FROM comments ORDER BY submission_row, about"}) {
                const auto r = db->query(sql);
                BOOST_REQUIRE(r.ok);
                for (const auto& row : r.rows) {
                    for (const auto& v : row) content += (v == "t" ? std::string("1") : v == "f" ? std::string("0") : v.value_or("NULL")) + "|";
                    content += "\n";
                }
            }
            contents.push_back(content);
            const bool old = file.filename().string() < "02";
            BOOST_TEST(report.rows_backfilled == (old ? 8 : 0));

            // The console's rows are as they were.
            if (file.filename().string() >= "04") {
                BOOST_TEST(count(*db, "SELECT COUNT(*) FROM officers WHERE name = 'fixture-admin' AND role = 'admin'") == 1);
                BOOST_TEST(count(*db, "SELECT COUNT(*) FROM audit_log WHERE action = 'export'") == 1);
                BOOST_TEST(count(*db, "SELECT COUNT(*) FROM hidden_comments") == 1);
            }
            if (file.filename().string() >= "08") BOOST_TEST(count(*db, "SELECT COUNT(*) FROM voter_codes WHERE batch = 'library'") == 1);
            if (file.filename().string() >= "09") BOOST_TEST(count(*db, "SELECT COUNT(*) FROM results_thresholds WHERE responses = 25") == 1);

            // Once up to date, opening again changes nothing.
            BOOST_REQUIRE(storage::migrate(*db, report, error));
            BOOST_TEST(report.from == storage::current_schema_version());
            BOOST_TEST(report.to == storage::current_schema_version());
            db.reset();

            // The server's storage and the console read and write it.
            auto st = storage::open_storage(place.data_dir, place.url, error);
            BOOST_REQUIRE_MESSAGE(st, error);
            std::int64_t scanned = 0;
            BOOST_REQUIRE(st->scan("eastbrook-district-2026", true, [&](const storage::StoredRow&) { ++scanned; }, error));
            BOOST_TEST(scanned == 8);
            std::int64_t comments = 0;
            BOOST_REQUIRE(st->scan_comments("eastbrook-district-2026", [&](auto&, auto&, auto&) { ++comments; }, error));
            BOOST_TEST(comments == comments_expected);
            const auto added = insert(*st, new_submission("after-migration-" + file.filename().string().substr(0, 2)));
            BOOST_TEST((added.kind == storage::InsertResult::Kind::Inserted), added.error);
            std::int64_t linked = 0;
            BOOST_REQUIRE(st->scan_answers("eastbrook-district-2026", [&](std::int64_t row, auto&, auto&) { linked += row == added.id; }, error));
            BOOST_TEST(linked == 1);
            st->stop();
            BOOST_TEST(static_cast<bool>(storage::OfficerStore::open(place.data_dir, place.url, error)), error);
            fs::remove_all(place.data_dir);
        }
    }
    for (std::size_t i = 0; i + 1 < contents.size(); ++i)
        BOOST_TEST(contents[i] == contents.back(), files[i].filename().string() << " differs from " << files.back().filename().string());
}

void a_newer_database_is_refused(const Backend& backend) {
    const Place place = backend.fresh("newer");
    std::string error;
    BOOST_REQUIRE_MESSAGE(storage::prepare_database(place.data_dir, place.url, error), error);
    auto db = backend.open(place);
    const int next = storage::current_schema_version() + 1;
    BOOST_REQUIRE(db->query("INSERT INTO schema_version (version, description, applied_at) VALUES (?, 'from the future', '2027-01-01T00:00:00Z')",
                            {std::to_string(next)}).ok);
    BOOST_TEST(!storage::prepare_database(place.data_dir, place.url, error));
    BOOST_TEST(error == "cannot bring the database's tables up to date: the database's schema is version " + std::to_string(next) +
                            ", newer than this program's (" + std::to_string(storage::current_schema_version()) +
                            "): run the newer budget-server that made it");
    BOOST_TEST(!storage::open_storage(place.data_dir, place.url, error));
    BOOST_TEST(!storage::OfficerStore::open(place.data_dir, place.url, error));
    fs::remove_all(place.data_dir);
}

void a_failed_migration_changes_nothing(const Backend& backend) {
    const Place place = backend.fresh("broken");
    std::string error;
    {
        auto db = backend.open(place);
        BOOST_REQUIRE_MESSAGE(db->script(read_text(fixtures(backend.postgres).front()).c_str(), error), error);
        BOOST_REQUIRE(db->query("UPDATE submissions SET document = '{\"submission_id\":\"x\"}' WHERE id = 3").ok);
    }
    BOOST_TEST(!storage::prepare_database(place.data_dir, place.url, error));
    BOOST_TEST(error == "cannot bring the database's tables up to date: migration 2 (comments kept apart and a balanced flag on each "
                        "submission) failed: submission row 3 has no outcome.remaining_gap_pence in its stored document, so whether it "
                        "balanced is unknown");
    auto db = backend.open(place);
    int version = -1;
    BOOST_REQUIRE(storage::recorded_schema_version(*db, version, error));
    BOOST_TEST(version == 0);
    BOOST_TEST(!db->query("SELECT balanced FROM submissions").ok);  // no column added
    BOOST_TEST(!db->query("SELECT 1 FROM comments").ok);            // no table made
    BOOST_TEST(!db->query("SELECT 1 FROM officers").ok);            // migration 1 undone too
    BOOST_TEST(count(*db, "SELECT COUNT(*) FROM submissions") == 8);
    db.reset();
    fs::remove_all(place.data_dir);
}

void two_programs_starting_at_once_migrate_once(const Backend& backend) {
    const Place place = backend.fresh("together");
    std::string e1, e2;
    bool ok1 = false, ok2 = false;
    std::thread a([&] { ok1 = storage::prepare_database(place.data_dir, place.url, e1); });
    std::thread b([&] { ok2 = storage::prepare_database(place.data_dir, place.url, e2); });
    a.join();
    b.join();
    BOOST_TEST(ok1, e1);
    BOOST_TEST(ok2, e2);
    auto db = backend.open(place);
    BOOST_TEST(count(*db, "SELECT COUNT(*) FROM schema_version") == static_cast<std::int64_t>(storage::migrations().size()));
    db.reset();
    fs::remove_all(place.data_dir);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(schema_sqlite)
BOOST_AUTO_TEST_CASE(every_shipped_schema) { every_shipped_schema_is_brought_up_to_date(Backend{false}); }
BOOST_AUTO_TEST_CASE(newer_database_refused) { a_newer_database_is_refused(Backend{false}); }
BOOST_AUTO_TEST_CASE(failed_migration_changes_nothing) { a_failed_migration_changes_nothing(Backend{false}); }
BOOST_AUTO_TEST_CASE(two_at_once) { two_programs_starting_at_once_migrate_once(Backend{false}); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(schema_postgresql)
BOOST_AUTO_TEST_CASE(every_shipped_schema) { every_shipped_schema_is_brought_up_to_date(Backend{true}); }
BOOST_AUTO_TEST_CASE(newer_database_refused) { a_newer_database_is_refused(Backend{true}); }
BOOST_AUTO_TEST_CASE(failed_migration_changes_nothing) { a_failed_migration_changes_nothing(Backend{true}); }
BOOST_AUTO_TEST_CASE(two_at_once) { two_programs_starting_at_once_migrate_once(Backend{true}); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(schema_text)
BOOST_AUTO_TEST_CASE(one_text_two_dialects) {
    const std::string sql = "CREATE TABLE t (id {ID}, n {INT}, b {BOOL} DEFAULT {FALSE}, x {BLOB}{COMMENT_SEQ});";
    BOOST_TEST(storage::dialect_sql(sql, false) == "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, b INTEGER DEFAULT 0, x BLOB);");
    BOOST_TEST(storage::dialect_sql(sql, true) ==
               "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, n BIGINT, b BOOLEAN DEFAULT FALSE, x BYTEA,\n  seq BIGSERIAL);");
}
BOOST_AUTO_TEST_CASE(versions_are_numbered_one_by_one) {
    int expected = 1;
    for (const auto& m : storage::migrations()) BOOST_TEST(m.version == expected++);
    BOOST_TEST(storage::current_schema_version() == 10);
}
BOOST_AUTO_TEST_SUITE_END()
