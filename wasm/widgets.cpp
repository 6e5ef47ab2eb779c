// Accessible widgets: each draws an ImGui control, records it for the screen-reader mirror and the
// test hook, and applies what assistive technology asked of it (mirror.h).
#include "ui.h"

#include "imgui_internal.h"  // PushItemFlag: one Tab stop for a radio group

#include <algorithm>

#include "byte_codec.h"
#include "json_writer.h"

namespace app {

namespace {

// The action waiting for `key`, if any (consumed). A control that holds a value (text, a slider's
// place, a checkbox) takes the newest and drops older ones, since each carries the whole value: the
// page may send several between two frames (fast typing, paste, dictation). A button takes the
// oldest and leaves later presses for the next frames.
enum class Take { Newest, Oldest };
bool take_action(AppState& s, const std::string& key, MirrorAction& out, Take which = Take::Newest) {
    auto& pending = s.mirror.pending;
    const auto same = [&](const MirrorAction& a) { return a.key == key; };
    if (which == Take::Oldest) {
        const auto it = std::find_if(pending.begin(), pending.end(), same);
        if (it == pending.end()) return false;
        out = std::move(*it);
        pending.erase(it);
        return true;
    }
    const auto newest = std::find_if(pending.rbegin(), pending.rend(), same);
    if (newest == pending.rend()) return false;
    out = std::move(*newest);
    pending.erase(std::remove_if(pending.begin(), pending.end(), same), pending.end());
    return true;
}

// GOV.UK's focus indicator on the item the keyboard is on: 3 px of yellow with a dark edge outside
// it, so it shows on any background (ImGui's own thin highlight is turned off in the theme).
void focus_ring_around(ImVec2 min, ImVec2 max) {
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->AddRect(ImVec2(min.x - 5, min.y - 5), ImVec2(max.x + 5, max.y + 5), IM_COL32(11, 12, 12, 255), 2.0f, 0, 2.0f);
    draw->AddRect(ImVec2(min.x - 2.5f, min.y - 2.5f), ImVec2(max.x + 2.5f, max.y + 2.5f), IM_COL32(255, 221, 0, 255), 0.0f, 0, 3.0f);
}
void focus_ring() {
    if (ImGui::GetIO().NavVisible && ImGui::IsItemFocused()) focus_ring_around(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

// Records the control at [min, max] (by default the last item), which has the keyboard when `focused`.
MirrorNode& record_at(AppState& s, Role role, const std::string& key, const std::string& name, ImVec2 min, ImVec2 max, bool focused) {
    if (focused && ImGui::GetIO().NavVisible && role != Role::Text && role != Role::Heading && role != Role::Image)
        focus_ring_around(min, max);
    if (!key.empty() && focused) s.mirror.nav_key = key;
    if (!key.empty() && key == s.mirror.focus_key) {
        // Where assistive technology is, outlined on the canvas for people who also look.
        if (s.mirror.scroll_to_focus && !ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.5f);
        s.mirror.scroll_to_focus = false;
        ImGui::GetForegroundDrawList()->AddRect(ImVec2(min.x - 3, min.y - 3), ImVec2(max.x + 3, max.y + 3),
                                                IM_COL32(255, 221, 0, 255), 2.0f, 0, 3.0f);
    }
    MirrorNode n;
    n.key = key.empty() ? "text:" + std::to_string(s.mirror.nodes.size()) : key;
    n.role = role;
    n.name = name;
    n.x = min.x;
    n.y = min.y;
    n.w = max.x - min.x;
    n.h = max.y - min.y;
    const ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin(), clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    n.clipped = min.y < clip_min.y - 0.5f || max.y > clip_max.y + 0.5f || min.x < clip_min.x - 0.5f || max.x > clip_max.x + 0.5f;
    s.mirror.nodes.push_back(std::move(n));
    return s.mirror.nodes.back();
}

MirrorNode& record(AppState& s, Role role, const std::string& key, const std::string& name) {
    return record_at(s, role, key, name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::IsItemFocused());
}

// The page shows this node as real, visible HTML over the canvas, cut to its scrolling area.
void shown_over_canvas(MirrorNode& n) {
    n.overlay = true;
    n.clip_y0 = ImGui::GetWindowDrawList()->GetClipRectMin().y;
    n.clip_y1 = ImGui::GetWindowDrawList()->GetClipRectMax().y;
}

}  // namespace

// Breaks `text` into lines no wider than `width` at spaces only, so numbers ("£1.2m", "14.4%") and
// words never break inside themselves. A word wider than a whole line is left to ImGui's wrapping.
std::string wrap_at_spaces(const std::string& text, float width) {
    std::string out;
    out.reserve(text.size() + 8);
    const float space = ImGui::CalcTextSize(" ").x;
    float line = 0;
    std::size_t at = 0;
    while (at <= text.size()) {
        const std::size_t end = std::min(text.find_first_of(" \n", at), text.size());
        const float word = ImGui::CalcTextSize(text.data() + at, text.data() + end).x;
        if (line > 0 && line + space + word > width) {
            out += '\n';
            line = 0;
        } else if (line > 0) {
            out += ' ';
            line += space;
        }
        out.append(text, at, end - at);
        line += word;
        if (end < text.size() && text[end] == '\n') {
            out += '\n';
            line = 0;
        }
        at = end + 1;
    }
    return out;
}

void paragraph(AppState& s, const std::string& text, const std::string& key) {
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushTextWrapPos(0.0f);  // only for a word longer than a whole line
    ImGui::TextUnformatted(wrap_at_spaces(text, width).c_str());
    ImGui::PopTextWrapPos();
    record(s, Role::Text, key, text);
}

void note(AppState& s, const std::string& text) { coloured_text(s, text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)); }

void coloured_text(AppState& s, const std::string& text, const ImVec4& colour, const std::string& key) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    paragraph(s, text, key);
    ImGui::PopStyleColor();
}

void heading(AppState& s, const std::string& text, int level) {
    // Headings in their own, larger font (Fonts[1], built by main_web.cpp); a title larger still.
    ImFont* font = ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1] : nullptr;
    if (font) ImGui::PushFont(font);
    if (level == 1) {
        ImGui::SetWindowFontScale(1.25f);
        paragraph(s, text);
        ImGui::SetWindowFontScale(1.0f);
        s.mirror.nodes.back().role = Role::Heading;
    } else if (level == 2) {  // the words, then a rule to the right edge
        ImGui::TextUnformatted(wrap_at_spaces(text, ImGui::GetContentRegionAvail().x).c_str());
        record(s, Role::Heading, "", text);
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        const float gap = ImGui::GetStyle().ItemSpacing.x, y = (min.y + max.y) * 0.5f;
        if (max.x + gap < right)
            ImGui::GetWindowDrawList()->AddLine(ImVec2(max.x + gap, y), ImVec2(right, y), ImGui::GetColorU32(ImGuiCol_Separator), 3.0f);
    } else {
        ImGui::SetWindowFontScale(0.85f);
        paragraph(s, text);
        ImGui::SetWindowFontScale(1.0f);
        s.mirror.nodes.back().role = Role::Heading;
    }
    if (font) ImGui::PopFont();
    s.mirror.nodes.back().level = level;
}

