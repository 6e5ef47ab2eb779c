// The rating scales, the LGA's perception questions, the stored codes and the Wilson interval.
#include "resident_ratings.h"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "catalogue_mark.h"
#include "money.h"

namespace budget {

namespace {

struct ScaleText {
    std::vector<const char*> ids, words;
    const char* positive;
};

const ScaleText& scale_text(RatingScale scale) {
    static const ScaleText satisfaction{
        {"very_satisfied", "fairly_satisfied", "neither", "fairly_dissatisfied", "very_dissatisfied"},
        {N_("Very satisfied"), N_("Fairly satisfied"), N_("Neither satisfied nor dissatisfied"), N_("Fairly dissatisfied"), N_("Very dissatisfied")},
        N_("satisfied")};
    static const ScaleText agreement{
        {"strongly_agree", "tend_to_agree", "neither", "tend_to_disagree", "strongly_disagree"},
        {N_("Strongly agree"), N_("Tend to agree"), N_("Neither agree nor disagree"), N_("Tend to disagree"), N_("Strongly disagree")},
        N_("agree")};
    static const ScaleText informed{{"very_well", "fairly_well", "not_very_well", "not_well_at_all"},
                                    {N_("Very well informed"), N_("Fairly well informed"), N_("Not very well informed"), N_("Not well informed at all")},
                                    N_("well informed")};
    static const ScaleText extent{{"a_great_deal", "a_fair_amount", "not_very_much", "not_at_all"},
                                  {N_("A great deal"), N_("A fair amount"), N_("Not very much"), N_("Not at all")},
                                  N_("a great deal or a fair amount")};
    switch (scale) {
        case RatingScale::Satisfaction: return satisfaction;
        case RatingScale::Agreement: return agreement;
        case RatingScale::Informed: return informed;
        case RatingScale::Extent: break;
    }
    return extent;
}

bool valid_point(RatingScale scale, int point) {
    return point == kDontKnow || (point >= 0 && static_cast<std::size_t>(point) < scale_text(scale).ids.size());
}

}  // namespace

const std::vector<const char*>& scale_point_ids(RatingScale scale) { return scale_text(scale).ids; }
const std::vector<const char*>& scale_point_words(RatingScale scale) { return scale_text(scale).words; }
const char* positive_words(RatingScale scale) { return scale_text(scale).positive; }

const char* point_id(RatingScale scale, int point) {
    return point == kDontKnow ? "dont_know" : scale_text(scale).ids[static_cast<std::size_t>(point)];
}

std::optional<int> find_point(RatingScale scale, std::string_view id) {
    if (id == "dont_know") return kDontKnow;
    const auto& ids = scale_text(scale).ids;
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (id == ids[i]) return static_cast<int>(i);
    return std::nullopt;
}

const std::vector<PerceptionQuestion>& perception_questions() {
    static const std::vector<PerceptionQuestion> questions{
        {"runs_things", N_("Overall, how satisfied or dissatisfied are you with the way the council runs things?"), RatingScale::Satisfaction},
        {"value_for_money", N_("To what extent do you agree or disagree that the council provides value for money?"), RatingScale::Agreement},
        {"informed", N_("Overall, how well informed do you think the council keeps residents about the services and benefits it provides?"),
         RatingScale::Informed},
        {"acts_on_concerns", N_("To what extent do you think the council acts on the concerns of local residents?"), RatingScale::Extent},
        {"trust", N_("How much do you trust the council?"), RatingScale::Extent},
    };
    return questions;
}

std::optional<std::size_t> find_perception_question(std::string_view id) {
    const auto& qs = perception_questions();
    for (std::size_t i = 0; i < qs.size(); ++i)
        if (id == qs[i].id) return i;
    return std::nullopt;
}

std::string ratings_to_codes(const Budget& b, const Ratings& r) {
    std::string out;
    const auto entry = [&](char kind, const std::string& id, int point) {
        if (!out.empty()) out += ',';
        out += kind;
        out += ':';
        out += id;
        out += '=';
        out += std::to_string(point);
    };
    for (const auto& [group, point] : r.services) entry('s', b.groups[group].id, point);
    for (const auto& [question, point] : r.perception) entry('c', perception_questions()[question].id, point);
    return out;
}

std::optional<Ratings> ratings_from_codes(const Budget& b, std::string_view codes) {
    Ratings r;
    if (!codes.empty() && codes.back() == ',') return std::nullopt;
    while (!codes.empty()) {
        const std::size_t comma = codes.find(',');
        const std::string_view item = codes.substr(0, comma);
        codes = comma == std::string_view::npos ? std::string_view() : codes.substr(comma + 1);
        const std::size_t equals = item.find('=');
        if (item.size() < 4 || item[1] != ':' || equals == std::string_view::npos) return std::nullopt;
        const std::string_view id = item.substr(2, equals - 2), number = item.substr(equals + 1);
        int point = 0;
        const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), point);
        if (error != std::errc() || end != number.data() + number.size()) return std::nullopt;
        if (item[0] == 's') {
            for (std::size_t g = 0; g < b.groups.size(); ++g)
                if (b.groups[g].id == id) {
                    if (!valid_point(RatingScale::Satisfaction, point)) return std::nullopt;
                    r.services.emplace_back(g, point);
                }
        } else if (item[0] == 'c') {
            const auto q = find_perception_question(id);
            if (!q || !valid_point(perception_questions()[*q].scale, point)) return std::nullopt;
            r.perception.emplace_back(*q, point);
        } else {
            return std::nullopt;
        }
    }
    return r;
}

