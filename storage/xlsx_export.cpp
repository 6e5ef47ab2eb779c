// The officers' workbook from storage: see xlsx_export.h.
#include "xlsx_export.h"

#include "breakdown.h"
#include "exports.h"

namespace storage {

bool write_xlsx(Storage& storage, const budget::Budget& b, const ExportFlags& flags, const std::string& path,
                std::string& error) {
    budget::workbook::ResultsSource source;
    source.written_at = utc_now();
    source.aggregate = [&](budget::Aggregator& out, std::string& e) { return aggregate_stored(storage, b, out, e); };
    source.groups = [&](std::size_t question, std::vector<budget::AnswerGroup>& out, std::string& e) {
        return breakdown(storage, b, question, out, e);
    };
    source.responses = [&](const std::function<void(const budget::workbook::StoredResponse&)>& each, std::string& e) {
        return storage.scan(b.id, true, [&](const StoredRow& row) {
            const auto duplicate = flags.duplicate_of.find(row.submission_id);
            each({row.received_at, row.budget_version, row.document, duplicate == flags.duplicate_of.end() ? "" : duplicate->second});
        }, e);
    };
    source.comments = [&](const std::function<void(const budget::workbook::CommentForWorkbook&)>& each, std::string& e) {
        return storage.scan_comments(b.id, [&](const std::string& id, const std::string& about, const std::string& text) {
            budget::workbook::CommentForWorkbook c{id, about, text, false, "", "", ""};
            if (const auto h = flags.hidden.find({id, about}); h != flags.hidden.end()) {
                c.hidden = true;
                c.reason = h->second.reason;
                c.hidden_by = h->second.officer;
                c.hidden_at = h->second.hidden_at;
            }
            each(c);
        }, e);
    };
    return budget::workbook::write_results_workbook(b, source, path, error);
}

}  // namespace storage