void described(AppState& s, const std::string& text, const std::string& key) { record(s, Role::Text, key, text); }

void image(AppState& s, const std::string& address, const std::string& alt, const std::string& key, const ImVec2& size) {
    ImGui::Dummy(size);  // the page shows the image here (site/a11y-mirror.js), as a real <img>
    MirrorNode& n = record(s, Role::Image, key, alt);
    n.value = address;
    shown_over_canvas(n);
}

bool button(AppState& s, const std::string& label, const std::string& key, const ImVec2& size, bool enabled) {
    ImVec2 at_least = size;  // a thumb's width, however short the words
    if (at_least.x == 0.0f) at_least.x = std::max(ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2, kTouchTarget);
    ImGui::BeginDisabled(!enabled);
    bool pressed = ImGui::Button(label.c_str(), at_least);
    ImGui::EndDisabled();
    MirrorAction a;
    if (take_action(s, key, a, Take::Oldest)) pressed = true;
    record(s, Role::Button, key, label).disabled = !enabled;
    return pressed && enabled;
}

float wide_button_height() { return std::max(48.0f, ImGui::GetFrameHeight()); }

// GOV.UK's green for a screen's one main action, with white words (6.2:1); others keep the theme's.
void push_primary_colours() {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.0f, 0.439f, 0.235f, 1.0f));         // #00703c
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.0f, 0.353f, 0.188f, 1.0f));  // #005a30
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.0f, 0.353f, 0.188f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 1.0f, 1.0f, 1.0f));
}
void pop_primary_colours() { ImGui::PopStyleColor(4); }

