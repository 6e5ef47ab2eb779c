// Deciding what a resident's document is and whether it holds: the fast path, then one bounded parse.
#include "intake.h"

#include <utility>

#include "submission_reader.h"

namespace budget {

const Budget* PublishedBudgets::find(const std::string& id, std::int64_t version) const {
    for (const auto& versions : consultations) {
        if (versions.empty() || versions.front()->id != id) continue;
        for (const Budget* b : versions)
            if (b->version == version) return b;
        return nullptr;
    }
    return nullptr;
}

const Budget* PublishedBudgets::current(const std::string& id) const {
    for (const auto& versions : consultations)
        if (!versions.empty() && versions.front()->id == id) return versions.front();
    return nullptr;
}

namespace {

const std::string* string_member(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

}  // namespace

Intake take_in(std::string body, const PublishedBudgets& budgets, const std::vector<const Ballot*>* ballots) {
    Intake in;
    // The budget id comes first in the canonical form, so the fast reader refuses a wrong budget at once.
    for (const auto& versions : budgets.consultations) {
        for (const Budget* b : versions) {
            if (read_valid_submission_fast(*b, body, in.submission.submission, in.submission.outcome)) {
                in.kind = IntakeKind::BudgetSubmission;
                in.budget = b;
                in.submission.ok = true;
                return in;
            }
            in.submission = SubmissionCheck{};
        }
    }

    JsonDocument doc;
    if (!parse_json(std::move(body), submission_limits(), doc, in.problems)) {
        in.kind = IntakeKind::Malformed;
        return in;
    }
    const nlohmann::json& root = doc.root();
    const std::string* format = string_member(root, "format");
    if (ballots && format && *format == kBallotVoteFormat) {
        const auto named = root.is_object() && root.contains("ballot") ? string_member(root["ballot"], "id") : nullptr;
        for (const Ballot* b : *ballots)
            if (named && b->id == *named) {
                in.ballot = b;
                break;
            }
        if (!in.ballot) {
            in.kind = IntakeKind::UnknownBallot;
            return in;
        }
        in.kind = IntakeKind::BallotVote;
        in.vote = check_ballot_vote(*in.ballot, doc);
        return in;
    }
    std::string budget_id;
    std::int64_t version = 0;
    const auto named = root.is_object() && root.contains("budget") ? &root["budget"] : nullptr;
    if (const std::string* id = named ? string_member(*named, "id") : nullptr) {
        budget_id = *id;
        if (named->contains("version") && (*named)["version"].is_number_integer())
            version = (*named)["version"].get<std::int64_t>();
    }
    in.budget = budgets.find(budget_id, version);
    if (!in.budget) in.budget = budgets.current(budget_id);
    if (!in.budget) {
        in.kind = IntakeKind::UnknownBudget;
        return in;
    }
    in.kind = IntakeKind::BudgetSubmission;
    in.submission = check_submission_document(*in.budget, doc);
    return in;
}

}  // namespace budget
