// Submission parsing, validation and serialisation.
#include "submission.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "council_tax.h"
#include "json_writer.h"
#include "short_sort.h"
#include "submission_reader.h"
#include "submission_rules.h"
#include "voter_code.h"

namespace budget {

using nlohmann::json;

namespace {

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

// A JSON pointer built only when a problem needs it (the valid path allocates none).
struct Where {
    std::string_view parent;
    std::string_view key;
    std::string str() const { return std::string(parent) + "/" + pointer_token(key); }
};

class Checker {
public:
    Checker(const Budget& b, const JsonDocument& doc, SubmissionCheck& out) : b_(b), doc_(doc), out_(out) {}

    // Only the choices: for simulating a choices file, where totals and balance are the question.
    void run_choices_only() {
        choices_only_ = true;
        run();
    }

    void run() {
        const json& root = doc_.root();
        out_.submission.choices = default_choices(b_);
        if (!root.is_object()) { add("submission.wrong_type", "", "expected an object"); return; }
        if (choices_only_) {
            fields(root, "", {"format", "format_version", "submission_id", "budget", "language", "choices", "outcome",
                              "comments", "demographics", "ratings", "voter_code"});
            const std::size_t before = out_.problems.size();
            if (const json* c = obj(root, "", "choices")) choices(*c);
            if (out_.problems.size() == before) simulate(b_, out_.submission.choices, out_.outcome);
            return;
        }
        fields(root, "", {"format", "format_version", "submission_id", "budget", "language", "choices", "outcome",
                          "comments", "demographics", "ratings", "voter_code"});
        Submission& s = out_.submission;
        if (auto f = str(root, "", "format"); f && *f != "council-budget-submission")
            add("submission.wrong_format", "/format", "expected \"council-budget-submission\"");
        if (auto v = integer(root, "", "format_version"); v && *v != kSubmissionFormatVersion)
            add("submission.unsupported_version", "/format_version",
                "format_version " + std::to_string(*v) + " is not supported; this build reads version " +
                    std::to_string(kSubmissionFormatVersion));
        if (auto id = str(root, "", "submission_id")) {
            if (valid_submission_id(*id)) s.submission_id = *id;
            else add("submission.bad_id", "/submission_id", "must be 8-64 characters of A-Z, a-z, 0-9, '-' or '_'");
        }
        if (auto lang = str(root, "", "language", false)) {
            if (*lang != "en" && *lang != "cy") add("submission.bad_language", "/language", "language is \"en\" or \"cy\"");
            else s.language = *lang;
        }
        if (auto typed = str(root, "", "voter_code", false)) {
            if (auto code = normalise_voter_code(*typed)) s.voter_code = *code;
            else add("submission.bad_voter_code", "/voter_code", kBadVoterCodeMessage);
        }
        if (const json* bud = obj(root, "", "budget")) {
            fields(*bud, "/budget", {"id", "version"});
            auto id = str(*bud, "/budget", "id");
            auto version = integer(*bud, "/budget", "version");
            if (id && *id != b_.id) {
                add("submission.wrong_budget", "/budget/id", "submission is for budget " + in_quotes(*id) + ", not " + in_quotes(b_.id));
                return;  // nothing else can be checked against the wrong budget
            }
            if (version && *version != b_.version) {
                add("submission.wrong_budget_version", "/budget/version",
                    "submission is for version " + std::to_string(*version) + " of the budget; the current version is " +
                        std::to_string(b_.version));
                return;
            }
            if (id) s.budget_id = *id;
            if (version) s.budget_version = *version;
        }
        const std::size_t before_choices = out_.problems.size();
        if (const json* c = obj(root, "", "choices")) choices(*c);
        const bool choices_ok = out_.problems.size() == before_choices;
        const json* claimed = obj(root, "", "outcome");
        if (claimed) {
            fields(*claimed, "/outcome", {"remaining_gap_pence", "band_d_pence"});
            if (auto g = integer(*claimed, "/outcome", "remaining_gap_pence")) s.claimed_remaining_gap = *g;
            if (auto d = integer(*claimed, "/outcome", "band_d_pence")) s.claimed_band_d = *d;
        }
        if (const json* c = obj(root, "", "comments", false)) comments(*c);
        if (const json* d = obj(root, "", "demographics", false)) demographics(*d);
        if (const json* r = obj(root, "", "ratings", false)) ratings(*r);
        if (!choices_ok) return;
        simulate(b_, s.choices, out_.outcome);
        if (claimed && (out_.outcome.remaining_gap != s.claimed_remaining_gap || out_.outcome.band_d != s.claimed_band_d))
            add("submission.totals_mismatch", "/outcome",
                "claimed totals (gap " + format_pounds(s.claimed_remaining_gap) + ", Band D " + format_pounds(s.claimed_band_d) +
                    ") do not match the re-simulated totals (gap " + format_pounds(out_.outcome.remaining_gap) +
                    ", Band D " + format_pounds(out_.outcome.band_d) + ")");
        if (b_.balance_rule == BalanceRule::MustBalance && !out_.outcome.balanced)
            add("submission.unbalanced", "/choices",
                "the budget must balance, but these choices leave a gap of " + format_pounds(out_.outcome.remaining_gap));
    }

private:
    void add(const char* code, const std::string& ptr, const std::string& message) {
        out_.problems.push_back(doc_.problem(code, ptr, message));
    }
    void fields(const json& o, const std::string& ptr, std::initializer_list<const char*> allowed) {
        for (auto it = o.begin(); it != o.end(); ++it)
            if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return it.key() == a; }))
                add("submission.unknown_field", ptr + "/" + pointer_token(it.key()), "unknown field " + in_quotes(it.key()));
    }
    const json* member(const json& o, const std::string& ptr, const char* key, bool required) {
        const auto it = o.find(key);
        if (it != o.end()) return &*it;
        if (required) add("submission.missing_field", ptr, std::string("missing required field ") + in_quotes(key));
        return nullptr;
    }
    bool type_ok(const Where& at, bool ok, const char* expected) {
        if (!ok) add("submission.wrong_type", at.str(), std::string("expected ") + expected);
        return ok;
    }
    const json* obj(const json& o, const std::string& ptr, const char* key, bool required = true) {
        const json* v = member(o, ptr, key, required);
        return (v && type_ok({ptr, key}, v->is_object(), "an object")) ? v : nullptr;
    }
    std::optional<std::string> str(const json& o, const std::string& ptr, const char* key, bool required = true) {
        const json* v = member(o, ptr, key, required);
        if (!v || !type_ok({ptr, key}, v->is_string(), "a string")) return std::nullopt;
        return v->get<std::string>();
    }
    std::optional<std::int64_t> integer(const json& o, const std::string& ptr, const char* key, bool required = true) {
        const json* v = member(o, ptr, key, required);
        if (!v) return std::nullopt;
        return int64_value(*v, {ptr, key}, "an integer");
    }
    // A JSON integer as int64: one beyond int64 is refused (never wrapped), as is any non-integer.
    std::optional<std::int64_t> int64_value(const json& v, const Where& at, const char* expected) {
        constexpr double kTwoTo63 = 9223372036854775808.0;
        const bool too_big = (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) ||
                             (v.is_number_float() && !(std::fabs(v.get<double>()) < kTwoTo63));
        if (too_big) {
            add("submission.integer_out_of_range", at.str(), "the number is outside the range of a 64-bit integer");
            return std::nullopt;
        }
        if (!type_ok(at, v.is_number_integer(), expected)) return std::nullopt;
        return v.get<std::int64_t>();
    }

    // A lever value in basis points: in range and on a step.
    void lever(const Where& at, std::int64_t v, BasisPoints mn, BasisPoints mx, BasisPoints step, BasisPoints& out) {
        const LeverFit fit = lever_fit(v, mn, mx, step);
        if (fit == LeverFit::OutOfRange) {
            add("submission.out_of_range", at.str(),
                format_bp_as_percent(static_cast<BasisPoints>(std::clamp<std::int64_t>(v, -100000, 100000))) +
                    "% is outside the allowed range " + format_bp_as_percent(mn) + "% to " + format_bp_as_percent(mx) + "%");
            return;
        }
        if (fit == LeverFit::OffStep) {
            add("submission.off_step", at.str(),
                format_bp_as_percent(static_cast<BasisPoints>(v)) + "% is not a step of " + format_bp_as_percent(step) + "%");
            return;
        }
        out = static_cast<BasisPoints>(v);
    }

    void choices(const json& c) {
        fields(c, "/choices", {"services", "efficiencies", "income", "council_tax_bp"});
        Choices& ch = out_.submission.choices;
        if (const json* services = obj(c, "/choices", "services", false)) {
            for (auto it = services->begin(); it != services->end(); ++it) {
                const Where at{"/choices/services", it.key()};
                const auto idx = b_.find_service(it.key());
                if (!idx) { add("submission.unknown_service", at.str(), "unknown service " + in_quotes(it.key())); continue; }
                const auto value = int64_value(*it, at, "an integer number of basis points");
                if (!value) continue;
                const std::int64_t v = *value;
                const Service& s = b_.services[*idx];
                if (s.locked) {
                    if (v != 0) add("submission.locked_line_moved", at.str(), in_quotes(s.id) + " is locked and cannot change");
                    continue;
                }
                lever(at, v, s.min_bp, s.max_bp, s.step_bp, ch.service_bp[*idx]);
            }
        }
        options(c, "efficiencies", ch.efficiency_on, [&](const std::string& id) { return b_.find_efficiency(id); });
        options(c, "income", ch.income_on, [&](const std::string& id) { return b_.find_income(id); });
        if (auto ct = integer(c, "/choices", "council_tax_bp", false)) {
            const CouncilTax& t = b_.council_tax;
            if (*ct > -100000 && *ct < 100000 && !within_cap(t, static_cast<BasisPoints>(*ct)))
                add("submission.council_tax_over_cap", "/choices/council_tax_bp",
                    "a " + format_bp_as_percent(static_cast<BasisPoints>(*ct)) + "% rise is over the referendum cap (" +
                        describe_cap(t) + ")");
            else
                lever({"/choices", "council_tax_bp"}, *ct, t.lever_min_bp, t.lever_max_bp, t.lever_step_bp, ch.council_tax_bp);
        }
    }

    template <class Find>
    void options(const json& c, const char* key, std::vector<char>& on, Find find) {
        const json* list = member(c, "/choices", key, false);
        const std::string base = std::string("/choices/") + key;
        if (!list || !type_ok({"/choices", key}, list->is_array(), "an array of option ids")) return;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string index = std::to_string(i);
            const Where at{base, index};
            const json& v = (*list)[i];
            if (!type_ok(at, v.is_string(), "an option id")) continue;
            const std::string& id = v.get_ref<const std::string&>();
            const auto idx = find(id);
            if (!idx) { add("submission.unknown_option", at.str(), "unknown option " + in_quotes(id)); continue; }
            if (on[*idx]) { add("submission.duplicate_option", at.str(), "option " + in_quotes(id) + " is listed twice"); continue; }
            on[*idx] = 1;
        }
    }

    void comment_text(const json& v, const Where& at, std::string& out) {
        if (!type_ok(at, v.is_string(), "a string")) return;
        const auto& s = v.get_ref<const std::string&>();
        if (!comment_fits(s)) {
            add("submission.comment_too_long", at.str(), "comments are limited to " + std::to_string(kMaxCommentBytes) + " bytes");
            return;
        }
        out = s;
    }

    void comments(const json& c) {
        fields(c, "/comments", {"overall", "services"});
        Submission& s = out_.submission;
        if (const json* overall = member(c, "/comments", "overall", false)) comment_text(*overall, {"/comments", "overall"}, s.overall_comment);
        if (const json* per = obj(c, "/comments", "services", false)) {
            for (auto it = per->begin(); it != per->end(); ++it) {
                const Where at{"/comments/services", it.key()};
                const auto idx = b_.find_service(it.key());
                if (!idx) { add("submission.unknown_service", at.str(), "unknown service " + in_quotes(it.key())); continue; }
                std::string text;
                comment_text(*it, at, text);
                if (!text.empty()) s.service_comments.emplace_back(*idx, std::move(text));
            }
        }
    }

    void demographics(const json& d) {
        for (auto it = d.begin(); it != d.end(); ++it) {
            const Where at{"/demographics", it.key()};
            const auto q = find_demographic(b_, it.key());
            if (!q) { add("submission.unknown_demographic", at.str(), "unknown question " + in_quotes(it.key())); continue; }
            if (!type_ok(at, it->is_string(), "an option id")) continue;
            const auto o = find_demographic_option(b_, *q, it->get_ref<const std::string&>());
            if (!o) { add("submission.unknown_demographic", at.str(), "unknown answer " + in_quotes(it->get<std::string>())); continue; }
            out_.submission.demographics.emplace_back(*q, *o);
        }
    }

    // {"services": {"group-id": "fairly_satisfied"}, "council": {"trust": "a_fair_amount"}}
    void ratings(const json& r) {
        fields(r, "/ratings", {"services", "council"});
        Ratings& out = out_.submission.ratings;
        const auto point = [&](const Where& at, const json& v, RatingScale scale) -> std::optional<int> {
            if (!type_ok(at, v.is_string(), "a point on the scale")) return std::nullopt;
            const auto p = find_point(scale, v.get_ref<const std::string&>());
            if (!p) {
                std::string allowed;
                for (const char* id : scale_point_ids(scale)) allowed += std::string(allowed.empty() ? "" : ", ") + id;
                add("submission.bad_rating", at.str(), in_quotes(v.get<std::string>()) + " is not one of " + allowed + " or dont_know");
            }
            return p;
        };
        if (const json* services = obj(r, "/ratings", "services", false)) {
            for (auto it = services->begin(); it != services->end(); ++it) {
                const Where at{"/ratings/services", it.key()};
                std::optional<std::size_t> group;
                for (std::size_t g = 0; g < b_.groups.size(); ++g)
                    if (b_.groups[g].id == it.key()) group = g;
                if (!group) { add("submission.unknown_rating", at.str(), "unknown service group " + in_quotes(it.key())); continue; }
                if (const auto p = point(at, *it, RatingScale::Satisfaction)) out.services.emplace_back(*group, *p);
            }
        }
        if (const json* council = obj(r, "/ratings", "council", false)) {
            for (auto it = council->begin(); it != council->end(); ++it) {
                const Where at{"/ratings/council", it.key()};
                const auto q = find_perception_question(it.key());
                if (!q) { add("submission.unknown_rating", at.str(), "unknown question " + in_quotes(it.key())); continue; }
                if (const auto p = point(at, *it, perception_questions()[*q].scale)) out.perception.emplace_back(*q, *p);
            }
        }
    }

    const Budget& b_;
    const JsonDocument& doc_;
    SubmissionCheck& out_;
    bool choices_only_ = false;
};

}  // namespace