bool wide_button(AppState& s, const std::string& label, const std::string& key, bool enabled, bool primary) {
    const float available = ImGui::GetContentRegionAvail().x;
    const float fitted = ImGui::CalcTextSize(label.c_str()).x + 4.0f * ImGui::GetFontSize();
    const float width = available < 560.0f ? available : std::min(available, fitted);  // full width helps a thumb
    if (primary) push_primary_colours();
    const bool pressed = button(s, label, key, ImVec2(width, wide_button_height()), enabled);
    if (primary) pop_primary_colours();
    return pressed;
}

void fill_bar(float fraction, const std::string& label, ImU32 fill, float height) {
    // The words are drawn twice, each clipped to its side of the fill's edge, so they keep their
    // contrast wherever the edge falls.
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 min = ImGui::GetCursorScreenPos(), max(min.x + width, min.y + height);
    ImGui::Dummy(ImVec2(width, height));
    const float edge = min.x + width * (fraction < 0 ? 0 : fraction > 1 ? 1 : fraction);
    const float rounding = ImGui::GetStyle().FrameRounding;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg), rounding);
    if (edge > min.x) draw->AddRectFilled(min, ImVec2(edge, max.y), fill, rounding);
    draw->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), rounding);
    const ImVec2 at(min.x + ImGui::GetStyle().FramePadding.x, min.y + (height - ImGui::GetFontSize()) * 0.5f);
    const ImVec4 on_fill(min.x, min.y, edge, max.y), off_fill(edge, min.y, max.x, max.y);
    draw->AddText(nullptr, 0.0f, at, IM_COL32_WHITE, label.c_str(), nullptr, 0.0f, &on_fill);
    draw->AddText(nullptr, 0.0f, at, ImGui::GetColorU32(ImGuiCol_Text), label.c_str(), nullptr, 0.0f, &off_fill);
}

// The box, then its words wrapped at spaces beside it (a long option's name fits a phone); the
// words are part of the control, as a <label> is.
bool checkbox(AppState& s, const std::string& label, const std::string& key, bool* on) {
    bool changed = ImGui::Checkbox(("##" + key).c_str(), on);
    const bool focused = ImGui::IsItemFocused();
    const ImVec2 min = ImGui::GetItemRectMin();
    ImVec2 max = ImGui::GetItemRectMax();
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    const std::string words = wrap_at_spaces(label, ImGui::GetContentRegionAvail().x);
    if (words.find('\n') == std::string::npos) ImGui::AlignTextToFramePadding();  // one line: level with the box's middle
    ImGui::TextUnformatted(words.c_str());
    if (ImGui::IsItemClicked()) {
        *on = !*on;
        changed = true;
    }
    max = ImVec2(std::max(max.x, ImGui::GetItemRectMax().x), std::max(max.y, ImGui::GetItemRectMax().y));
    MirrorAction a;
    if (take_action(s, key, a)) {
        changed = *on != (a.value != 0);
        *on = a.value != 0;
    }
    record_at(s, Role::Checkbox, key, label, min, max, focused).on = *on;
    return changed;
}

void option_toggle(AppState& s, const std::string& name, std::vector<char> budget::Choices::*on, std::size_t i,
                   const std::string& key) {
    bool checked = (s.choices.*on)[i] != 0;
    if (checkbox(s, name, key, &checked)) {
        budget::Choices next = s.choices;
        (next.*on)[i] = checked ? 1 : 0;
        s.set_choices(next);
    }
}

