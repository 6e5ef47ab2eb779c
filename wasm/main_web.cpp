// Entry points the page (site/index.html) calls: start the app with a budget, a font and any saved
// draft or shared choices; report the sending state; read the state for the test hook.
// Exceptions never cross this boundary (the core does not throw).
#include <emscripten.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "app_glyphs.h"
#include "app_state.h"
#include "ballot_pack.h"
#include "ballot_submission.h"
#include "budget_pack.h"
#include "choices_codec.h"
#include "draft_codec.h"
#include "imgui.h"
#include "navigation.h"
#include "platform_web.h"
#include "share_link.h"
#include "ui.h"

namespace {

app::AppState g_state;
std::vector<unsigned char> g_font;
std::string g_state_json;
std::string g_saved_draft;
unsigned long g_saved_revision = 0;

// The font comes in two files (wasm/CMakeLists.txt lists their code points, app_glyphs.h gives them
// here). The main one has what the app's own words, budgets and most residents' comments use: Latin;
// the Latin-1 signs and accented letters English and Welsh use; the Welsh letters; dashes, quotes,
// bullet, ellipsis and euro. The rest of Latin-1 and Latin Extended-A (ñ ç ø ß; Polish, Czech,
// Hungarian... names in a budget or a comment) comes in a second file, fetched only when text needs it.
const char* const kMoreGlyphsUrl = "fonts/NotoSans-Extra.ttf";
const char* const kWelshUrl = "po/cy.po";  // wasm/po/cy.po, downloaded when Welsh is chosen
std::vector<unsigned char> g_more_glyphs;
bool g_more_glyphs_asked = false;

bool in_ranges(unsigned code, const ImWchar* ranges) {
    for (; ranges[0] != 0; ranges += 2)
        if (code >= ranges[0] && code <= ranges[1]) return true;
    return false;
}

// True when UTF-8 text has a code point of the second file (all are two-byte sequences, U+0080-07FF).
bool needs_more_glyphs(std::string_view bytes) {
    for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
        const auto lead = static_cast<unsigned char>(bytes[i]), next = static_cast<unsigned char>(bytes[i + 1]);
        if ((lead & 0xE0u) != 0xC0u || (next & 0xC0u) != 0x80u) continue;
        if (in_ranges(((lead & 0x1Fu) << 6) | (next & 0x3Fu), kExtraGlyphs)) return true;
    }
    return false;
}

// `text` is what is on screen: the mirror lists every word drawn, typed text included.
void ask_for_glyphs_for(std::string_view text) {
    if (g_more_glyphs_asked || g_state.plain_page || !needs_more_glyphs(text)) return;
    g_more_glyphs_asked = true;
    web::fetch_bytes(kMoreGlyphsUrl, "app_more_glyphs");
}

// GOV.UK's type sizes, as the em that CSS means: body text 19 px on a desktop, 16 px or more on a
// phone (18 here, as the plain page); a projector's readable from the back of a hall. ImGui sizes a
// font by its line (ascent to descent), which for Noto Sans is 1.362 em.
constexpr float kHeadingScale = 1.35f;  // app::heading's font (Fonts[1]) against the body's
constexpr float kNotoLinePerEm = 1.362f;  // (ascender 1069 + descender 293) / 1000 units per em
float body_em_px(float css_width) { return g_state.projector ? 30.0f : css_width < 641.0f ? 18.0f : 19.0f; }
float font_px(float css_width) { return std::round(body_em_px(css_width) * kNotoLinePerEm); }

