// The platform's input: mouse, wheel, touch gestures (taps, sideways drags, scrolls that fling),
// keys and focus on the canvas, turned into ImGui's events; presses wait a frame (see queue_button).
#include "platform_internal.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"  // touch scrolling: the hovered window and SetScrollY

namespace web {

namespace {

std::function<bool(int)> g_key_pressed;  // the app's hook for keys it handles itself (sliders)

// Button presses wait one frame after the position they happen at: ImGui items that allow overlap
// (tabs among them) only take a press if they were hovered on the previous frame, and a tap or a
// fast click arrives together with its new position.
struct ButtonEvent { int button; bool down; };
std::vector<ButtonEvent> g_buttons;
int g_buttons_wait = 0;

void queue_button(int button, bool down) {
    g_buttons.push_back({button, down});
    g_buttons_wait = 1;
}

ImGuiKey key_from_dom(const char* code) {
    struct Entry { const char* code; ImGuiKey key; };
    static const Entry table[] = {
        {"Tab", ImGuiKey_Tab}, {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
        {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
        {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End}, {"Insert", ImGuiKey_Insert},
        {"Delete", ImGuiKey_Delete}, {"Backspace", ImGuiKey_Backspace}, {"Space", ImGuiKey_Space},
        {"Enter", ImGuiKey_Enter}, {"NumpadEnter", ImGuiKey_KeypadEnter}, {"Escape", ImGuiKey_Escape},
        {"ShiftLeft", ImGuiKey_LeftShift}, {"ShiftRight", ImGuiKey_RightShift}, {"ControlLeft", ImGuiKey_LeftCtrl},
        {"ControlRight", ImGuiKey_RightCtrl}, {"AltLeft", ImGuiKey_LeftAlt}, {"AltRight", ImGuiKey_RightAlt},
        {"KeyA", ImGuiKey_A}, {"KeyC", ImGuiKey_C}, {"KeyV", ImGuiKey_V}, {"KeyX", ImGuiKey_X}, {"KeyY", ImGuiKey_Y},
        {"KeyZ", ImGuiKey_Z},
    };
    for (const auto& e : table)
        if (std::strcmp(e.code, code) == 0) return e.key;
    return ImGuiKey_None;
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
    if (type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) {
        queue_button(e->button == 0 ? 0 : e->button == 2 ? 1 : 2, type == EMSCRIPTEN_EVENT_MOUSEDOWN);
    }
    request_redraw(kInputFrames);
    return EM_TRUE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    const float scale = e->deltaMode == DOM_DELTA_PIXEL ? 1.0f / 100.0f : 1.0f / 3.0f;
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX) * scale, static_cast<float>(-e->deltaY) * scale);
    request_redraw(kInputFrames);
    return EM_TRUE;
}

// Touch, as on a native list: a tap is a click; a drag that starts sideways works what is under the
// finger (a slider); a drag that starts up or down scrolls the scrollable area under it (even one
// that starts on a slider), and a flick keeps scrolling and slows down. Two fingers are the
// browser's (pinch to zoom; the page's CSS allows it).
struct TouchGesture {
    enum class Mode { None, Undecided, Press, Scroll };
    Mode mode = Mode::None;
    float start_x = 0, start_y = 0, last_y = 0;
    double last_time = 0;
    float velocity = 0;        // CSS px per ms, downward positive, smoothed
    float pending_scroll = 0;  // CSS px the content should move down, not yet applied
    bool flinging = false;     // momentum after the finger left
    bool stopped_fling = false;  // this touch stopped a fling: its release is not a tap
};
TouchGesture g_touch;
constexpr float kTouchSlop = 8.0f;          // CSS px a finger may wander in a tap
constexpr double kFlingTimeConstantMs = 325.0;  // as native lists decelerate
constexpr float kFlingMinVelocity = 0.05f;  // CSS px per ms
constexpr float kFlingMaxVelocity = 8.0f;   // CSS px per ms, as Android caps a fling
constexpr double kFlingPauseMs = 100.0;     // a finger still this long before lifting does not fling

// The window a vertical drag at the touch point scrolls: the innermost one under it that can scroll.
ImGuiWindow* scroll_target() {
    ImGuiWindow* w = ImGui::GetCurrentContext()->HoveredWindow;
    while (w && w->ScrollMax.y <= 0.0f && (w->Flags & ImGuiWindowFlags_ChildWindow) && w->ParentWindow) w = w->ParentWindow;
    return w && w->ScrollMax.y > 0.0f ? w : nullptr;
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    if (e->numTouches >= 2 || (type == EMSCRIPTEN_EVENT_TOUCHSTART && g_touch.mode != TouchGesture::Mode::None)) {
        if (g_touch.mode == TouchGesture::Mode::Press) queue_button(0, false);
        g_touch.mode = TouchGesture::Mode::None;
        return EM_FALSE;  // a second finger: the browser's pinch zoom
    }
    if (e->numTouches < 1) return EM_FALSE;
    const EmscriptenTouchPoint& t = e->touches[0];
    const float x = static_cast<float>(t.targetX), y = static_cast<float>(t.targetY);
    // When the finger moved, not when the handler ran: a busy main thread (a slow phone drawing a
    // frame) must not turn a flick into a pause before lifting.
    const double now = e->timestamp > 0 ? e->timestamp : emscripten_get_now();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    switch (type) {
        case EMSCRIPTEN_EVENT_TOUCHSTART: {
            const bool stopped_fling = g_touch.flinging;
            g_touch = TouchGesture{TouchGesture::Mode::Undecided, x, y, y, now, 0.0f, 0.0f, false, stopped_fling};
            io.AddMousePosEvent(x, y);  // hovered (for the scroll target) but not pressed until the gesture is known
            break;
        }
        case EMSCRIPTEN_EVENT_TOUCHMOVE:
            if (g_touch.mode == TouchGesture::Mode::Undecided &&
                std::hypot(x - g_touch.start_x, y - g_touch.start_y) > kTouchSlop) {
                if (std::fabs(x - g_touch.start_x) > std::fabs(y - g_touch.start_y)) {
                    g_touch.mode = TouchGesture::Mode::Press;  // sideways: press where the finger went down
                    queue_button(0, true);
                } else {
                    g_touch.mode = TouchGesture::Mode::Scroll;
                }
            }
            if (g_touch.mode == TouchGesture::Mode::Press) io.AddMousePosEvent(x, y);
            if (g_touch.mode == TouchGesture::Mode::Scroll) {
                const float dy = y - g_touch.last_y;
                const double dt = std::max(1.0, now - g_touch.last_time);
                g_touch.pending_scroll += dy;
                g_touch.velocity = std::clamp(0.8f * static_cast<float>(dy / dt) + 0.2f * g_touch.velocity, -kFlingMaxVelocity, kFlingMaxVelocity);
            }
            g_touch.last_y = y;
            g_touch.last_time = now;
            break;
        default:  // end or cancel
            if (g_touch.mode == TouchGesture::Mode::Undecided && type == EMSCRIPTEN_EVENT_TOUCHEND && !g_touch.stopped_fling) {
                queue_button(0, true);  // a tap
                queue_button(0, false);
            } else if (g_touch.mode == TouchGesture::Mode::Press) {
                queue_button(0, false);
            } else if (g_touch.mode == TouchGesture::Mode::Scroll && type == EMSCRIPTEN_EVENT_TOUCHEND) {
                // A finger that stopped before lifting does not fling.
                g_touch.flinging = now - g_touch.last_time < kFlingPauseMs && std::fabs(g_touch.velocity) >= kFlingMinVelocity * 4;
            }
            g_touch.mode = TouchGesture::Mode::None;
            g_touch.stopped_fling = false;
            break;
    }
    request_redraw(kInputFrames);
    return EM_TRUE;  // one finger is the app's (no page scroll or text selection under a slider)
}

// The screen's main scrolling list: the largest child window that can scroll. Page Up and Page
// Down scroll it, so text with no control in it (a long review) is reachable from the keyboard
// (Dear ImGui 1.90's arrows only move between controls in view).
ImGuiWindow* main_scroll_window() {
    ImGuiWindow* best = nullptr;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->WasActive && (w->Flags & ImGuiWindowFlags_ChildWindow) && w->ScrollMax.y > 0.0f &&
            (!best || w->InnerRect.GetArea() > best->InnerRect.GetArea()))
            best = w;
    return best;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    const bool page_up = std::strcmp(e->code, "PageUp") == 0, page_down = std::strcmp(e->code, "PageDown") == 0;
    if ((page_up || page_down) && !io.WantTextInput) {
        if (ImGuiWindow* w = down ? main_scroll_window() : nullptr) {
            const float page = w->InnerRect.GetHeight() * 0.8f;
            ImGui::SetScrollY(w, std::clamp(w->Scroll.y + (page_down ? page : -page), 0.0f, w->ScrollMax.y));
            request_redraw(kInputFrames);
        }
        return EM_TRUE;
    }
    io.AddKeyEvent(ImGuiMod_Ctrl, e->ctrlKey);
    io.AddKeyEvent(ImGuiMod_Shift, e->shiftKey);
    io.AddKeyEvent(ImGuiMod_Alt, e->altKey);
    const ImGuiKey key = key_from_dom(e->code);
    // Escape with nothing being edited leaves the canvas (the welcome screen says so): no keyboard trap.
    if (key == ImGuiKey_Escape && down && !ImGui::IsAnyItemActive() && !io.WantTextInput) {
        bridge::leave_canvas();
        return EM_TRUE;
    }
    if (down && key != ImGuiKey_None && g_key_pressed && g_key_pressed(key)) {
        request_redraw(kInputFrames);
        return EM_TRUE;
    }
    if (key != ImGuiKey_None) io.AddKeyEvent(key, down);
    if (down && std::strlen(e->key) > 0 && std::strlen(e->key) <= 4 && !e->ctrlKey && !e->altKey &&
        static_cast<unsigned char>(e->key[0]) >= 0x20)
        io.AddInputCharactersUTF8(e->key);
    request_redraw(kInputFrames);
    // Tab leaves the canvas when ImGui is not using the keyboard; other keys stay with ImGui.
    if (key == ImGuiKey_Tab) return io.WantCaptureKeyboard ? EM_TRUE : EM_FALSE;
    return key != ImGuiKey_None || io.WantTextInput ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    request_redraw();  // no press to trickle: the page focuses the canvas as the app starts
    return EM_FALSE;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    size_changed();
    return EM_FALSE;
}

}  // namespace

