// AppState changes and its JSON view.
#include "app_state.h"

#include <algorithm>

#include "ballot_submission.h"
#include "json_writer.h"
#include "money.h"
#include "overview.h"
#include "submission.h"
#include "vote.h"
#include "voter_code.h"
#include "utc_time.h"

namespace app {

void AppState::start(budget::Budget b) {
    budget = std::move(b);
    choices = budget::default_choices(budget);
    resimulate();
    baseline = outcome;
    undo.clear();
    service_comments.assign(budget.services.size(), std::string());
    demographic_answers.assign(budget.demographics.size(), -1);
    clear_ratings();
}

void AppState::clear_ratings() {
    group_ratings.assign(budget.groups.size(), kNotRated);
    perception_ratings.assign(budget::perception_questions().size(), kNotRated);
}

void AppState::set_choices(const budget::Choices& next) {
    undo.push_back(choices);
    if (undo.size() > 200) undo.erase(undo.begin());
    choices = next;
    resimulate();
    touched();
}

void AppState::resimulate() {
    budget::simulate(budget, choices, outcome);
    lower_tax.reset();
    if (!outcome.balanced || outcome.remaining_gap == 0) return;
    const auto lowest = budget::lowest_balancing_council_tax(budget, choices);
    if (!lowest || *lowest >= choices.council_tax_bp) return;
    budget::Choices lower = choices;
    lower.council_tax_bp = *lowest;
    lower_tax = LowerTax{*lowest, budget::simulate(budget, lower).band_d};
}

void AppState::reset() { set_choices(budget::default_choices(budget)); }

void AppState::choose_language(const std::string& wanted) {
    if (wanted != "cy" || welsh_state == Catalogue::Loaded) {
        language = wanted == "cy" ? "cy" : "en";
        return;
    }
    if (welsh_state == Catalogue::Loading) return;
    welsh_state = Catalogue::Loading;
    fetch_welsh = true;
}

bool AppState::welsh_arrived(const std::optional<std::string_view>& po, budget::Problem& problem) {
    welsh = budget::MessageCatalogue();
    if (!po) {
        problem = budget::Problem("catalogue.download", "", 0, 0, "the Welsh words could not be downloaded");
    } else if (welsh.read(*po, problem)) {
        welsh_state = Catalogue::Loaded;
        language = "cy";
        return true;
    }
    welsh_state = Catalogue::Failed;
    return false;
}

bool AppState::undo_last() {
    if (undo.empty()) return false;
    choices = undo.back();
    undo.pop_back();
    resimulate();
    touched();
    return true;
}

std::string AppState::consultation_note() const {
    if (consultation == Consultation::Open) return "";
    std::string note = consultation == Consultation::NotOpen
                           ? tr("This consultation opens on {time}. You can try the simulator now, and send your budget from then.")
                           : tr("This consultation closed on {time}. You can still try the simulator, but budgets are no longer "
                                "collected.");
    const auto at = note.find("{time}");
    if (at != std::string::npos) note.replace(at, 6, budget::describe_uk(consultation_time, language));  // UK time, GMT or BST
    return note;
}

bool AppState::can_submit(std::string& why) const {
    if (consultation != Consultation::Open) {
        why = consultation_note();
        return false;
    }
    if (budget.balance_rule == budget::BalanceRule::MustBalance && !outcome.balanced) {
        why = tr("The council must set a balanced budget: close the remaining gap of ") +
              budget::format_pounds_short(outcome.remaining_gap) + tr(" before sending.");
        return false;
    }
    why = voter_code_problem();
    return why.empty();
}

std::string AppState::tr(const char* english, std::initializer_list<std::pair<const char*, std::string>> fills) const {
    std::string text = tr(english);
    for (const auto& [name, value] : fills) {
        const std::string place = std::string("{") + name + "}";
        for (auto at = text.find(place); at != std::string::npos; at = text.find(place, at + value.size()))
            text.replace(at, place.size(), value);
    }
    return text;
}

std::vector<std::uint32_t> BallotChoice::projects() const {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < chosen.size(); ++i)
        if (chosen[i]) out.push_back(static_cast<std::uint32_t>(i));
    return out;
}

budget::Pence BallotChoice::spent() const {
    budget::Pence total = 0;  // at most 2,000 projects of at most £10 trillion: no overflow
    for (std::size_t i = 0; i < chosen.size(); ++i)
        if (chosen[i]) total += ballot.projects[i].cost;
    return total;
}

budget::Pence BallotChoice::budget() const {
    return area >= 0 ? ballot.areas[static_cast<std::size_t>(area)].budget : ballot.budget;
}

