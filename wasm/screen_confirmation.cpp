// Confirmation: the true state of sending, a link that reopens the same choices, and what next.
#include "choices_codec.h"
#include "platform_web.h"
#include "share_link.h"
#include "ui.h"

namespace app {

namespace {

// One line for the share: "I balanced Northmoor County Council's budget: +3% Care for older people,
// -2% Parks and 1 more, savings: 2, council tax +2.99%" (no plural to get wrong in Welsh).
std::string share_words(const AppState& s) {
    const budget::Budget& b = s.budget;
    std::vector<std::string> parts;
    std::size_t services = 0, savings = 0;
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (s.choices.service_bp[i] == 0) continue;
        if (++services <= 2) parts.push_back(signed_percent(s.choices.service_bp[i]) + " " + s.text(b.services[i].name));
    }
    if (services > 2) parts.back() += s.tr(" and {count} more", {{"count", std::to_string(services - 2)}});
    for (const char on : s.choices.efficiency_on) savings += on ? 1 : 0;
    if (savings > 0) parts.push_back(s.tr("savings: {count}", {{"count", std::to_string(savings)}}));
    parts.push_back(std::string(s.tr("council tax ")) + signed_percent(s.choices.council_tax_bp));
    std::string joined;
    for (const auto& p : parts) joined += (joined.empty() ? "" : ", ") + p;
    return s.tr("I balanced {council}'s budget: {choices}", {{"council", s.text(b.council_name)}, {"choices", joined}});
}

// A link that reopens the same choices, to copy or share.
void share_section(AppState& s) {
    ImGui::Spacing();
    heading(s, s.tr("Share your budget"), 2);
    const std::string link = web::share_link(s.budget.id, base64url_encode(budget::encode_choices(s.budget, s.choices)), s.language);
    paragraph(s, s.tr("This link opens the simulator with your choices, for anyone to see or start from:"));
    paragraph(s, link, "Link");
    if (button(s, s.link_copied ? s.tr("Copied") : s.tr("Copy the link"), "Copy link")) {
        ImGui::SetClipboardText(link.c_str());
        s.link_copied = true;
    }
    if (s.can_share) {
        beside_if_fits(s.tr("Share"));
        if (button(s, s.tr("Share"), "Share"))
            web::share(s.tr("My budget for ") + s.text(s.budget.council_name), share_words(s), link);
    }
    if (s.link_copied) {
        paragraph(s, s.tr("The link has been copied."), "Copied");
        s.mirror.announce = s.tr("The link has been copied.");
    }
}

}  // namespace

void draw_confirmation(AppState& s) {
    std::string status;
    switch (s.send_state) {
        case SendState::Sent:
            status = s.tr("Thank you: your budget has been received.");
            break;
        case SendState::Waiting:
            status = s.tr("Waiting to send: your budget is saved on this device and will be sent as soon as the "
                             "connection allows. You can close this page; it will be sent when you come back.");
            break;
        case SendState::Rejected:
            status = s.refusal();
            if (status.empty()) status = std::string(s.tr("The council's server could not accept this budget: ")) + s.send_message;
            break;
        case SendState::NotSent: break;
    }
    if (!status.empty()) {
        paragraph(s, status, "Status");
        s.mirror.announce = status;  // the sending state, said as it changes
    }
    const bool refused = s.send_state == SendState::Rejected;  // nothing was stored: no reference, no next steps
    if (!s.submission_id.empty() && !refused) {
        // GOV.UK's confirmation panel: the reference in large white words on green.
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x, pad = ImGui::GetFontSize();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->ChannelsSplit(2);
        draw->ChannelsSetCurrent(1);
        ImGui::SetCursorScreenPos(ImVec2(at.x + pad, at.y + pad));
        ImGui::BeginGroup();
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
        ImGui::PushStyleColor(ImGuiCol_Separator, ImVec4(0, 0, 0, 0));  // no heading rule in the panel
        ImGui::PushTextWrapPos(at.x + width - pad - ImGui::GetWindowPos().x);
        heading(s, s.send_state == SendState::Sent ? s.tr("Budget sent") : s.tr("Budget saved, waiting to send"), 2);
        paragraph(s, std::string(s.tr("Your reference: ")) + short_reference(s.submission_id), "Reference");
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor(2);
        ImGui::EndGroup();
        const float bottom = ImGui::GetItemRectMax().y + pad;
        draw->ChannelsSetCurrent(0);
        draw->AddRectFilled(at, ImVec2(at.x + width, bottom), IM_COL32(0, 112, 60, 255));  // #00703c: 6.2:1 with white
        draw->ChannelsMerge();
        ImGui::SetCursorScreenPos(ImVec2(at.x, bottom));
        ImGui::Dummy(ImVec2(width, ImGui::GetStyle().ItemSpacing.y));
        paragraph(s, s.tr("Quote your reference if you contact the council about your response."));
    }
    if (!s.kiosk.on) share_section(s);  // a shared kiosk keeps nothing of one resident for the next
    heading(s, refused ? s.tr("What you tried to send") : s.tr("What you sent"), 2);
    choice_lines(s);
    if (!refused) {
        heading(s, s.tr("What happens next"), 2);
        paragraph(s, s.tr("Council officers read every response. A summary goes to councillors before they set the budget, and "
                         "the results are published on this site when the council chooses to make them public."));
    }
    if (s.send_state == SendState::Rejected && s.send_code.rfind("code.", 0) == 0) {  // a code to put right: where it is typed
        if (button(s, s.tr("Check the voter code"), "Check code")) s.screen = Screen::Review;
        beside_if_fits(s.tr("Back to the simulator"));
    }
    if (button(s, s.tr("Back to the simulator"), "Back")) s.screen = Screen::Simulator;
}

}  // namespace app
