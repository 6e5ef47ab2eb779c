// The screen-reader mirror: what each frame drew, in reading order, with roles, names, values and
// places, which the page keeps as real HTML over the canvas (site/a11y-mirror.js); and the actions
// assistive technology asks for, which the widget with that key applies on the next frame.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace app {

enum class Role { Heading, Text, Button, Checkbox, Slider, Tab, Expander, TextBox, Select, Image };

struct MirrorNode {
    std::string key;  // stable for controls (the same key the test hook uses)
    Role role = Role::Text;
    std::string name;   // what is shown (for controls, their label)
    std::string value;  // sliders: the value in words; text boxes: the text; images: the address
    int level = 0;      // headings
    int now = 0, max = 0;  // sliders: position in steps; selects: the chosen option (-1 for none)
    bool on = false;       // checked, pressed (the open tab) or expanded
    bool disabled = false;
    std::vector<std::string> options;  // selects
    float x = 0, y = 0, w = 0, h = 0;   // where it is drawn, in CSS pixels
    bool clipped = false;  // not wholly in view (its scrolling area hides some of it)
    bool overlay = false;  // a text area shown as a real, visible <textarea> over the canvas
    float clip_y0 = 0, clip_y1 = 0;  // overlays: the visible band (a scrolling area's edges), in CSS pixels
};

struct MirrorAction {
    std::string key;
    int value = 0;     // checkbox 0/1, slider steps, select option, expander 0/1
    std::string text;  // text boxes
};

struct Mirror {
    std::vector<MirrorNode> nodes;      // rebuilt every frame
    std::vector<MirrorAction> pending;  // from the page, applied during the next frame
    std::string focus_key;  // the mirror element assistive technology is on: outlined on the canvas
    bool scroll_to_focus = false;  // set when focus_key changes: scroll it into view if hidden
    std::string nav_key;    // the item ImGui's own keyboard navigation is on
    std::string title;      // the page title for this screen
    std::string announce;   // said politely when it changes (the gap, the sending state)
    std::string edit_key;   // a text area the keyboard pressed this frame: the page gives it the focus
};

// The mirror as JSON for the page, and a hash of the same content, so that it is only built and
// sent when it changed.
std::string mirror_json(const Mirror& m, const std::string& language);
std::uint64_t mirror_hash(const Mirror& m, const std::string& language);

}  // namespace app
