// The resident app's state. The UI is a thin function of this; every change goes through here.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ballot.h"
#include "budget.h"
#include "draft_codec.h"
#include "message_catalogue.h"
#include "mirror.h"
#include "resident_ratings.h"
#include "simulation.h"

namespace app {

// Marks words for the message catalogue where they are kept (a table) and translated later by
// AppState::tr, as gettext's N_() does.
constexpr const char* N_(const char* english) { return english; }

enum class Screen { Welcome, Simulator, Review, Confirmation, AnnualReport, Ballot, BallotReview, BallotSent, Ratings };
enum class SendState { NotSent, Waiting, Sent, Rejected };
// Whether the consultation takes responses now (the server says, when the app starts).
enum class Consultation { Open, NotOpen, Closed };
// What happens to a resident's comments, as the server says: not known yet, read only by the council,
// published after an officer's check, or published at once.
enum class CommentFate { Unknown, Private, CheckedFirst, AtOnce };

// A project ballot, when the app was started with one in place of a budget: what the resident chose.
struct BallotChoice {
    budget::Ballot ballot;
    std::vector<char> chosen;  // one per project
    int area = -1;             // with areas: the one whose projects are shown (-1: not chosen yet)
    std::vector<std::uint32_t> projects() const;  // the chosen projects' indices, in ballot order
    budget::Pence spent() const;
    budget::Pence budget() const;  // the chosen area's, or the ballot's
    bool in_area(std::size_t project) const;  // shown for the chosen area (every project without areas)
};

struct AppState {
    budget::Budget budget;
    budget::Choices choices;
    budget::Outcome outcome;
    budget::Outcome baseline;  // every lever at rest: the "before" of each comparison
    // With a surplus: the lowest council tax change that still balances, and its Band D (set with
    // the outcome, so the simulations it takes run once per change, not every frame).
    struct LowerTax { budget::BasisPoints council_tax_bp; budget::Pence band_d; };
    std::optional<LowerTax> lower_tax;
    Screen screen = Screen::Welcome;
    Screen drawn_screen = Screen::Welcome;  // the screen the last frame drew (a new one starts the keyboard at its top)
    bool screen_opened = false;             // this frame draws a screen the last one did not
    std::size_t lever_tab = 0;  // simulator: 0 overview (where it opens), 1 services, 2 savings, 3 income
    std::string language = "en";
    std::vector<budget::Choices> undo;
    std::size_t receipt_band = 3;  // index into the budget's bands (Band D)
    bool summary_open = false;     // phone: the full summary shown in place of the levers
    bool confirm_reset = false;    // Reset was pressed: asking before every choice is cleared
    bool projector = false;        // ?mode=projector: large type, high contrast
    // ?mode=kiosk: a shared device at an event. It starts again for the next person after a vote is
    // sent, or after `idle_limit` seconds without a touch or key, with a visible countdown first.
    struct Kiosk {
        bool on = false;
        int idle_limit = 120;
        int after_send = 0;     // seconds spent on the sent screen
        int seconds_left = -1;  // the countdown on screen (-1: none)
    };
    Kiosk kiosk;
    static constexpr int kKioskWarning = 15;    // the countdown's length, in seconds
    static constexpr int kKioskAfterSend = 15;  // how long the sent screen stays before the next person
    // Once a second, with the seconds since the last touch or key: counts down and starts again at 0.
    // True when it started again.
    bool kiosk_clock(int idle_seconds);
    void kiosk_reset();  // everything of one resident goes: choices, words, answers, reference
    bool high_contrast = false;
    bool plain_page = false;       // no WebGL2: nothing is drawn and the page shows the mirror
    bool desktop_input = true;     // a mouse or trackpad: the welcome screen names the canvas's keys
    // Review and submit.
    std::string overall_comment;
    std::vector<std::string> service_comments;  // one per service (empty: no comment)
    bool demographics_consent = false;
    std::vector<int> demographic_answers;  // one per question: the option chosen, or -1
    // "How are we doing?": one per service group and one per perception question: a point on its
    // scale (0 is best), budget::kDontKnow, or kNotRated.
    static constexpr int kNotRated = -2;
    std::vector<int> group_ratings, perception_ratings;
    void clear_ratings();
    std::string submission_id;  // drawn when the resident sends, then fixed so retries are de-duplicated
    SendState send_state = SendState::NotSent;
    bool link_copied = false;  // the confirmation says so after the copy button
    bool can_share = false;    // the browser has the Web Share API
    // A shared link's choices: the welcome screen offers to start from them or from the council's budget.
    bool has_shared = false;
    budget::Choices shared;
    std::string send_code, send_message;  // why the server refused it: its stable code and its English words
    // The refusal in the resident's own language, for the error codes the app knows ("" for others).
    std::string refusal() const;
    Consultation consultation = Consultation::Open;
    CommentFate comment_fate = CommentFate::Unknown;
    // Residents' share satisfied with each service group, from the public results (the page fetches
    // them); until they come, or where results are private, the annual report points to the full one.
    std::vector<budget::PublishedGroupShare> resident_shares;
    bool resident_shares_known = false;
    bool budget_changed = false;      // the saved draft was made against an earlier version of this budget
    std::int64_t consultation_time = 0;  // when it opens (NotOpen) or closed (Closed): Unix seconds, UTC
    Mirror mirror;  // for screen readers (and the test hook's rectangles), rebuilt every frame
    unsigned long revision = 0;  // counts changes worth saving (choices, comments, answers)
    void touched() { ++revision; }