void build_fonts(float dpr, float css_size) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;
    // Rasterised at the real pixel size already, so no oversampling: it halves the start-up's
    // largest task (stb_truetype drawing every glyph) for no visible difference.
    config.OversampleH = 1;
    config.OversampleV = 1;
    // Rasterised at the real pixel size, drawn at CSS size: the body text, then the headings' size.
    for (const float scale : {1.0f, kHeadingScale}) {
        config.MergeMode = false;
        io.Fonts->AddFontFromMemoryTTF(g_font.data(), static_cast<int>(g_font.size()), css_size * scale * dpr, &config, kGlyphs);
        if (!g_more_glyphs.empty()) {
            config.MergeMode = true;
            io.Fonts->AddFontFromMemoryTTF(g_more_glyphs.data(), static_cast<int>(g_more_glyphs.size()), css_size * scale * dpr, &config,
                                           kExtraGlyphs);
        }
    }
    io.FontGlobalScale = 1.0f / dpr;
    io.Fonts->Build();
    // Touch targets of at least 44 CSS px: a control's frame is its line and the padding above and below.
    ImGui::GetStyle().FramePadding.y = std::max(8.0f, std::ceil((app::kTouchTarget - css_size) * 0.5f));
}

// Dear ImGui 1.90.1's light style as data (0xAABBGGRR, by ImGuiCol_), so the app does not link
// the code that sets it; apply_theme() then changes what contrast needs.
const ImU32 kLightStyle[] = {
    0xFF000000, 0xFF999999, 0xFFF0F0F0, 0x00000000, 0xFAFFFFFF, 0x4D000000, 0x00000000, 0xFFFFFFFF,
    0x66FA9642, 0xABFA9642, 0xFFF5F5F5, 0xFFD1D1D1, 0x82FFFFFF, 0xFFDBDBDB, 0x87FAFAFA, 0xCCB0B0B0,
    0xCC7D7D7D, 0xFF7D7D7D, 0xFFFA9642, 0xC7FA9642, 0x99CC8A75, 0x66FA9642, 0xFFFA9642, 0xFFFA870F,
    0x4FFA9642, 0xCCFA9642, 0xFFFA9642, 0x9E636363, 0xC7CC7024, 0xFFCC7024, 0x2B595959, 0xABFA9642,
    0xF2FA9642, 0xEDD5CBC3, 0xCCFA9642, 0xFFE1BA98, 0xFBEEECEB, 0xFFE9D1BD, 0xFF636363, 0xFF596EFF,
    0xFF00B3E6, 0xFF0073FF, 0xFFFADEC7, 0xFFA39191, 0xFFBDADAD, 0x00000000, 0x174D4D4D, 0x59FA9642,
    0xF2FA9642, 0xCCFA9642, 0xB3B3B3B3, 0x33333333, 0x59333333};
static_assert(sizeof kLightStyle / sizeof kLightStyle[0] == ImGuiCol_COUNT, "one colour per ImGuiCol_");