SubmissionCheck validate_submission(const Budget& b, std::string text) {
    SubmissionCheck out;
    if (read_valid_submission_fast(b, text, out.submission, out.outcome)) {
        out.ok = true;
        return out;
    }
    return validate_submission_full_path(b, std::move(text));  // decides, and says why
}

SubmissionCheck validate_submission_full_path(const Budget& b, std::string text) {
    SubmissionCheck out;
    JsonDocument doc;
    if (!parse_json(std::move(text), submission_limits(), doc, out.problems)) return out;
    return check_submission_document(b, doc);
}

SubmissionCheck check_submission_document(const Budget& b, const JsonDocument& doc) {
    SubmissionCheck out;
    Checker(b, doc, out).run();
    out.ok = out.problems.empty();
    return out;
}

SubmissionCheck parse_choices(const Budget& b, std::string text) {
    SubmissionCheck out;
    JsonDocument doc;
    if (!parse_json(std::move(text), submission_limits(), doc, out.problems)) return out;
    Checker(b, doc, out).run_choices_only();
    out.ok = out.problems.empty();
    return out;
}

std::string submission_to_send(const Budget& b, const Submission& s) {
    std::string stored = submission_to_json(b, s);
    return s.voter_code.empty() ? stored : with_string_member(std::move(stored), "voter_code", format_voter_code(s.voter_code));
}