    void start(budget::Budget b);
    std::optional<BallotChoice> vote;  // set for a ballot; `budget` is then unused
    std::string voter_code;            // as typed or from the slip's link (consultations that require codes)
    // Why the voter code cannot be sent ("" when it can, or when the ballot needs none).
    std::string voter_code_problem() const;
    void start_ballot(budget::Ballot b);
    void choose_project(std::size_t project, bool on);
    void choose_area(int area);  // clears choices in other areas
    void clear_vote();            // every choice, the reference and the sending state (kiosk reset)
    // Why the choice cannot be sent as it stands, in the resident's words; "" when it can.
    std::string vote_problem() const;
    // The ballot's rule in plain words ("Choose up to 3 projects.").
    std::string ballot_rule_words() const;
    std::string money(budget::Pence amount) const;  // "£250,000", "£12.50"; other currencies by code
    std::string vote_json() const;  // the vote document (core's ballot_vote_to_send) for the chosen projects
    // "This consultation opens on ..." or "... closed on ...", or "" while it is open.
    std::string consultation_note() const;
    void set_choices(const budget::Choices& next);  // keeps an undo step, re-simulates
    void reset();
    bool undo_last();
    // Whether the budget's rule lets these choices be submitted, and why not if not.
    bool can_submit(std::string& why) const;
    // The outcome and what follows from it, after any change of choices.
    void resimulate();
    // The submission document (core format) for the current choices and answers.
    std::string submission_json() const;
    // What the resident has entered, kept on the device so a reload loses nothing; and back.
    budget::Draft draft() const;
    void restore(const budget::Draft& d);
    // The app's words in the resident's language: English is the message id, Welsh comes from the
    // catalogue (wasm/po/cy.po, downloaded only when Welsh is chosen); a message it lacks shows in English.
    budget::MessageCatalogue welsh;
    enum class Catalogue { NotLoaded, Loading, Loaded, Failed };
    Catalogue welsh_state = Catalogue::NotLoaded;
    bool fetch_welsh = false;  // the platform is to download the Welsh words (then calls welsh_arrived)
    // Switches to "en" or "cy" at once, or once the Welsh words have arrived.
    void choose_language(const std::string& wanted);
    // The Welsh catalogue's text as downloaded (nullopt: the download failed). False when it is unusable.
    bool welsh_arrived(const std::optional<std::string_view>& po, budget::Problem& problem);
    const char* tr(const char* english) const { return language == "cy" ? welsh.translate(english).data() : english; }
    // A message with "{name}" places filled, in the resident's language.
    std::string tr(const char* english, std::initializer_list<std::pair<const char*, std::string>> fills) const;
    // A budget's own words, in English and, where it gives them, Welsh.
    const std::string& text(const budget::LocalText& t) const { return t.in(language); }
};

// What the platform reports beside the state: frame costs, and the font as rasterised.
struct FrameCosts { unsigned long frames, painted; double mean_ms, max_ms, build_mean_ms; float font_px; int font_glyphs; };
// The state as JSON, for the read-only test hook window.budgetApp.state(); "items" holds the
// rectangle of every keyed item drawn in the last frame.
std::string state_json(const AppState& s, const FrameCosts& costs);

}  // namespace app