namespace {

// Where step k's grab centre sits on an ImGui integer slider of `max_steps` in [min_x, max_x]
// (as SliderBehaviorT places it: the grab as wide as one step or GrabMinSize, 2 px padding).
float step_x(float min_x, float max_x, int k, int max_steps) {
    const float track = max_x - min_x - 4.0f;
    const float grab = std::max(track / static_cast<float>(max_steps + 1), ImGui::GetStyle().GrabMinSize);
    return min_x + 2.0f + grab * 0.5f + (track - grab) * (max_steps > 0 ? static_cast<float>(k) / static_cast<float>(max_steps) : 0.0f);
}

// The row of words under a slider: each label at its place unless it would overlap one placed before.
void slider_labels(const SliderMarks& marks, float min_x, float max_x, int max_steps) {
    struct Label { const std::string* words; float x; int align; };  // align: -1 left, 0 centre, 1 right
    const Label labels[] = {{&marks.min_words, min_x, -1}, {&marks.max_words, max_x, 1},
                            {&marks.limit_words, marks.limit >= 0 ? step_x(min_x, max_x, marks.limit, max_steps) : 0, 0},
                            {&marks.today_words, marks.today >= 0 ? step_x(min_x, max_x, marks.today, max_steps) : 0, 0}};
    std::vector<std::pair<float, float>> placed;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float gap = ImGui::GetFontSize() * 0.5f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const Label& l : labels) {
        if (l.words->empty()) continue;
        const float w = ImGui::CalcTextSize(l.words->c_str()).x;
        float left = l.align < 0 ? l.x : l.align > 0 ? l.x - w : l.x - w * 0.5f;
        left = std::clamp(left, min_x, max_x - w);
        const bool overlaps = std::any_of(placed.begin(), placed.end(), [&](const auto& p) { return left < p.second + gap && left + w + gap > p.first; });
        if (overlaps) continue;
        placed.emplace_back(left, left + w);
        draw->AddText(ImVec2(left, at.y), ImGui::GetColorU32(ImGuiCol_Text), l.words->c_str());
    }
    ImGui::Dummy(ImVec2(max_x - min_x, ImGui::GetTextLineHeight()));
}

}  // namespace

bool slider_steps(AppState& s, const std::string& name, const std::string& value_words, const std::string& key, int* steps,
                  int max_steps, const SliderMarks& marks) {
    ImGui::SetNextItemWidth(-1);
    // No typed entry (Ctrl+click, Enter): the slider holds steps, which mean nothing typed as numbers.
    bool changed = ImGui::SliderInt(("##" + key).c_str(), steps, 0, max_steps, "", ImGuiSliderFlags_NoInput);
    MirrorAction a;
    if (take_action(s, key, a)) {
        const int v = std::clamp(a.value, 0, max_steps);
        changed = v != *steps;
        *steps = v;
    }
    MirrorNode& n = record(s, Role::Slider, key, name);
    n.value = value_words;
    n.now = *steps;
    n.max = max_steps;
    // Marks outside the track, so the grab never hides them: today's level above and below, a limit below.
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
    const float r = 5.0f;
    if (marks.today >= 0) {
        const float x = step_x(min.x, max.x, marks.today, max_steps);
        draw->AddTriangleFilled(ImVec2(x - r, min.y - r - 1), ImVec2(x + r, min.y - r - 1), ImVec2(x, min.y - 1), ink);
        draw->AddTriangleFilled(ImVec2(x - r, max.y + r + 1), ImVec2(x + r, max.y + r + 1), ImVec2(x, max.y + 1), ink);
    }
    if (marks.limit >= 0) {
        const float x = step_x(min.x, max.x, marks.limit, max_steps);
        draw->AddRectFilled(ImVec2(x - 1.5f, max.y + 1), ImVec2(x + 1.5f, max.y + 2 * r + 1), ink);
    }
    if (!marks.min_words.empty() || !marks.max_words.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(min.x, max.y + 2 * r + 2));
        slider_labels(marks, min.x, max.x, max_steps);
    }
    return changed;
}

bool choice_button(const std::string& label, bool chosen) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(chosen ? ImGuiCol_TabActive : ImGuiCol_Tab));
    const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(std::max(width, kTouchTarget), 0));  // a thumb's width, "D" too
    ImGui::PopStyleColor();
    focus_ring();
    if (chosen) {
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(min.x, max.y - 4), max, ImGui::GetColorU32(ImGuiCol_Text));
    }
    return pressed;
}

void beside_if_fits(const char* label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = std::max(ImGui::CalcTextSize(label).x + style.FramePadding.x * 2, kTouchTarget);
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right) ImGui::SameLine();
}