Submission make_submission(const Budget& b, const Choices& choices, std::string submission_id) {
    Submission s;
    s.submission_id = std::move(submission_id);
    s.budget_id = b.id;
    s.budget_version = b.version;
    s.choices = choices;
    const Outcome o = simulate(b, choices);
    s.claimed_remaining_gap = o.remaining_gap;
    s.claimed_band_d = o.band_d;
    return s;
}

std::string submission_to_json(const Budget& b, const Submission& s) {
    // Keys in sorted order, as nlohmann/json writes objects (the form stays byte-identical).
    const auto sorted_by_id = [](std::vector<std::pair<std::string_view, std::size_t>> items) {
        short_sort(items);
        return items;
    };
    JsonWriter w;
    w.begin_object();
    w.key("budget").begin_object().key("id").string(b.id).key("version").integer(b.version).end_object();
    w.key("choices").begin_object().key("council_tax_bp").integer(s.choices.council_tax_bp);
    w.key("efficiencies").begin_array();
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
        if (s.choices.efficiency_on[i]) w.string(b.efficiencies[i].id);
    w.end_array().key("income").begin_array();
    for (std::size_t i = 0; i < b.incomes.size(); ++i)
        if (s.choices.income_on[i]) w.string(b.incomes[i].id);
    w.end_array();
    std::vector<std::pair<std::string_view, std::size_t>> moved;
    for (std::size_t i = 0; i < b.services.size(); ++i)
        if (s.choices.service_bp[i] != 0) moved.emplace_back(b.services[i].id, i);
    w.key("services").begin_object();
    for (const auto& [id, i] : sorted_by_id(moved)) w.key(id).integer(s.choices.service_bp[i]);
    w.end_object().end_object();
    if (!s.overall_comment.empty() || !s.service_comments.empty()) {
        w.key("comments").begin_object();
        if (!s.overall_comment.empty()) w.key("overall").string(s.overall_comment);
        if (!s.service_comments.empty()) {
            std::vector<std::pair<std::string_view, std::size_t>> per;
            for (std::size_t k = 0; k < s.service_comments.size(); ++k) per.emplace_back(b.services[s.service_comments[k].first].id, k);
            w.key("services").begin_object();
            for (const auto& [id, k] : sorted_by_id(per)) w.key(id).string(s.service_comments[k].second);
            w.end_object();
        }
        w.end_object();
    }
    if (!s.demographics.empty()) {
        std::vector<std::pair<std::string_view, std::size_t>> answers;
        for (std::size_t k = 0; k < s.demographics.size(); ++k) answers.emplace_back(b.demographics[s.demographics[k].first].id, k);
        w.key("demographics").begin_object();
        for (const auto& [id, k] : sorted_by_id(answers)) {
            const auto& [q, o] = s.demographics[k];
            w.key(id).string(b.demographics[q].options[o].first);
        }
        w.end_object();
    }
    w.key("format").string("council-budget-submission").key("format_version").integer(kSubmissionFormatVersion);
    w.key("language").string(s.language);
    w.key("outcome").begin_object().key("band_d_pence").integer(s.claimed_band_d).key("remaining_gap_pence")
        .integer(s.claimed_remaining_gap).end_object();
    if (!s.ratings.empty()) {
        w.key("ratings").begin_object();
        if (!s.ratings.perception.empty()) {
            std::vector<std::pair<std::string_view, std::size_t>> asked;
            for (std::size_t k = 0; k < s.ratings.perception.size(); ++k) asked.emplace_back(perception_questions()[s.ratings.perception[k].first].id, k);
            w.key("council").begin_object();
            for (const auto& [id, k] : sorted_by_id(asked)) {
                const auto& [q, point] = s.ratings.perception[k];
                w.key(id).string(point_id(perception_questions()[q].scale, point));
            }
            w.end_object();
        }
        if (!s.ratings.services.empty()) {
            std::vector<std::pair<std::string_view, std::size_t>> rated;
            for (std::size_t k = 0; k < s.ratings.services.size(); ++k) rated.emplace_back(b.groups[s.ratings.services[k].first].id, k);
            w.key("services").begin_object();
            for (const auto& [id, k] : sorted_by_id(rated)) w.key(id).string(point_id(RatingScale::Satisfaction, s.ratings.services[k].second));
            w.end_object();
        }
        w.end_object();
    }
    w.key("submission_id").string(s.submission_id);
    w.end_object();
    return std::move(w.text());
}

}  // namespace budget