// Before each frame: the scroll the finger (or a fling) asked for since the last one.
void apply_touch_scroll(double frame_ms) {
    if (g_touch.flinging) {
        g_touch.pending_scroll += g_touch.velocity * static_cast<float>(frame_ms);
        g_touch.velocity *= static_cast<float>(std::exp(-frame_ms / kFlingTimeConstantMs));
        if (std::fabs(g_touch.velocity) < kFlingMinVelocity) g_touch.flinging = false;
        else request_redraw(2);
    }
    if (g_touch.pending_scroll == 0.0f) return;
    if (ImGuiWindow* w = scroll_target()) {
        const float next = std::clamp(w->Scroll.y - g_touch.pending_scroll, 0.0f, w->ScrollMax.y);
        if (next == 0.0f || next == w->ScrollMax.y) g_touch.flinging = false;  // an end stops a fling
        ImGui::SetScrollY(w, next);
    } else {
        g_touch.flinging = false;
    }
    g_touch.pending_scroll = 0.0f;
}

void deliver_buttons() {
    if (g_buttons.empty()) return;
    if (g_buttons_wait > 0) {
        --g_buttons_wait;
        return;
    }
    for (const auto& b : g_buttons) ImGui::GetIO().AddMouseButtonEvent(b.button, b.down);
    g_buttons.clear();
}

void install_input(const PlatformConfig& config) {
    g_key_pressed = config.key_pressed;
    const char* c = config.canvas.c_str();
    emscripten_set_mousedown_callback(c, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_TRUE, on_mouse);  // releases outside too
    emscripten_set_mousemove_callback(c, nullptr, EM_TRUE, on_mouse);
    emscripten_set_wheel_callback(c, nullptr, EM_TRUE, on_wheel);
    emscripten_set_touchstart_callback(c, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchmove_callback(c, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchend_callback(c, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchcancel_callback(c, nullptr, EM_TRUE, on_touch);
    // Bubble phase: keys used on the screen-reader mirror inside the canvas stop before reaching here.
    emscripten_set_keydown_callback(c, nullptr, EM_FALSE, on_key);
    emscripten_set_keyup_callback(c, nullptr, EM_FALSE, on_key);
    emscripten_set_focus_callback(c, nullptr, EM_TRUE, on_focus);
    emscripten_set_blur_callback(c, nullptr, EM_TRUE, on_focus);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
}

}  // namespace web