// Drawn as a button (ImGui's tab bar brings reordering, scrolling and closing the app does not use).
bool tab(AppState& s, const std::string& label, const std::string& key, bool open) {
    bool chosen = choice_button(label, open);
    MirrorAction a;
    if (take_action(s, key, a, Take::Oldest)) chosen = true;
    record(s, Role::Tab, key, label).on = open;
    return chosen;
}

// A full-width header that opens and closes what follows; a triangle shows which (and the mirror
// says it as expanded or collapsed).
bool expander(AppState& s, const std::string& label, const std::string& key, bool open_at_first) {
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID id = ImGui::GetID(key.c_str());
    bool open = storage->GetBool(id, open_at_first);
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_Header));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_HeaderHovered));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImGui::GetStyleColorVec4(ImGuiCol_HeaderActive));
    if (ImGui::Button(("###" + key).c_str(), ImVec2(-1, ImGui::GetFrameHeight()))) open = !open;
    ImGui::PopStyleColor(3);
    MirrorAction a;
    if (take_action(s, key, a)) open = a.value != 0;
    storage->SetBool(id, open);
    // The triangle (down when open, right when closed), then the words.
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float size = ImGui::GetFontSize(), pad = ImGui::GetStyle().FramePadding.x, r = size * 0.3f;
    const ImVec2 c(min.x + pad + size * 0.5f, (min.y + max.y) * 0.5f);
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (open) draw->AddTriangleFilled(ImVec2(c.x - r, c.y - r * 0.6f), ImVec2(c.x + r, c.y - r * 0.6f), ImVec2(c.x, c.y + r * 0.8f), colour);
    else draw->AddTriangleFilled(ImVec2(c.x - r * 0.6f, c.y - r), ImVec2(c.x + r * 0.8f, c.y), ImVec2(c.x - r * 0.6f, c.y + r), colour);
    draw->AddText(ImVec2(min.x + pad * 2 + size, min.y + ImGui::GetStyle().FramePadding.y), colour, label.c_str());
    record(s, Role::Expander, key, label).on = open;
    return open;
}

namespace {

// `text` cut to at most `max_bytes` of UTF-8, never inside a character.
void fit_utf8(std::string& text, std::size_t max_bytes) {
    if (max_bytes == 0 || text.size() <= max_bytes) return;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
}

}  // namespace

bool text_box(AppState& s, const std::string& name, const std::string& key, std::string* text, float multiline_height,
              std::size_t max_bytes) {
    // A real <textarea> or <input> lies over this place (site/a11y-mirror.js), so every way of typing
    // is the browser's: phone keyboards, IME, dictation, autocorrect, paste, undo and spelling.
    // ImGui's keyboard navigation reaches this button, and pressing it gives the box the keyboard.
    // On a plain page the box is the page's own.
    const float height = multiline_height > 0 ? multiline_height : std::max(ImGui::GetFrameHeight(), kTouchTarget);
    const ImVec2 size(ImGui::GetContentRegionAvail().x, height);
    if (s.plain_page) {
        ImGui::Dummy(size);
    } else {
        if (ImGui::InvisibleButton(("##" + key).c_str(), size)) s.mirror.edit_key = key;
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        const float rounding = ImGui::GetStyle().FrameRounding;
        ImGui::GetWindowDrawList()->AddRectFilled(min, max, IM_COL32_WHITE, rounding);
        ImGui::GetWindowDrawList()->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), rounding, 0, 2.0f);
    }
    bool changed = false;
    MirrorAction a;
    if (take_action(s, key, a)) {
        fit_utf8(a.text, max_bytes);
        changed = *text != a.text;
        *text = std::move(a.text);
    }
    MirrorNode& n = record(s, Role::TextBox, key, name);
    n.value = *text;
    n.on = multiline_height > 0;
    n.max = static_cast<int>(max_bytes);
    if (!s.plain_page) shown_over_canvas(n);
    return changed;
}