bool BallotChoice::in_area(std::size_t project) const {
    return ballot.areas.empty() || (area >= 0 && ballot.projects[project].area == ballot.areas[static_cast<std::size_t>(area)].id);
}

void AppState::start_ballot(budget::Ballot b) {
    vote.emplace();
    vote->chosen.assign(b.projects.size(), 0);
    if (b.areas.size() == 1) vote->area = 0;
    vote->ballot = std::move(b);
    screen = Screen::Ballot;
    drawn_screen = Screen::Welcome;  // the first frame starts the keyboard at the top
}

void AppState::choose_project(std::size_t project, bool on) {
    if (!vote || project >= vote->chosen.size() || !vote->in_area(project)) return;
    vote->chosen[project] = on ? 1 : 0;
    touched();
}

void AppState::choose_area(int area) {
    if (!vote || area < -1 || area >= static_cast<int>(vote->ballot.areas.size()) || area == vote->area) return;
    vote->area = area;
    for (std::size_t i = 0; i < vote->chosen.size(); ++i)
        if (!vote->in_area(i)) vote->chosen[i] = 0;
    touched();
}

bool AppState::kiosk_clock(int idle_seconds) {
    if (!kiosk.on) return false;
    const bool sent = (screen == Screen::Confirmation || screen == Screen::BallotSent) && send_state != SendState::NotSent;
    kiosk.after_send = sent ? kiosk.after_send + 1 : 0;
    const int idle_left = kiosk.idle_limit - idle_seconds;
    const int left = sent ? std::min(kKioskAfterSend - kiosk.after_send, idle_left) : idle_left;
    kiosk.seconds_left = left <= kKioskWarning ? std::max(left, 0) : -1;
    if (left > 0) return false;
    kiosk_reset();
    return true;
}

void AppState::kiosk_reset() {
    kiosk.after_send = 0;
    kiosk.seconds_left = -1;
    if (vote) {
        clear_vote();
    } else {
        set_choices(budget::default_choices(budget));
        undo.clear();
        overall_comment.clear();
        service_comments.assign(budget.services.size(), std::string());
        demographics_consent = false;
        demographic_answers.assign(budget.demographics.size(), -1);
        clear_ratings();
        submission_id.clear();
        voter_code.clear();
        send_state = SendState::NotSent;
        send_code.clear();
        send_message.clear();
        has_shared = false;
        link_copied = false;
        lever_tab = 0;
        summary_open = false;
        confirm_reset = false;
        screen = Screen::Welcome;
    }
    touched();
}

void AppState::clear_vote() {
    if (!vote) return;
    vote->chosen.assign(vote->chosen.size(), 0);
    vote->area = vote->ballot.areas.size() == 1 ? 0 : -1;
    submission_id.clear();
    voter_code.clear();
    send_state = SendState::NotSent;
    send_code.clear();
    send_message.clear();
    screen = Screen::Ballot;
    touched();
}

std::string AppState::money(budget::Pence amount) const {
    const std::string& currency = vote ? vote->ballot.currency : std::string("GBP");
    if (currency != "GBP") return budget::pounds_decimal(amount) + " " + currency;
    std::string text = budget::format_pounds(amount);
    if (amount % 100 == 0 && text.size() > 3) text.resize(text.size() - 3);  // "£250,000", not "£250,000.00"
    return text;
}

std::string AppState::ballot_rule_words() const {
    if (!vote) return "";
    const budget::Ballot& b = vote->ballot;
    std::string words;
    if (!b.areas.empty()) words = std::string(tr("Choose your area first: each area has its own budget, and you vote for projects in one area.")) + " ";
    if (b.rule == budget::BallotRule::Knapsack) {
        const budget::Pence limit = vote->budget(), least = budget::minimum_spend(b, limit);
        words += least > 0 ? tr("Choose projects that cost {least} to {budget} in all.", {{"least", money(least)}, {"budget", money(limit)}})
                           : tr("Choose projects that cost up to {budget} in all.", {{"budget", money(limit)}});
    } else if (b.max_projects > 0) {
        words += b.min_projects == b.max_projects ? tr("Choose {max} projects.", {{"max", std::to_string(b.max_projects)}})
                 : b.min_projects > 1
                     ? tr("Choose from {min} to {max} projects.", {{"min", std::to_string(b.min_projects)}, {"max", std::to_string(b.max_projects)}})
                     : tr("Choose up to {max} projects.", {{"max", std::to_string(b.max_projects)}});
    } else {
        words += b.min_projects > 1 ? tr("Choose at least {min} projects.", {{"min", std::to_string(b.min_projects)}})
                                    : tr("Choose as many projects as you like.");
    }
    return words;
}

