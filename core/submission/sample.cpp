// Sample submission generator.
#include "sample.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "council_tax.h"
#include "submission.h"

namespace budget {

std::uint64_t Rng::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

namespace {

// A lever position on the grid, drawn around a lean (triangular), so answers cluster like people's.
BasisPoints draw_lever(Rng& rng, BasisPoints min, BasisPoints max, BasisPoints step, BasisPoints lean) {
    const std::uint64_t steps = static_cast<std::uint64_t>((max - min) / step);
    const std::int64_t a = static_cast<std::int64_t>(rng.below(steps + 1)), c = static_cast<std::int64_t>(rng.below(steps + 1));
    const std::int64_t lean_steps = (lean - min) / step;
    const std::int64_t pick = (a + c + 2 * lean_steps) / 4;  // half towards the lean
    return static_cast<BasisPoints>(min + pick * step);
}

}  // namespace

Choices sample_choices(const Budget& b, Rng& rng) {
    Choices c = default_choices(b);
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        const Service& s = b.services[i];
        if (s.locked) continue;
        if (rng.chance(35)) continue;  // many residents leave most services alone
        c.service_bp[i] = draw_lever(rng, s.min_bp, s.max_bp, s.step_bp, 0);
    }
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i) {
        const int odds = b.efficiencies[i].risk == Risk::Low ? 70 : b.efficiencies[i].risk == Risk::Medium ? 50 : 30;
        c.efficiency_on[i] = rng.chance(odds);
    }
    for (std::size_t i = 0; i < b.incomes.size(); ++i) c.income_on[i] = rng.chance(55);
    const CouncilTax& ct = b.council_tax;
    // Most lean towards the largest rise allowed, some towards a freeze, a few towards a cut.
    const BasisPoints freeze = std::clamp<BasisPoints>(0, ct.lever_min_bp, ct.lever_max_bp);
    const BasisPoints lean = rng.chance(60) ? ct.lever_max_bp : rng.chance(70) ? freeze : ct.lever_min_bp;
    c.council_tax_bp = draw_lever(rng, ct.lever_min_bp, ct.lever_max_bp, ct.lever_step_bp, lean);
    if (b.balance_rule != BalanceRule::MustBalance) return c;

    // Close any gap as a resident would: take further savings and income, trim services, raise tax.
    Outcome o;
    simulate(b, c, o);
    std::vector<std::size_t> open;
    while (!o.balanced) {
        open.clear();  // candidate moves: 0..S-1 service down a step, then options, then tax
        for (std::size_t i = 0; i < b.services.size(); ++i)
            if (!b.services[i].locked && c.service_bp[i] - b.services[i].step_bp >= b.services[i].min_bp) open.push_back(i);
        const std::size_t n_s = b.services.size(), n_e = b.efficiencies.size(), n_i = b.incomes.size();
        for (std::size_t i = 0; i < n_e; ++i)
            if (!c.efficiency_on[i] && b.efficiencies[i].saving > b.efficiencies[i].one_off_cost) open.push_back(n_s + i);
        for (std::size_t i = 0; i < n_i; ++i)
            if (!c.income_on[i]) open.push_back(n_s + n_e + i);
        if (c.council_tax_bp + ct.lever_step_bp <= ct.lever_max_bp) open.push_back(n_s + n_e + n_i);
        if (open.empty()) break;  // only for a budget the loader would reject as infeasible
        const std::size_t move = open[rng.index(open.size())];
        if (move < n_s) c.service_bp[move] = static_cast<BasisPoints>(c.service_bp[move] - b.services[move].step_bp);
        else if (move < n_s + n_e) c.efficiency_on[move - n_s] = 1;
        else if (move < n_s + n_e + n_i) c.income_on[move - n_s - n_e] = 1;
        else c.council_tax_bp = static_cast<BasisPoints>(c.council_tax_bp + ct.lever_step_bp);
        simulate(b, c, o);
    }
    return c;
}

namespace {
const char* const kCommentsEn[] = {
    "Please protect libraries and children's centres.",
    "I would rather pay a little more council tax than lose bin collections.",
    "Potholes on my road have been reported three times, fix the roads first",
    "Social care for older people must come first, even if \"nice to have\" services go.",
    "Charge more for parking in the town centre; it's cheaper than the bus.",
};
const char* const kCommentsCy[] = {
    "Diogelwch y llyfrgelloedd, os gwelwch yn dda.",
    "Byddai'n well gen i dalu ychydig mwy o dreth gyngor na cholli casgliadau biniau.",
    "Rhaid i ofal cymdeithasol i bobl hŷn ddod yn gyntaf.",
};
}  // namespace

void sample_submissions(const Budget& b, std::uint64_t count, std::uint64_t seed,
                        const std::function<void(const std::string&)>& emit) {
    Rng rng(seed);
    const bool welsh = b.languages.size() > 1;
    for (std::uint64_t n = 0; n < count; ++n) {
        char id[32];
        std::snprintf(id, sizeof id, "smp-%016llx", static_cast<unsigned long long>(rng.next()));
        Submission s = make_submission(b, sample_choices(b, rng), id);
        if (welsh && rng.chance(20)) s.language = "cy";
        if (rng.chance(20)) {
            s.overall_comment = s.language == "cy" ? kCommentsCy[rng.below(3)] : kCommentsEn[rng.below(5)];
        }
        if (rng.chance(10) && !b.services.empty()) {
            const std::size_t svc = rng.index(b.services.size());
            s.service_comments.emplace_back(svc, kCommentsEn[rng.below(5)]);
        }
        for (std::size_t q = 0; q < b.demographics.size(); ++q)
            if (rng.chance(60) && !b.demographics[q].options.empty())
                s.demographics.emplace_back(q, rng.index(b.demographics[q].options.size()));
        emit(submission_to_json(b, s));
    }
}

}  // namespace budget
