// Officers' exports, streamed from storage into a file so memory stays flat for any size.
#include <fstream>

#include "aggregation.h"
#include "choices_codec.h"
#include "exports.h"
#include "submission.h"
#include "submission_export.h"
#include "submission_rules.h"

namespace server {

bool aggregate_stored(Storage& storage, const budget::Budget& b, budget::Aggregator& out, std::string& error) {
    std::int64_t last = 0;
    return aggregate_since(storage, b, 0, out, last, error);
}

bool aggregate_since(Storage& storage, const budget::Budget& b, std::int64_t after, budget::Aggregator& out, std::int64_t& last,
                     std::string& error) {
    budget::Choices choices;
    return storage.scan_since(
        b.id, after,
        [&](const StoredRow& row) {
            if (budget::decode_choices(b, row.choices, choices)) out.add(choices, row.balanced, row.has_comments);
            else out.reject();
        },
        [&](const std::string& q, const std::string& a) {
            const auto question = budget::find_demographic(b, q);
            if (!question) return;
            const auto option = budget::find_demographic_option(b, *question, a);
            if (option) out.add_demographic(*question, *option);
        },
        last, error);
}

bool write_export(Storage& storage, const budget::Budget& b, const std::string& what, const std::string& path, std::string& error) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        error = "cannot write " + path;
        return false;
    }
    bool ok = true;
    if (what == "submissions.jsonl") {
        ok = storage.scan(b.id, true, [&](const StoredRow& row) { out << row.document << '\n'; }, error);
    } else if (what == "export.csv") {
        out << budget::export_csv_header(b);
        ok = storage.scan(b.id, true, [&](const StoredRow& row) {
            const budget::SubmissionCheck c = budget::validate_submission(b, row.document);
            if (c.ok) out << budget::export_csv_row(b, c.submission, c.outcome, row.received_at);
        }, error);
    } else {
        budget::Aggregator agg(b);
        ok = aggregate_stored(storage, b, agg, error);
        if (ok && what == "aggregate.json") {
            out << "{\"summary\": " << agg.to_json() << ",\n\"comments\": [";
            bool first = true;
            ok = storage.scan_comments(b.id, [&](const std::string& id, const std::string& about, const std::string& text) {
                out << (first ? "\n" : ",\n") << budget::comment_json_item(id, about, text);
                first = false;
            }, error);
            out << "\n]}\n";
        } else if (ok) {
            out << agg.to_csv() << "\r\n" << budget::comments_csv_header();
            ok = storage.scan_comments(b.id, [&](const std::string& id, const std::string& about, const std::string& text) {
                out << budget::comment_csv_row(id, about, text);
            }, error);
        }
    }
    out.close();
    if (ok && !out) {
        error = "write failed for " + path;
        ok = false;
    }
    return ok;
}

}  // namespace server