std::string AppState::vote_problem() const {
    if (!vote) return "";
    const budget::Ballot& b = vote->ballot;
    if (!b.areas.empty() && vote->area < 0) return tr("Choose your area.");
    const auto projects = vote->projects();
    if (projects.empty()) return tr("Choose at least one project.");
    budget::Problems problems;
    budget::check_vote_rule(b, projects, problems);
    if (problems.empty()) return "";
    const std::string& code = problems.front().code;
    const std::string count = std::to_string(projects.size());
    if (code == "vote.too_few") return tr("You have chosen {count}: choose at least {min} projects.", {{"count", count}, {"min", std::to_string(b.min_projects)}});
    if (code == "vote.too_many")
        return tr("You have chosen {count}: the most you can choose is {max}. Remove one to send your vote.",
                  {{"count", count}, {"max", std::to_string(b.max_projects)}});
    if (code == "vote.over_budget")
        return tr("Your projects cost {spent}, more than the {budget} to spend. Remove one to send your vote.",
                  {{"spent", money(vote->spent())}, {"budget", money(vote->budget())}});
    if (code == "vote.under_share")
        return tr("Your projects cost {spent}: choose projects that cost at least {least} in all.",
                  {{"spent", money(vote->spent())}, {"least", money(budget::minimum_spend(b, vote->budget()))}});
    return problems.front().message;  // a rule the app does not word yet: the core's English
}

std::string AppState::voter_code_problem() const {
    const bool required = vote ? vote->ballot.codes_required : budget.codes_required;
    if (!required || budget::normalise_voter_code(voter_code)) return "";
    return voter_code.empty() ? tr("Enter the voter code printed on your slip.")
                              : tr("A voter code is 10 letters and digits, as printed on your slip. Check it and try again.");
}

std::string AppState::refusal() const {
    if (send_code == "code.used") return tr("This voter code has already been used, so this could not be sent. Each code works once.");
    if (send_code == "code.unknown")
        return tr("This is not a voter code for this consultation, so this could not be sent. Check it against your slip.");
    if (send_code == "code.missing") return tr("This could not be sent without the voter code printed on your slip.");
    if (send_code == "consultation.closed") return tr("The consultation has closed, so this could not be sent.");
    return "";
}

std::string AppState::vote_json() const {
    if (!vote) return "";
    budget::BallotSubmission v;
    v.ballot_id = vote->ballot.id;
    v.version = vote->ballot.version;
    v.submission_id = submission_id;
    v.projects = vote->projects();
    v.language = language;
    v.voter_code = budget::normalise_voter_code(voter_code).value_or("");
    return budget::ballot_vote_to_send(vote->ballot, v);
}

std::string AppState::submission_json() const {
    budget::Draft d = draft();
    budget::Submission s = budget::make_submission(budget, choices, submission_id);
    s.language = language;
    s.overall_comment = std::move(d.overall_comment);
    s.service_comments = std::move(d.service_comments);
    if (d.demographics_consent) s.demographics = std::move(d.demographics);  // answers go only with consent
    s.ratings = std::move(d.ratings);
    s.voter_code = budget::normalise_voter_code(voter_code).value_or("");
    return budget::submission_to_send(budget, s);
}

budget::Draft AppState::draft() const {
    budget::Draft d;
    d.choices = choices;
    d.overall_comment = overall_comment;
    for (std::size_t i = 0; i < service_comments.size(); ++i)
        if (!service_comments[i].empty()) d.service_comments.emplace_back(i, service_comments[i]);
    d.demographics_consent = demographics_consent;
    for (std::size_t q = 0; q < demographic_answers.size(); ++q)
        if (demographic_answers[q] >= 0) d.demographics.emplace_back(q, static_cast<std::size_t>(demographic_answers[q]));
    for (std::size_t g = 0; g < group_ratings.size(); ++g)
        if (group_ratings[g] != kNotRated) d.ratings.services.emplace_back(g, group_ratings[g]);
    for (std::size_t q = 0; q < perception_ratings.size(); ++q)
        if (perception_ratings[q] != kNotRated) d.ratings.perception.emplace_back(q, perception_ratings[q]);
    return d;
}

