// Confirmation: the true state of sending, a link that reopens the same choices, and what next.
#include "choices_codec.h"
#include "platform_web.h"
#include "share_link.h"
#include "ui.h"

namespace app {

void draw_confirmation(AppState& s) {
    std::string status;
    switch (s.send_state) {
        case SendState::Sent:
            status = s.text("Thank you: your budget has been received.", "Diolch: mae eich cyllideb wedi dod i law.");
            break;
        case SendState::Waiting:
            status = s.text("Waiting to send: your budget is saved on this device and will be sent as soon as the "
                             "connection allows. You can close this page; it will be sent when you come back.",
                             "Yn aros i anfon: mae eich cyllideb wedi'i chadw ar y ddyfais hon a chaiff ei hanfon cyn gynted ag "
                             "y bydd y cysylltiad yn caniatáu. Gallwch gau'r dudalen hon; caiff ei hanfon pan ddewch yn ôl.");
            break;
        case SendState::Rejected:
            status = std::string(s.text("The council's server could not accept this budget: ", "Ni allai gweinydd y cyngor dderbyn y gyllideb hon: ")) +
                     s.send_message;
            break;
        case SendState::NotSent: break;
    }
    if (!status.empty()) {
        paragraph(s, status, "Status");
        s.mirror.announce = status;  // the sending state, said as it changes
    }
    if (!s.submission_id.empty())
        paragraph(s, std::string(s.text("Your reference: ", "Eich cyfeirnod: ")) + short_reference(s.submission_id) +
                         s.text(" (quote it if you contact the council about your response)", " (dyfynnwch ef os cysylltwch â'r cyngor am eich ymateb)"),
                  "Reference");
    ImGui::Spacing();
    heading(s, s.text("Share your budget", "Rhannu eich cyllideb"), 2);
    const std::string link = web::share_link(s.budget.id, base64url_encode(budget::encode_choices(s.budget, s.choices)));
    paragraph(s, s.text("This link opens the simulator with your choices, for anyone to see or start from:",
                        "Mae'r ddolen hon yn agor yr efelychydd gyda'ch dewisiadau, i unrhyw un eu gweld neu ddechrau ohonynt:"));
    paragraph(s, link, "Link");
    if (button(s, s.link_copied ? s.text("Copied", "Wedi'i chopïo") : s.text("Copy the link", "Copïo'r ddolen"), "Copy link")) {
        ImGui::SetClipboardText(link.c_str());
        s.link_copied = true;
    }
    if (s.can_share) {
        beside_if_fits(s.text("Share", "Rhannu"));
        if (button(s, s.text("Share", "Rhannu"), "Share"))
            web::share(s.text("My budget for ", "Fy nghyllideb ar gyfer ") + s.text(s.budget.council_name),
                       s.text("How I would balance the council's budget", "Sut y byddwn i'n cydbwyso cyllideb y cyngor"), link);
    }
    if (s.link_copied) {
        paragraph(s, s.text("The link has been copied.", "Mae'r ddolen wedi'i chopïo."), "Copied");
        s.mirror.announce = s.text("The link has been copied.", "Mae'r ddolen wedi'i chopïo.");
    }
    heading(s, s.text("What you sent", "Beth a anfonwyd gennych"), 2);
    choice_lines(s);
    heading(s, s.text("What happens next", "Beth sy'n digwydd nesaf"), 2);
    paragraph(s, s.text("Council officers read every response. A summary goes to councillors before they set the budget, and "
                     "the results are published on this site when the council chooses to make them public.",
                     "Mae swyddogion y cyngor yn darllen pob ymateb. Mae crynodeb yn mynd i'r cynghorwyr cyn iddynt osod y "
                     "gyllideb, a chyhoeddir y canlyniadau ar y wefan hon pan fydd y cyngor yn dewis eu gwneud yn gyhoeddus."));
    if (button(s, s.text("Back to the simulator", "Yn ôl i'r efelychydd"), "Back")) s.screen = Screen::Simulator;
}

}  // namespace app