int select(AppState& s, const std::string& name, const std::string& key, const std::vector<std::string>& options, int current,
           const std::vector<std::string>* shown) {
    int chosen = -1;
    ImGui::PushID(key.c_str());
    ImGui::BeginGroup();  // new lines start where the group does
    for (std::size_t i = 0; i < options.size(); ++i) {
        const std::string& label = shown ? (*shown)[i] : options[i];
        if (i > 0) beside_if_fits(label.c_str());
        ImGui::PushID(static_cast<int>(i));
        // One Tab stop for the group, as WAI-ARIA's radio group: the chosen option (or the first);
        // the arrow keys reach the others.
        const bool tab_stop = static_cast<int>(i) == current || (current < 0 && i == 0);
        if (!tab_stop) ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true);
        if (choice_button(label, static_cast<int>(i) == current)) chosen = static_cast<int>(i);
        if (!tab_stop) ImGui::PopItemFlag();
        if (ImGui::IsItemFocused()) s.mirror.nav_key = key;  // the keyboard is on one of its options
        ImGui::PopID();
    }
    ImGui::EndGroup();
    ImGui::PopID();
    MirrorAction a;
    if (take_action(s, key, a) && a.value >= 0 && a.value < static_cast<int>(options.size())) chosen = a.value;
    MirrorNode& n = record(s, Role::Select, key, name);
    n.options = options;
    n.now = chosen >= 0 ? chosen : current;
    return chosen;
}

std::uint64_t mirror_hash(const Mirror& m, const std::string& language) {
    std::uint64_t h = budget::kFnvOffset;
    // Each field, then a separator byte, so that "ab","c" and "a","bc" differ.
    const auto mix = [&](std::string_view bytes) { h = budget::fnv1a("\xFF", budget::fnv1a(bytes, h)); };
    const auto mix_int = [&](long long v) { mix(std::string_view(reinterpret_cast<const char*>(&v), sizeof v)); };
    mix(language);
    mix(m.title);
    mix(m.nav_key);
    mix(m.announce);
    mix(m.edit_key);
    for (const MirrorNode& n : m.nodes) {
        mix(n.key);
        mix(n.name);
        mix(n.value);
        mix_int(static_cast<long long>(n.role) | (static_cast<long long>(n.level) << 8) | (static_cast<long long>(n.on) << 16) |
                (static_cast<long long>(n.disabled) << 17));
        mix_int(n.now);
        mix_int(n.max);
        mix_int(static_cast<long long>(n.x) | (static_cast<long long>(n.y) << 20) | (static_cast<long long>(n.w) << 40));
        mix_int(static_cast<long long>(n.h) | (static_cast<long long>(n.overlay) << 20) | (static_cast<long long>(n.clip_y0) << 24) |
                (static_cast<long long>(n.clip_y1) << 44));
        for (const auto& o : n.options) mix(o);
    }
    return h;
}

std::string mirror_json(const Mirror& m, const std::string& language) {
    static const char* const roles[] = {"heading", "text", "button", "checkbox", "slider", "tab", "expander", "textbox", "select", "image"};
    budget::JsonWriter w;
    w.begin_object().key("lang").string(language).key("title").string(m.title).key("nav").string(m.nav_key);
    w.key("announce").string(m.announce);
    if (!m.edit_key.empty()) w.key("edit").string(m.edit_key);
    w.key("nodes").begin_array();
    for (const MirrorNode& n : m.nodes) {
        w.begin_object().key("k").string(n.key).key("r").string(roles[static_cast<int>(n.role)]).key("n").string(n.name);
        if (!n.value.empty()) w.key("v").string(n.value);
        if (n.level) w.key("l").integer(n.level);
        if (n.role == Role::Slider || n.role == Role::Select) w.key("now").integer(n.now).key("max").integer(n.max);
        if (n.role == Role::TextBox && n.max > 0) w.key("max").integer(n.max);
        if (n.overlay) w.key("ov").boolean(true).key("cy0").number(n.clip_y0, 0).key("cy1").number(n.clip_y1, 0);
        if (n.on) w.key("on").boolean(true);
        if (n.disabled) w.key("off").boolean(true);
        w.key("x").number(n.x, 0).key("y").number(n.y, 0).key("w").number(n.w, 0).key("h").number(n.h, 0);
        if (!n.options.empty()) {
            w.key("o").begin_array();
            for (const auto& o : n.options) w.string(o);
            w.end_array();
        }
        w.end_object();
    }
    w.end_array().end_object();
    return std::move(w.text());
}

}  // namespace app