void AppState::restore(const budget::Draft& d) {
    set_choices(d.choices);
    undo.clear();
    overall_comment = d.overall_comment;
    for (const auto& [svc, t] : d.service_comments)
        if (svc < service_comments.size()) service_comments[svc] = t;
    demographics_consent = d.demographics_consent;
    for (const auto& [q, o] : d.demographics)
        if (q < demographic_answers.size()) demographic_answers[q] = static_cast<int>(o);
    clear_ratings();
    for (const auto& [g, point] : d.ratings.services)
        if (g < group_ratings.size()) group_ratings[g] = point;
    for (const auto& [q, point] : d.ratings.perception)
        if (q < perception_ratings.size()) perception_ratings[q] = point;
}

namespace {

void budget_state(budget::JsonWriter& w, const AppState& s) {
    w.key("efficiencies").begin_array();
    for (std::size_t i = 0; i < s.budget.efficiencies.size(); ++i)
        if (s.choices.efficiency_on[i]) w.string(s.budget.efficiencies[i].id);
    w.end_array().key("income").begin_array();
    for (std::size_t i = 0; i < s.budget.incomes.size(); ++i)
        if (s.choices.income_on[i]) w.string(s.budget.incomes[i].id);
    w.end_array();
    w.key("overall_comment").string(s.overall_comment);
    w.key("receipt_band").string(std::string(1, s.budget.council_tax.bands[s.receipt_band].letter));
    w.key("budget").string(s.budget.id);
    w.key("services_bp").begin_object();
    for (std::size_t i = 0; i < s.budget.services.size(); ++i) w.key(s.budget.services[i].id).integer(s.choices.service_bp[i]);
    w.end_object();
    w.key("council_tax_bp").integer(s.choices.council_tax_bp).key("remaining_gap_pence").integer(s.outcome.remaining_gap);
    const budget::Overview v = budget::overview(s.budget, s.outcome);
    w.key("overview").begin_object().key("net_budget_pence").integer(v.net_budget).key("per_resident_pence").integer(v.per_resident);
    w.key("per_band_d_pence").integer(v.per_band_d).key("council_tax_pence").integer(v.council_tax).key("groups_pence").begin_array();
    for (const auto& g : v.groups) w.integer(g.spend);
    w.end_array().end_object();
    w.key("balanced").boolean(s.outcome.balanced).key("undo_steps").integer(static_cast<std::int64_t>(s.undo.size()));
}

void ballot_state(budget::JsonWriter& w, const AppState& s) {
    const BallotChoice& v = *s.vote;
    w.key("budget").string(v.ballot.id).key("ballot").begin_object();
    w.key("area").string(v.area >= 0 ? v.ballot.areas[static_cast<std::size_t>(v.area)].id : "");
    w.key("chosen").begin_array();
    for (const auto p : v.projects()) w.string(v.ballot.projects[p].id);
    w.end_array().key("spent_pence").integer(v.spent()).key("budget_pence").integer(v.budget());
    w.key("problem").string(s.vote_problem()).end_object();
}

}  // namespace

std::string state_json(const AppState& s, const FrameCosts& costs) {
    static const char* const screens[] = {"welcome", "simulator", "review", "confirmation", "annual_report", "ballot", "ballot_review", "ballot_sent", "ratings"};
    static const char* const sends[] = {"not_sent", "waiting", "sent", "rejected"};
    budget::JsonWriter w;
    w.begin_object();
    w.key("screen").string(screens[static_cast<int>(s.screen)]);
    w.key("kind").string(s.vote ? "ballot" : "budget");
    if (s.vote) ballot_state(w, s);
    else budget_state(w, s);
    w.key("submission_id").string(s.submission_id).key("send_state").string(sends[static_cast<int>(s.send_state)]);
    w.key("projector").boolean(s.projector).key("language").string(s.language);
    w.key("frames_drawn").integer(static_cast<std::int64_t>(costs.frames));
    w.key("frames_painted").integer(static_cast<std::int64_t>(costs.painted)).key("frame_ms_mean").number(costs.mean_ms, 4);
    w.key("frame_ms_max").number(costs.max_ms, 4).key("build_ms_mean").number(costs.build_mean_ms, 4);
    w.key("font_px").number(costs.font_px, 1);  // the size the font is rasterised at (device pixels)
    w.key("font_glyphs").integer(costs.font_glyphs);  // grows when the extra Latin letters arrive
    w.key("items").begin_object();
    for (const MirrorNode& n : s.mirror.nodes) {
        if (n.key.rfind("text:", 0) == 0) continue;
        w.key(n.key).begin_object().key("x").number(n.x, 2).key("y").number(n.y, 2).key("w").number(n.w, 2).key("h").number(n.h, 2);
        if (n.clipped) w.key("clipped").boolean(true);  // partly or wholly scrolled out of view
        w.end_object();
    }
    w.end_object().end_object();
    return std::move(w.text());
}

}  // namespace app
