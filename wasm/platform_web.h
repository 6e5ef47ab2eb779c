// The browser platform layer: WebGL2 context, input bound to the canvas only, hi-DPI, and a frame
// loop that draws only when something changed. Every Emscripten call lives in the web files.
#pragma once
#include <functional>
#include <string>

namespace web {

struct PlatformConfig {
    std::string canvas = "#canvas";
    std::function<void()> frame;  // builds one ImGui frame (between NewFrame and Render)
    // The type size for a canvas this wide (CSS px): a phone's and a desktop's differ.
    std::function<float(float css_width)> font_px;
    // Adds the fonts at this size for this pixel ratio (before the first frame, after each change of
    // zoom, and when the canvas crosses to a width with another type size).
    std::function<void(float device_pixel_ratio, float css_px)> rebuild_fonts;
    // False where the browser has no WebGL2: frames are built but not drawn, and the page shows the
    // screen-reader mirror as the plain-HTML simulator. Layout then follows `layout_element`.
    bool draw = true;
    std::string layout_element = "#a11y-mirror";
    // The app's own use of a key press (an ImGuiKey) before ImGui's navigation sees it; true: used.
    std::function<bool(int imgui_key)> key_pressed;
};

// Creates the WebGL2 context and ImGui's renderer, binds input. False when WebGL2 is missing
// (unless `draw` is false, when no context is needed).
bool platform_start(const PlatformConfig& config);
// Asks for frames to be drawn: after input, six (ImGui trickles a press and its release over
// frames); after data changes (`kSettleFrames`), two, the second settling ImGui's layout. On a slow
// phone every frame is a task the browser must wait for.
constexpr int kInputFrames = 6, kSettleFrames = 2;
void request_redraw(int frames = kSettleFrames);
// Builds the fonts again (rebuild_fonts) before the next frame, e.g. when more glyphs have arrived.
void rebuild_fonts_soon();
// Downloads `url` (relative to the page) and passes its bytes to the app's exported C function
// `receiver(const unsigned char* bytes, int size)`; the bytes are freed after the call. A failure
// goes to the browser console, and the receiver is called with (nullptr, 0).
void fetch_bytes(const std::string& url, const std::string& receiver);
// The page's side of things (site/index.html): sending, links, ids, drafts.
void send_submission(const std::string& json);  // queued by the page, retried until delivered
void open_link(const std::string& url);          // in a new tab
std::string new_submission_id();                 // random, from the browser's crypto
void save_draft(const std::string& json);        // localStorage, so a reload loses nothing
std::string share_link(const std::string& budget_id, const std::string& encoded_choices, const std::string& language);  // keeps Welsh
void mark(const char* name);  // a performance mark, for the speed reports (tests/bench)
bool can_share();  // the Web Share API is there (most phones)
void share(const std::string& title, const std::string& text, const std::string& url);
void console_error(const std::string& message);  // for the council's web team, in the browser console
bool has_fine_pointer();  // a mouse or trackpad (so, most likely, a keyboard): not a phone or tablet alone
void publish_mirror(const std::string& json);    // the screen-reader mirror, to site/a11y-mirror.js
// The address fragment (without '#') as a history entry: a new one, or (`replace`) the current one.
void show_location(const std::string& fragment, bool replace);
std::string current_location();  // the fragment the page was opened or is now at
// Called with the fragment when Back or Forward (or a changed fragment) moves the page.
void watch_location(std::function<void(const std::string&)> moved);

// Frames built since start (the test hook reads this to check idle costs nothing), and of those the
// frames painted on the canvas (a frame the same as the last painted one is not painted again).
unsigned long frames_drawn();
unsigned long frames_painted();
// CPU time spent inside frames (build, layout and GL submission), in milliseconds.
double frame_ms_mean();
double frame_ms_max();
double build_ms_mean();  // ImGui and the app only (no GL submission)

}  // namespace web