void apply_theme() {
    ImGuiStyle& style = ImGui::GetStyle();
    if (g_state.high_contrast) {
        ImGui::StyleColorsDark();
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 1);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 1);
        style.Colors[ImGuiCol_Text] = ImVec4(1, 1, 1, 1);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.85f, 0.85f, 0.85f, 1);
        style.Colors[ImGuiCol_FrameBg] = ImVec4(0.12f, 0.12f, 0.12f, 1);
        style.Colors[ImGuiCol_Button] = ImVec4(0.0f, 0.25f, 0.55f, 1);
        style.Colors[ImGuiCol_Header] = ImVec4(0.0f, 0.25f, 0.55f, 1);
        style.Colors[ImGuiCol_SliderGrab] = ImVec4(1.0f, 0.87f, 0.0f, 1);
        style.Colors[ImGuiCol_Border] = ImVec4(1, 1, 1, 1);
    } else {
        for (int i = 0; i < ImGuiCol_COUNT; ++i) style.Colors[i] = ImGui::ColorConvertU32ToFloat4(kLightStyle[i]);
        style.Colors[ImGuiCol_Text] = ImVec4(0.11f, 0.11f, 0.11f, 1.0f);          // 16:1 on the background
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.31f, 0.35f, 0.37f, 1.0f);  // 7:1
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.96f, 1.0f);
        // Edges and marks of controls at 3:1 or more against what is around them (WCAG 1.4.11).
        style.Colors[ImGuiCol_Border] = ImVec4(0.40f, 0.40f, 0.40f, 1.0f);  // 5:1 on the background
        style.Colors[ImGuiCol_SliderGrab] = ImVec4(0.05f, 0.31f, 0.55f, 1.0f);
        style.Colors[ImGuiCol_SliderGrabActive] = ImVec4(0.02f, 0.20f, 0.40f, 1.0f);
        style.Colors[ImGuiCol_CheckMark] = ImVec4(0.05f, 0.31f, 0.55f, 1.0f);
        // The council's colour, where the loader found its contrast enough for controls (3:1).
        const budget::Brand& brand = g_state.budget.brand;
        if (brand.colour && brand.colour_for_controls) {
            const auto channel = [&](int shift) { return static_cast<float>((*brand.colour >> shift) & 0xFFu) / 255.0f; };
            const ImVec4 colour(channel(16), channel(8), channel(0), 1.0f);
            style.Colors[ImGuiCol_SliderGrab] = colour;
            style.Colors[ImGuiCol_SliderGrabActive] = ImVec4(colour.x * 0.75f, colour.y * 0.75f, colour.z * 0.75f, 1.0f);
            style.Colors[ImGuiCol_CheckMark] = colour;
            style.Colors[ImGuiCol_Separator] = colour;
        }
    }
    style.FramePadding.x = 12;  // .y follows the type size (build_fonts)
    style.Colors[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0);  // app::focus_ring draws GOV.UK's instead
    style.ItemSpacing = ImVec2(10, 10);
    style.GrabMinSize = 24;
    style.FrameRounding = 4;
    style.WindowBorderSize = 0.0f;  // the content column needs no frame
    style.FrameBorderSize = 1.0f;
}

// A saved draft (base64url bytes) restores choices, comments and answers; one made against an earlier
// version of the budget keeps what still applies, and the resident is told; one that does not fit is ignored.
void restore_draft(const std::string& saved) {
    const auto bytes = app::base64url_decode(saved);
    if (g_state.vote) {  // a ballot's draft: the chosen projects (encode_vote), which name the area
        const auto projects = bytes ? budget::decode_vote(*bytes, g_state.vote->chosen.size()) : std::nullopt;
        if (!projects || projects->empty()) return;
        const budget::Ballot& b = g_state.vote->ballot;
        if (const auto area = b.find_area(b.projects[projects->front()].area)) g_state.choose_area(static_cast<int>(*area));
        for (const auto p : *projects) g_state.choose_project(p, true);
        g_saved_draft = saved;
        g_saved_revision = g_state.revision;
        return;
    }
    budget::Draft d;
    bool changed = false;
    if (!bytes || bytes->empty() || !budget::decode_draft(g_state.budget, *bytes, d, &changed)) return;
    g_state.restore(d);
    g_state.budget_changed = changed;
    g_saved_draft = saved;
    g_saved_revision = g_state.revision;
}

std::uint64_t g_mirror_hash = 0;
std::string g_location;  // the fragment the page's address shows (navigation.h)

// WAI-ARIA's slider: Left and Right move a slider as soon as the keyboard is on it (ImGui would ask
// for Space or Enter first, and move the keyboard sideways instead). Presses between two frames add up.
bool slider_key(int key) {
    if ((key != ImGuiKey_LeftArrow && key != ImGuiKey_RightArrow) || ImGui::IsAnyItemActive() || !ImGui::GetIO().NavVisible) return false;
    app::Mirror& m = g_state.mirror;
    const auto slider = std::find_if(m.nodes.begin(), m.nodes.end(),
                                     [&](const app::MirrorNode& n) { return n.role == app::Role::Slider && n.key == m.nav_key; });
    if (slider == m.nodes.end()) return false;
    const auto waiting = std::find_if(m.pending.rbegin(), m.pending.rend(), [&](const app::MirrorAction& a) { return a.key == slider->key; });
    const int from = waiting != m.pending.rend() ? waiting->value : slider->now;
    m.pending.push_back(app::MirrorAction{slider->key, std::clamp(from + (key == ImGuiKey_RightArrow ? 1 : -1), 0, slider->max), ""});
    return true;
}