std::uint64_t RatingCount::rated() const {
    std::uint64_t n = 0;
    for (const std::uint64_t c : points) n += c;
    return n;
}

void RatingCount::add(int point) {
    if (point == kDontKnow) ++dont_know;
    else ++points[static_cast<std::size_t>(point)];
}

RatingShare wilson_share(std::uint64_t positive, std::uint64_t rated) {
    RatingShare s;
    s.rated = rated;
    s.positive = positive;
    const long double n = static_cast<long double>(rated), p = static_cast<long double>(positive) / n, z = 1.96L, z2 = z * z;
    const long double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const long double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    const auto tenths = [](long double share) { return static_cast<std::int64_t>(std::llround(share * 1000.0L)); };
    s.share_tenths = divide_round(static_cast<__int128>(positive) * 1000, static_cast<std::int64_t>(rated));  // exactly
    s.low_tenths = positive == 0 ? 0 : tenths(centre - half);
    s.high_tenths = positive == rated ? 1000 : tenths(centre + half);
    return s;
}

std::optional<RatingShare> published_share(const RatingCount& c) {
    if (c.rated() < kFewestRatingsShown) return std::nullopt;
    return wilson_share(c.positive(), c.rated());
}

bool read_published_group_shares(std::string_view results_json, std::vector<PublishedGroupShare>& out, std::string& error) {
    out.clear();
    const nlohmann::json doc = nlohmann::json::parse(results_json.begin(), results_json.end(), nullptr, false);
    const auto fail = [&](const char* code) {
        out.clear();
        error = code;
        return false;
    };
    if (doc.is_discarded() || !doc.is_object()) return fail("ratings.not_results");
    if (doc.value("suppressed", false)) return true;  // too few responses for any figure
    const auto ratings = doc.find("ratings");
    if (ratings == doc.end() || !ratings->is_object() || !ratings->contains("services") || !(*ratings)["services"].is_array())
        return fail("ratings.not_results");
    for (const auto& item : (*ratings)["services"]) {
        if (!item.is_object() || !item.contains("id") || !item["id"].is_string()) return fail("ratings.bad_group");
        PublishedGroupShare group{item["id"].get<std::string>(), std::nullopt};
        if (!item.value("suppressed", false)) {
            const auto rated = item.find("rated"), positive = item.find("positive");
            if (rated == item.end() || positive == item.end() || !rated->is_number_unsigned() || !positive->is_number_unsigned())
                return fail("ratings.bad_group");
            const auto r = rated->get<std::uint64_t>(), p = positive->get<std::uint64_t>();
            if (p > r || r < kFewestRatingsShown || r > (std::uint64_t{1} << 40)) return fail("ratings.bad_group");
            group.share = wilson_share(p, r);
        }
        out.push_back(std::move(group));
    }
    return true;
}

}  // namespace budget
