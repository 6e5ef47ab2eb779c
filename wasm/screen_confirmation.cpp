// Confirmation: the true state of sending, a link that reopens the same choices, and what next.
#include "choices_codec.h"
#include "platform_web.h"
#include "share_link.h"
#include "ui.h"

namespace app {

namespace {

// A link that reopens the same choices, to copy or share.
void share_section(AppState& s) {
    ImGui::Spacing();
    heading(s, s.tr("Share your budget"), 2);
    const std::string link = web::share_link(s.budget.id, base64url_encode(budget::encode_choices(s.budget, s.choices)));
    paragraph(s, s.tr("This link opens the simulator with your choices, for anyone to see or start from:"));
    paragraph(s, link, "Link");
    if (button(s, s.link_copied ? s.tr("Copied") : s.tr("Copy the link"), "Copy link")) {
        ImGui::SetClipboardText(link.c_str());
        s.link_copied = true;
    }
    if (s.can_share) {
        beside_if_fits(s.tr("Share"));
        if (button(s, s.tr("Share"), "Share"))
            web::share(s.tr("My budget for ") + s.text(s.budget.council_name),
                       s.tr("How I would balance the council's budget"), link);
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
    if (!s.submission_id.empty() && !refused)
        paragraph(s, std::string(s.tr("Your reference: ")) + short_reference(s.submission_id) +
                         s.tr(" (quote it if you contact the council about your response)"),
                  "Reference");
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