void frame() {
    g_state.mirror.nodes.clear();
    g_state.mirror.nav_key.clear();
    g_state.mirror.announce.clear();
    g_state.mirror.edit_key.clear();
    app::draw_app(g_state);
    // An action for something no longer drawn is dropped; a later press of a button drawn this frame
    // waits for the next.
    auto& pending = g_state.mirror.pending;
    const auto& nodes = g_state.mirror.nodes;
    pending.erase(std::remove_if(pending.begin(), pending.end(), [&](const app::MirrorAction& a) {
                      return std::none_of(nodes.begin(), nodes.end(), [&](const app::MirrorNode& n) { return n.key == a.key; });
                  }),
                  pending.end());
    if (!pending.empty()) web::request_redraw(web::kInputFrames);
    if (g_state.fetch_welsh) {
        g_state.fetch_welsh = false;
        web::fetch_bytes(kWelshUrl, "app_welsh");
    }
    // Each screen and tab a history entry (the first replaces the address the page was opened at).
    if (const std::string here = app::location_of(g_state); here != g_location) {
        web::show_location(here, g_location.empty());
        g_location = here;
    }
    // The mirror is built after the first paint: its DOM and layout are a task of their own on a slow
    // phone. The second frame, which start-up always draws, publishes it.
    const std::uint64_t hash = web::frames_drawn() > 0 ? app::mirror_hash(g_state.mirror, g_state.language) : g_mirror_hash;
    if (hash != g_mirror_hash) {
        const std::string mirror = app::mirror_json(g_state.mirror, g_state.language);
        web::publish_mirror(mirror);
        ask_for_glyphs_for(mirror);
        g_mirror_hash = hash;
    }
    // Keep a draft on the device so a reload loses nothing (built only after a change).
    if (g_state.revision != g_saved_revision) {
        g_saved_revision = g_state.revision;
        const std::string draft = app::base64url_encode(g_state.vote ? budget::encode_vote(g_state.vote->projects())
                                                                      : budget::encode_draft(g_state.budget, g_state.draft()));
        if (draft != g_saved_draft) {
            web::save_draft(draft);
            g_saved_draft = draft;
        }
    }
}

// Takes in the Welsh catalogue's text (size 0: it could not be downloaded), saying why on the console
// when it is unusable (the app then stays in English and says so on the welcome screen).
void take_welsh(const unsigned char* bytes, int size) {
    budget::Problem problem;
    const auto po = bytes && size > 0 ? std::optional<std::string_view>(std::in_place, reinterpret_cast<const char*>(bytes),
                                                                        static_cast<std::size_t>(size))
                                      : std::nullopt;
    if (!g_state.welsh_arrived(po, problem))
        web::console_error(std::string(kWelshUrl) + ":" + std::to_string(problem.line) + ": " + problem.message + " [" + problem.code + "]");
}

}  // namespace

