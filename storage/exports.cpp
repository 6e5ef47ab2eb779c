// Officers' exports, streamed from storage into a file so memory stays flat for any size.
#include <fstream>

#include "aggregation.h"
#include "csv.h"
#include "json_writer.h"
#include "choices_codec.h"
#include "exports.h"
#include "submission.h"
#include "submission_export.h"
#include "submission_rules.h"

namespace storage {

bool aggregate_stored(Storage& storage, const budget::Budget& b, budget::Aggregator& out, std::string& error) {
    ScanMark mark;
    return aggregate_since(storage, b, mark, out, error);
}

bool aggregate_since(Storage& storage, const budget::Budget& b, ScanMark& mark, budget::Aggregator& out, std::string& error) {
    budget::Choices choices;
    return storage.scan_since(
        b.id, b.version, mark,
        [&](const StoredRow& row) {
            if (!budget::decode_choices(b, row.choices, choices)) return out.reject();
            out.add(choices, row.balanced, row.has_comments);
            if (const auto ratings = budget::ratings_from_codes(b, row.ratings)) out.add_ratings(*ratings);
        },
        [&](const std::string& q, const std::string& a) {
            const auto question = budget::find_demographic(b, q);
            if (!question) return;
            const auto option = budget::find_demographic_option(b, *question, a);
            if (option) out.add_demographic(*question, *option);
        },
        error);
}

namespace {

// A CSV row (ending CRLF) with one more cell.
std::string with_cell(std::string row, const std::string& cell) {
    row.resize(row.size() - 2);
    return row + "," + cell + "\r\n";
}

}  // namespace

bool load_export_flags(OfficerStore& officers, const std::string& budget_id, ExportFlags& out, std::string& error) {
    std::vector<LikelyDuplicate> duplicates;
    if (!officers.hidden_comments(budget_id, out.hidden, error) || !officers.likely_duplicates(budget_id, duplicates, error)) return false;
    out.duplicate_of.clear();
    for (const auto& d : duplicates) out.duplicate_of[d.submission_id] = d.earlier_id;
    return true;
}

bool write_export(Storage& storage, const budget::Budget& b, const std::string& what, const std::string& path,
                  const ExportFlags& flags, std::string& error) {
    ExportScope scope;
    scope.versions = {&b};
    scope.version = b.version;
    return write_export(storage, b, what, path, flags, error, scope);
}

bool write_export(Storage& storage, const budget::Budget& b, const std::string& what, const std::string& path,
                  const ExportFlags& flags, std::string& error, const ExportScope& scope) {
    const auto version_of = [&](std::int64_t v) -> const budget::Budget* {
        if (scope.version && v != *scope.version) return nullptr;
        for (const budget::Budget* each : scope.versions)
            if (each->version == v) return each;
        return nullptr;
    };
    auto hidden_of = [&](const std::string& id, const std::string& about) {
        const auto h = flags.hidden.find({id, about});
        return h == flags.hidden.end() ? nullptr : &h->second;
    };
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        error = "cannot write " + path;
        return false;
    }
    bool ok = true;
    if (what == "submissions.jsonl") {
        ok = storage.scan(b.id, true, [&](const StoredRow& row) {
            if (row.id > scope.after_row && version_of(row.budget_version)) out << row.document << '\n';
        }, error);
    } else if (what == "export.csv") {
        std::vector<const budget::Budget*> shown;
        for (const budget::Budget* each : scope.versions)
            if (!scope.version || each->version == *scope.version) shown.push_back(each);
        const budget::ExportColumns columns = budget::export_columns(shown);
        out << with_cell(with_cell(budget::export_csv_header(columns, scope.header_names), scope.header_names ? "Hidden comments" : "hidden_comments"),
                         scope.header_names ? "Likely duplicate of" : "likely_duplicate_of");
        ok = storage.scan(b.id, true, [&](const StoredRow& row) {
            const budget::Budget* answered = row.id > scope.after_row ? version_of(row.budget_version) : nullptr;
            if (!answered) return;
            const budget::SubmissionCheck c = budget::validate_submission(*answered, row.document);
            if (!c.ok) return;
            std::string abouts;  // what each comment an officer hid was about ("overall" or a service id)
            if (hidden_of(c.submission.submission_id, "overall")) abouts = "overall";
            for (const auto& [svc, text] : c.submission.service_comments)
                if (hidden_of(c.submission.submission_id, answered->services[svc].id))
                    abouts += (abouts.empty() ? "" : " ") + answered->services[svc].id;
            const auto duplicate = flags.duplicate_of.find(c.submission.submission_id);
            out << with_cell(with_cell(budget::export_csv_row(columns, *answered, c.submission, c.outcome, row.received_at), budget::csv_text(abouts)),
                             duplicate == flags.duplicate_of.end() ? "" : budget::csv_text(duplicate->second));
        }, error);
    } else {
        budget::Aggregator agg(b);
        ScanMark mark;
        mark.after_row = scope.after_row;
        ok = aggregate_since(storage, b, mark, agg, error);
        if (ok && what == "aggregate.json") {
            out << "{\"summary\": " << agg.to_json() << ",\n\"comments\": [";
            bool first = true;
            ok = storage.scan_comments(b.id, [&](const std::string& id, const std::string& about, const std::string& text) {
                std::string item = budget::comment_json_item(id, about, text);
                if (const HiddenComment* h = hidden_of(id, about)) {
                    item.pop_back();  // the closing brace: the flag and its reason join the object
                    std::string reason;
                    budget::append_json_string(reason, h->reason);
                    item += ", \"hidden\": true, \"hidden_reason\": " + reason + "}";
                }
                out << (first ? "\n" : ",\n") << item;
                first = false;
            }, error);
            out << "\n]}\n";
        } else if (ok) {
            out << agg.to_csv() << "\r\n" << with_cell(with_cell(budget::comments_csv_header(), "hidden"), "hidden_reason");
            ok = storage.scan_comments(b.id, [&](const std::string& id, const std::string& about, const std::string& text) {
                const HiddenComment* h = hidden_of(id, about);
                out << with_cell(with_cell(budget::comment_csv_row(id, about, text), h ? "yes" : "no"),
                                 h ? budget::csv_text(h->reason) : "");
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

}  // namespace storage
