// Starting budgets for each kind of council: the right referendum rule and lever, a few example rows,
// totals worked out by the core, so the template loads cleanly before anyone edits it.
#include "formats/budget_sheets.h"

#include "budget.h"
#include "money.h"

namespace budget::sheets {

using nlohmann::ordered_json;

const std::vector<std::string> kBlankKinds{"english-county", "english-district", "english-unitary",
                                           "english-metropolitan", "london-borough", "welsh-principal"};

namespace {

struct KindFacts {
    const char* id;
    const char* json_kind;
    const char* council_en;
    const char* council_cy;
    std::int64_t population;
    const char* tax_base;
    Pence band_d;
    ordered_json cap;  // "none" or the referendum cap object
    ordered_json lever_stops;
    double lever_max;
};

std::optional<KindFacts> facts_for(std::string_view kind) {
    const ordered_json english_stops = ordered_json::array({-2, -1, 0, 1, 1.99, 2.99, 3.99, 4.99});
    const ordered_json english_cap = {{"core_limit_percent", 2.99}, {"adult_social_care_percent", 2}};
    if (kind == "english-county")
        return KindFacts{"english-county", "english_county", "Example County Council", "", 750000, "280000.00", 171243, english_cap, english_stops, 4.99};
    if (kind == "english-unitary")
        return KindFacts{"english-unitary", "english_unitary", "Example Council", "", 320000, "105000.00", 185000, english_cap, english_stops, 4.99};
    if (kind == "english-metropolitan")
        return KindFacts{"english-metropolitan", "english_metropolitan", "Example Metropolitan Borough Council", "", 310000, "82000.00", 195000, english_cap, english_stops, 4.99};
    if (kind == "london-borough")
        return KindFacts{"london-borough", "london_borough", "London Borough of Example", "", 290000, "98000.00", 145000, english_cap, english_stops, 4.99};
    if (kind == "english-district")
        return KindFacts{"english-district", "english_district", "Example District Council", "", 110000, "42000.00", 21000,
                         ordered_json{{"core_limit_percent", 2.99}, {"core_limit_pounds", 5}},
                         ordered_json::array({-2, -1, 0, 1, 1.99, 2.99}), 2.99};
    if (kind == "welsh-principal")
        return KindFacts{"welsh-principal", "welsh_principal", "Example County Council", "Cyngor Sir Enghreifftiol", 120000, "52000.00", 165000,
                         ordered_json("none"), ordered_json::array({-2, 0, 2, 4, 6, 8, 9.99}), 9.99};
    return std::nullopt;
}

}  // namespace

std::optional<ordered_json> blank_budget(std::string_view kind) {
    const auto facts = facts_for(kind);
    if (!facts) return std::nullopt;
    const bool welsh = *facts->council_cy != '\0';
    auto text = [&](const char* en, const char* cy) -> ordered_json {
        if (!welsh) return en;
        return ordered_json{{"en", en}, {"cy", cy}};
    };

    ordered_json b = ordered_json::object();
    b["format"] = "council-budget";
    b["format_version"] = 1;
    b["id"] = std::string(facts->id) + "-2027";
    b["version"] = 1;
    b["illustrative"] = true;
    b["notice"] = text("Example figures: replace every row with your council's own before you publish.",
                       "Ffigurau enghreifftiol: rhowch ffigurau eich cyngor yn lle pob rhes cyn cyhoeddi.");
    b["languages"] = welsh ? ordered_json::array({"en", "cy"}) : ordered_json::array({"en"});
    b["council"] = {{"name", text(facts->council_en, facts->council_cy)}, {"kind", facts->json_kind},
                    {"financial_year", "2027/28"}, {"population", facts->population}};
    b["council_tax"] = {{"tax_base_band_d_equivalents", facts->tax_base},
                        {"band_d", pounds_decimal(facts->band_d)},
                        {"referendum_cap", facts->cap},
                        {"lever", {{"min_percent", -2}, {"max_percent", facts->lever_max}, {"step_percent", 0.01},
                                   {"default_percent", 0}, {"stops_percent", facts->lever_stops}}}};

    // Example amounts scale with the council's Band D income so every kind gets a plausible gap.
    CouncilTax ct;
    ct.tax_base_hundredths = parse_pounds(facts->tax_base).value_or(0);
    const Pence tax = council_tax_income(ct, facts->band_d);
    const Pence grant = tax / 2 / 100000 * 100000, rates = tax * 2 / 5 / 100000 * 100000, reserves = tax / 50 / 100000 * 100000;
    const Pence care = tax / 100000 * 100000, roads = tax / 2 / 100000 * 100000, running = tax / 2 / 100000 * 100000;
    b["funding"] = ordered_json::array({
        {{"id", "government-grant"}, {"name", text("Government grant", "Grant y llywodraeth")}, {"kind", "grant"}, {"amount", pounds_decimal(grant)}},
        {{"id", "business-rates"}, {"name", text("Business rates", "Ardrethi busnes")}, {"kind", "business_rates"}, {"amount", pounds_decimal(rates)}},
        {{"id", "reserves"}, {"name", text("Planned use of reserves", "Defnydd arfaethedig o gronfeydd wrth gefn")}, {"kind", "reserves"},
         {"amount", pounds_decimal(reserves)}}});
    const Pence total = care + roads + running;
    b["total_net_budget"] = pounds_decimal(total);
    b["gap_to_close"] = pounds_decimal(total - (grant + rates + reserves + tax));
    b["balance_rule"] = "must_balance";
    b["results_public"] = true;
    b["comments_public"] = false;
    b["comment_moderation"] = "before_publishing";
    b["privacy_notice_url"] = text("https://example.org/privacy", "https://example.org/preifatrwydd");
    // A district runs neither adult social care nor highways: its example lines are housing and bins.
    const bool district = std::string_view(facts->id) == "english-district";
    b["groups"] = district ? ordered_json::array({{{"id", "people"}, {"name", text("Housing and communities", "Tai a chymunedau")}},
                                                  {{"id", "place"}, {"name", text("Bins and places", "Biniau a lleoedd")}}})
                           : ordered_json::array({{{"id", "people"}, {"name", text("Care and support", "Gofal a chymorth")}},
                                                  {{"id", "place"}, {"name", text("Roads and places", "Ffyrdd a lleoedd")}}});
    auto bands = [&](const char* cut_en, const char* cut_cy, const char* same_en, const char* same_cy, const char* more_en, const char* more_cy) {
        return ordered_json::array({{{"from_percent", -10}, {"text", text(cut_en, cut_cy)}},
                                    {{"from_percent", 0}, {"text", text(same_en, same_cy)}},
                                    {{"from_percent", 1}, {"text", text(more_en, more_cy)}}});
    };
    const ordered_json first = district
        ? ordered_json{{"id", "housing"}, {"group", "people"}, {"name", text("Housing and homelessness", "Tai a digartrefedd")},
                       {"description", text("Housing advice and temporary accommodation.", "Cyngor ar dai a llety dros dro.")},
                       {"baseline", pounds_decimal(care)}, {"min_percent", -10}, {"max_percent", 10}, {"step_percent", 1},
                       {"consequences", bands("Longer stays in temporary accommodation.", "Arosiadau hirach mewn llety dros dro.",
                                              "Help as today.", "Cymorth fel heddiw.", "More families housed sooner.", "Mwy o deuluoedd yn cael cartref yn gynt.")}}
        : ordered_json{{"id", "care"}, {"group", "people"}, {"name", text("Care for adults", "Gofal i oedolion")},
                       {"description", text("Home care and care homes.", "Gofal yn y cartref a chartrefi gofal.")},
                       {"baseline", pounds_decimal(care)}, {"min_percent", -10}, {"max_percent", 10}, {"step_percent", 1},
                       {"consequences", bands("Fewer hours of home care.", "Llai o oriau gofal yn y cartref.", "Care as today.", "Gofal fel heddiw.",
                                              "Shorter waits for care.", "Aros llai am ofal.")}};
    const ordered_json second = district
        ? ordered_json{{"id", "waste"}, {"group", "place"}, {"name", text("Bin collections", "Casglu biniau")},
                       {"description", text("Collecting and recycling household waste.", "Casglu ac ailgylchu gwastraff cartref.")},
                       {"baseline", pounds_decimal(roads)}, {"min_percent", -10}, {"max_percent", 10}, {"step_percent", 1},
                       {"consequences", bands("Collections every three weeks.", "Casgliadau bob tair wythnos.", "Collections as today.",
                                              "Casgliadau fel heddiw.", "Weekly food waste collections.", "Casgliadau gwastraff bwyd wythnosol.")}}
        : ordered_json{{"id", "roads"}, {"group", "place"}, {"name", text("Roads", "Ffyrdd")},
                       {"description", text("Repairs and gritting.", "Atgyweirio a graeanu.")},
                       {"baseline", pounds_decimal(roads)}, {"min_percent", -10}, {"max_percent", 10}, {"step_percent", 1},
                       {"consequences", bands("Potholes wait longer.", "Mae tyllau'n aros yn hirach.", "Repairs as today.", "Atgyweirio fel heddiw.",
                                              "More roads resurfaced.", "Mwy o ffyrdd wedi'u hailwynebu.")}};
    b["services"] = ordered_json::array({
        first,
        second,
        {{"id", "running"}, {"group", "place"}, {"name", text("Running the council", "Rhedeg y cyngor")},
         {"description", text("Offices, systems and staff.", "Swyddfeydd, systemau a staff.")},
         {"baseline", pounds_decimal(running)}, {"locked", true},
         {"locked_reason", text("Contracts already signed.", "Contractau wedi'u llofnodi eisoes.")}}});
    b["efficiencies"] = ordered_json::array({
        {{"id", "shared-offices"}, {"name", text("Share offices", "Rhannu swyddfeydd")},
         {"description", text("Move teams into one building.", "Symud timau i un adeilad.")},
         {"saving", pounds_decimal(tax / 100 / 100000 * 100000)}, {"one_off_cost", pounds_decimal(tax / 200 / 100000 * 100000)},
         {"risk", "low"}}});
    b["income"] = ordered_json::array({
        {{"id", "parking"}, {"name", text("Raise parking charges", "Codi taliadau parcio")},
         {"description", text("20p more an hour.", "20c yn fwy yr awr.")}, {"kind", "fees_and_charges"},
         {"yield", pounds_decimal(tax / 200 / 100000 * 100000)},
         {"kpi_effects", ordered_json::array({{{"kpi", "satisfaction"}, {"change", -1}}})}}});
    b["kpis"] = ordered_json::array({
        {{"id", "satisfaction"}, {"group", "perception"}, {"name", text("Residents satisfied with the council", "Trigolion sy'n fodlon ar y cyngor")},
         {"description", text("From the residents' survey.", "O arolwg y trigolion.")}, {"unit", "percent"}, {"decimals", 0},
         {"polarity", "higher_is_better"},
         {"history", ordered_json::array({{{"year", "2024/25"}, {"value", 60}}, {{"year", "2025/26"}, {"value", 62}}})},
         {"thresholds", {{"green", 65}, {"amber", 55}}},
         {"comparators", {{"group", text("Similar councils", "Cynghorau tebyg")}, {"lower_quartile", 55}, {"median", 61}, {"upper_quartile", 66}}},
         {"responses", ordered_json::array({{{"service", district ? "waste" : "roads"}, {"per_percent", 0.5}, {"half_saturation_percent", 10}, {"max_effect", 5}}})},
         {"floor", 0}, {"ceiling", 100}}});
    b["demographics"] = ordered_json::array({
        {{"id", "age"}, {"label", text("How old are you?", "Faint yw eich oed?")},
         {"options", ordered_json::array({{{"id", "under-35"}, {"label", text("Under 35", "Dan 35")}},
                                          {{"id", "35-64"}, {"label", text("35 to 64", "35 i 64")}},
                                          {{"id", "65-plus"}, {"label", text("65 or over", "65 neu hŷn")}}})}}});
    return b;
}

}  // namespace budget::sheets