extern "C" {

// 0 started; 1 the budget pack is unusable (its problem is printed to the console); 2 no WebGL2.
// `welsh` is the Welsh catalogue's text when the page starts in Welsh (null when its download failed).
EMSCRIPTEN_KEEPALIVE int app_start(const unsigned char* pack, int pack_size, const unsigned char* font, int font_size,
                                   const char* language, const unsigned char* welsh, int welsh_size, const char* mode,
                                   const char* saved_draft, const char* shared_choices) {
    const std::string_view pack_bytes(reinterpret_cast<const char*>(pack), static_cast<std::size_t>(pack_size));
    // The same address serves a budget's pack or a ballot's: the first bytes say which.
    std::optional<budget::Budget> budget_unpacked;
    std::optional<budget::Ballot> ballot_unpacked;
    budget::Problem pack_problem;
    if (budget::is_ballot_pack(pack_bytes)) {
        budget::BallotUnpack u = budget::unpack_ballot(pack_bytes);
        ballot_unpacked = std::move(u.ballot);
        pack_problem = u.problem;
    } else {
        budget::BudgetUnpack u = budget::unpack_budget(pack_bytes);
        budget_unpacked = std::move(u.budget);
        pack_problem = u.problem;
    }
    if (!budget_unpacked && !ballot_unpacked) {
        web::console_error("pack: " + pack_problem.message + " [" + pack_problem.code + "]");
        return 1;
    }
    web::mark("start:unpacked");
    if (ballot_unpacked) g_state.start_ballot(std::move(*ballot_unpacked));
    else g_state.start(std::move(*budget_unpacked));
    web::mark("start:simulated");
    if (std::string(language) == "cy") take_welsh(welsh, welsh_size);
    const bool html = std::string(mode) == "html";  // no WebGL2: the page shows the mirror instead
    g_state.plain_page = html;
    g_state.desktop_input = web::has_fine_pointer();
    g_state.can_share = web::can_share();
    g_state.projector = std::string(mode) == "projector";
    g_state.kiosk.on = std::string(mode) == "kiosk";
    g_state.high_contrast = g_state.projector || std::string(mode) == "high-contrast";
    restore_draft(saved_draft);
    // A fragment opens its screen ("#report"), unless the welcome screen has news for the resident
    // (the council changed the budget since their draft); Back and Forward move between screens in the app.
    if (!g_state.budget_changed) app::go_to(g_state, web::current_location());
    web::watch_location([](const std::string& fragment) {
        if (!app::go_to(g_state, fragment)) web::show_location(app::location_of(g_state), true);  // not open to them: stay
        g_location = app::location_of(g_state);
    });
    if (const auto bytes = app::base64url_decode(shared_choices); !g_state.vote && bytes && !bytes->empty()) {
        budget::Choices shared;
        if (budget::decode_choices(g_state.budget, *bytes, shared)) {  // the welcome screen offers them
            g_state.shared = shared;
            g_state.has_shared = true;
        }
    }
    g_font.assign(font, font + font_size);
    web::PlatformConfig config;
    config.frame = frame;
    config.font_px = font_px;
    config.rebuild_fonts = build_fonts;
    config.draw = !html;
    config.key_pressed = slider_key;
    if (!web::platform_start(config)) return 2;
    web::mark("start:platform");
    apply_theme();
    return 0;
}

// The extra Latin letters (kMoreGlyphsUrl), once downloaded: the fonts are built again with them.
// (Size 0: the download failed, and those letters stay missing.)
EMSCRIPTEN_KEEPALIVE void app_more_glyphs(const unsigned char* bytes, int size) {
    if (size <= 0) return;
    g_more_glyphs.assign(bytes, bytes + size);
    web::rebuild_fonts_soon();
}

// The Welsh catalogue (kWelshUrl) asked for when the resident chose Welsh; size 0 when the download failed.
EMSCRIPTEN_KEEPALIVE void app_welsh(const unsigned char* bytes, int size) {
    take_welsh(bytes, size);
    web::request_redraw();
}

// From the page's outbox: 1 waiting to send, 2 sent, 3 rejected (with the server's error code and
// reason), for the submission `id` ("" for the outbox as a whole). Only this resident's own submission
// is reported: a kiosk's earlier residents, or an earlier visit, are not.
EMSCRIPTEN_KEEPALIVE void app_submission_status(int state, const char* code, const char* message, const char* id) {
    if (g_state.submission_id.empty() || (*id != '\0' && g_state.submission_id != id)) return;
    g_state.send_state = state == 2 ? app::SendState::Sent : state == 3 ? app::SendState::Rejected : app::SendState::Waiting;
    g_state.send_code = code;
    g_state.send_message = message;
    web::request_redraw();
}

// A voter code from the slip's link (?code=), filled in for the resident.
EMSCRIPTEN_KEEPALIVE void app_voter_code(const char* code) {
    g_state.voter_code = std::string(code).substr(0, 32);
    web::request_redraw();
}

// A kiosk's clock, once a second from the page: the seconds since the last touch or key, and the idle
// limit from the address (?idle=SECONDS). Returns 1 when it started again for the next person.
EMSCRIPTEN_KEEPALIVE int app_kiosk_clock(int idle_seconds, int idle_limit) {
    g_state.kiosk.idle_limit = idle_limit;
    const int before = g_state.kiosk.seconds_left;
    const bool reset = g_state.kiosk_clock(idle_seconds);
    if (reset || before != g_state.kiosk.seconds_left) web::request_redraw();
    return reset ? 1 : 0;
}

// From the page, what the server says of the consultation: 0 open, 1 not open yet, 2 closed, with
// when it opens or closed (Unix seconds, UTC), and what becomes of comments: 1 read only by the
// council, 2 published once an officer has checked them, 3 published at once.
EMSCRIPTEN_KEEPALIVE void app_consultation(int state, double when, int comments) {
    const auto consultation = state == 1 ? app::Consultation::NotOpen : state == 2 ? app::Consultation::Closed : app::Consultation::Open;
    const auto time = static_cast<std::int64_t>(when);
    const auto fate = comments == 1 ? app::CommentFate::Private : comments == 2 ? app::CommentFate::CheckedFirst
                      : comments == 3 ? app::CommentFate::AtOnce : app::CommentFate::Unknown;
    if (consultation == g_state.consultation && time == g_state.consultation_time && fate == g_state.comment_fate)
        return;  // as assumed at start: nothing to draw again
    g_state.consultation = consultation;
    g_state.consultation_time = time;
    g_state.comment_fate = fate;
    web::request_redraw();
}

// From the page: the budget's public results, for residents' shares beside the council's own
// ratings in the annual report. A document that is not one is ignored (the report says where to look).
EMSCRIPTEN_KEEPALIVE void app_resident_ratings(const char* results_json) {
    std::vector<budget::PublishedGroupShare> shares;
    std::string error;
    if (!budget::read_published_group_shares(results_json ? results_json : "", shares, error)) return;
    g_state.resident_shares = std::move(shares);
    g_state.resident_shares_known = true;
    web::request_redraw();
}

// From the screen-reader mirror (site/a11y-mirror.js): what assistive technology did to a control.
EMSCRIPTEN_KEEPALIVE void app_mirror_action(const char* key, int value, const char* text) {
    g_state.mirror.pending.push_back(app::MirrorAction{key, value, text});
    web::request_redraw(web::kInputFrames);
}

// Which mirror element assistive technology is on ("" for none): outlined on the canvas.
EMSCRIPTEN_KEEPALIVE void app_mirror_focus(const char* key) {
    g_state.mirror.focus_key = key;
    g_state.mirror.scroll_to_focus = true;
    web::request_redraw(web::kInputFrames);
}

EMSCRIPTEN_KEEPALIVE const char* app_state_json() {
    const ImFontAtlas* fonts = ImGui::GetIO().Fonts;
    const float font_px = fonts->Fonts.empty() ? 0.0f : fonts->Fonts[0]->FontSize;
    const int font_glyphs = fonts->Fonts.empty() ? 0 : fonts->Fonts[0]->Glyphs.Size;
    g_state_json = app::state_json(
        g_state, {web::frames_drawn(), web::frames_painted(), web::frame_ms_mean(), web::frame_ms_max(), web::build_ms_mean(), font_px, font_glyphs});
    return g_state_json.c_str();
}

// Frames drawn so far: what tests poll to know the app has stopped drawing (cheaper than the state).
EMSCRIPTEN_KEEPALIVE double app_frames_drawn() { return static_cast<double>(web::frames_drawn()); }

}  // extern "C"
