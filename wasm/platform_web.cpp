// Browser platform on <emscripten/html5.h>: canvas-bound mouse, touch, wheel and keys; sizes in CSS
// pixels with the framebuffer at devicePixelRatio; frames only on demand.
#include "platform_web.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"  // touch scrolling: the hovered window and SetScrollY

namespace web {

namespace {

EM_JS(void, js_send_submission, (const char* json), { window.budgetSubmit(UTF8ToString(json)); });
EM_JS(void, js_console_error, (const char* message), { console.error(UTF8ToString(message)); });
EM_JS(void, js_publish_mirror, (const char* json), {
    const text = UTF8ToString(json);
    if (window.budgetMirror) window.budgetMirror.update(text); else window.budgetMirrorPending = text;
});
EM_JS(void, js_open_link, (const char* url), { window.open(UTF8ToString(url), "_blank", "noopener"); });
EM_JS(char*, js_new_submission_id, (), {
    const id = "s-" + crypto.randomUUID();
    const size = lengthBytesUTF8(id) + 1;
    const p = _malloc(size);
    stringToUTF8(id, p, size);
    return p;
});
EM_JS(void, js_save_draft, (const char* json), {
    // A console preview keeps its draft apart from the real one (app-page.js sets the prefix).
    try { localStorage.setItem((window.budgetApp.storagePrefix || "budget-") + "draft:" + window.budgetApp.budgetId, UTF8ToString(json)); } catch (e) {}
});
EM_JS(char*, js_share_link, (const char* budget, const char* choices, const char* language), {
    const url = new URL(location.href);
    url.search = "";
    url.hash = "";
    url.searchParams.set("budget", UTF8ToString(budget));
    if (UTF8ToString(language) === "cy") url.searchParams.set("lang", "cy");
    url.searchParams.set("choices", UTF8ToString(choices));
    const text = url.toString();
    const size = lengthBytesUTF8(text) + 1;
    const p = _malloc(size);
    stringToUTF8(text, p, size);
    return p;
});
EM_JS(void, js_show_location, (const char* fragment, int replace), {
    const url = new URL(location.href);
    url.hash = UTF8ToString(fragment);
    if (url.href === location.href) return;
    if (replace) history.replaceState(history.state, "", url.href);
    else history.pushState(null, "", url.href);
});
EM_JS(char*, js_current_location, (), {
    const text = decodeURIComponent(location.hash.slice(1)).slice(0, 64);
    const size = lengthBytesUTF8(text) + 1;
    const p = _malloc(size);
    stringToUTF8(text, p, size);
    return p;
});
EM_JS(void, js_watch_location, (), {
    window.addEventListener("popstate", () => _web_location_changed());
});
EM_JS(void, js_leave_canvas, (), {
    const next = document.getElementById("after-app");
    if (next) next.focus();
});
// A hidden text box takes the focus while ImGui edits text, so phone keyboards appear; what is
// typed or pasted there reaches ImGui through web_text_input.
EM_JS(void, js_text_input_focus, (int on), {
    const box = document.getElementById("text-input");
    const canvas = document.getElementById("canvas");
    if (!box) return;
    if (on && document.activeElement !== box) { box.value = ""; box.focus({ preventScroll: true }); }
    if (!on && document.activeElement === box) canvas.focus({ preventScroll: true });
});
// The canvas can change size without the window doing so (the page's own layout), and the pixel
// ratio can change without either (a window moved to another screen): watch both.
EM_JS(void, js_watch_canvas_size, (const char* selector), {
    const canvas = document.querySelector(UTF8ToString(selector));
    if (canvas && window.ResizeObserver) new ResizeObserver(() => _web_canvas_resized()).observe(canvas);
    const watchRatio = () => {
        matchMedia("(resolution: " + window.devicePixelRatio + "dppx)").addEventListener("change", () => {
            _web_canvas_resized();
            watchRatio();
        }, { once: true });
    };
    watchRatio();
});
EM_JS(void, js_fetch_bytes, (const char* url, const char* receiver), {
    const where = UTF8ToString(url);
    const receive = Module["_" + UTF8ToString(receiver)];
    fetch(where).then((res) => {
        if (!res.ok) throw new Error(where + ": " + res.status);
        return res.arrayBuffer();
    }).then((buffer) => {
        const bytes = new Uint8Array(buffer);
        const p = _malloc(bytes.length);
        HEAPU8.set(bytes, p);
        receive(p, bytes.length);
        _free(p);
    }, (e) => {
        console.error(String(e));
        receive(0, 0);  // the receiver hears of the failure
    });
});
EM_JS(void, js_mark, (const char* name), { performance.mark(UTF8ToString(name)); });
// The next step of start-up (web_startup_step): at once, or on the next animation frame.
EM_JS(void, js_next_startup_step, (int on_animation_frame), {
    if (on_animation_frame) requestAnimationFrame(() => _web_startup_step());
    else setTimeout(() => _web_startup_step(), 0);
});
// Start-up's frames are drawn (and the mirror built): the page's `ready` resolves on this.
EM_JS(void, js_started, (), { window.dispatchEvent(new Event("budget-app-drawn")); });
EM_JS(int, js_can_share, (), { return navigator.share ? 1 : 0; });
EM_JS(void, js_share, (const char* title, const char* text, const char* url), {
    navigator.share({ title: UTF8ToString(title), text: UTF8ToString(text), url: UTF8ToString(url) }).catch(() => {});
});
EM_JS(int, js_has_element, (const char* selector), { return document.querySelector(UTF8ToString(selector)) ? 1 : 0; });
EM_JS(int, js_fine_pointer, (), { return matchMedia('(any-pointer: fine)').matches ? 1 : 0; });
EM_JS(void, js_copy_text, (const char* text), {
    if (navigator.clipboard) navigator.clipboard.writeText(UTF8ToString(text)).catch(() => {});
});

// ImGui's OpenGL3 renderer reads the scissor box and blend state back every frame to restore them.
// In WebGL those reads are synchronous and wait for the previous frame's rendering, so this keeps a
// shadow copy, updated by the calls that set them, and answers the reads from it.
EM_JS(void, js_shadow_gl_state, (), {
    const gl = GLctx;
    const shadow = new Map();
    const tracked = [gl.SCISSOR_BOX, gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA, gl.BLEND_DST_ALPHA,
                     gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA];
    const getParameter = gl.getParameter.bind(gl);
    // Read again from WebGL itself (at the start, and after a lost context is restored with defaults).
    Module.glShadowReset = () => { for (const name of tracked) shadow.set(name, getParameter(name)); };
    Module.glShadowReset();
    gl.getParameter = (name) => {
        if (!shadow.has(name)) return getParameter(name);
        const v = shadow.get(name);
        return name === gl.SCISSOR_BOX ? new Int32Array(v) : v;
    };
    const scissor = gl.scissor.bind(gl);
    gl.scissor = (x, y, w, h) => {
        scissor(x, y, w, h);
        if (w >= 0 && h >= 0) shadow.set(gl.SCISSOR_BOX, new Int32Array([x, y, w, h]));
    };
    // Only calls WebGL accepts change the state (checked here: asking getError would wait too).
    const factors = new Set([gl.ZERO, gl.ONE, gl.SRC_COLOR, gl.ONE_MINUS_SRC_COLOR, gl.DST_COLOR, gl.ONE_MINUS_DST_COLOR,
        gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.DST_ALPHA, gl.ONE_MINUS_DST_ALPHA, gl.CONSTANT_COLOR,
        gl.ONE_MINUS_CONSTANT_COLOR, gl.CONSTANT_ALPHA, gl.ONE_MINUS_CONSTANT_ALPHA, gl.SRC_ALPHA_SATURATE]);
    const constColor = new Set([gl.CONSTANT_COLOR, gl.ONE_MINUS_CONSTANT_COLOR]);
    const constAlpha = new Set([gl.CONSTANT_ALPHA, gl.ONE_MINUS_CONSTANT_ALPHA]);
    const validPair = (s, d) => factors.has(s) && factors.has(d) &&
        !((constColor.has(s) && constAlpha.has(d)) || (constAlpha.has(s) && constColor.has(d)));
    const equations = new Set([gl.FUNC_ADD, gl.FUNC_SUBTRACT, gl.FUNC_REVERSE_SUBTRACT, gl.MIN, gl.MAX]);
    const setFuncs = (sr, dr, sa, da) => {
        if (!validPair(sr, dr) || !validPair(sa, da)) return;
        shadow.set(gl.BLEND_SRC_RGB, sr); shadow.set(gl.BLEND_DST_RGB, dr);
        shadow.set(gl.BLEND_SRC_ALPHA, sa); shadow.set(gl.BLEND_DST_ALPHA, da);
    };
    const setEquations = (rgb, alpha) => {
        if (!equations.has(rgb) || !equations.has(alpha)) return;
        shadow.set(gl.BLEND_EQUATION_RGB, rgb); shadow.set(gl.BLEND_EQUATION_ALPHA, alpha);
    };
    const blendFuncSeparate = gl.blendFuncSeparate.bind(gl);
    gl.blendFuncSeparate = (sr, dr, sa, da) => { blendFuncSeparate(sr, dr, sa, da); setFuncs(sr, dr, sa, da); };
    const blendFunc = gl.blendFunc.bind(gl);
    gl.blendFunc = (sf, df) => { blendFunc(sf, df); setFuncs(sf, df, sf, df); };
    const blendEquationSeparate = gl.blendEquationSeparate.bind(gl);
    gl.blendEquationSeparate = (rgb, alpha) => { blendEquationSeparate(rgb, alpha); setEquations(rgb, alpha); };
    const blendEquation = gl.blendEquation.bind(gl);
    gl.blendEquation = (mode) => { blendEquation(mode); setEquations(mode, mode); };
});
EM_JS(void, js_shadow_gl_reset, (), { Module.glShadowReset(); });

std::string take_js_string(char* p) {
    std::string out = p ? p : "";
    free(p);
    return out;
}

void set_clipboard(void*, const char* text) { js_copy_text(text); }

PlatformConfig g_config;
int g_frames_left = 0;
bool g_loop_running = false;
unsigned long g_frames_drawn = 0;
double g_frame_ms_total = 0, g_frame_ms_max = 0;  // CPU time inside frames, for the speed report
double g_build_ms_total = 0;                        // of which: ImGui and the app building the frame
double g_dpr = 1.0;
float g_font_px = 0;  // the type size the fonts were built at
double g_last_time = 0;
bool g_size_dirty = true;  // the canvas's CSS size or the pixel ratio may have changed
bool g_fonts_stale = true;  // the fonts must be built (again) before the next frame
int g_canvas_w = 0, g_canvas_h = 0;  // the drawing buffer, in device pixels
EMSCRIPTEN_WEBGL_CONTEXT_HANDLE g_gl = 0;
bool g_renderer_ready = false;  // the renderer's GL objects exist on the live context
int g_startup_step = 0;         // start-up's steps before the first frame: 0 fonts, 1 renderer, 2 done

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

// Reading sizes forces the browser to lay out, so only after a resize (window, zoom or canvas).
void resize_canvas() {
    if (!g_size_dirty) return;
    g_size_dirty = false;
    double css_w = 0, css_h = 0;
    if (!g_config.draw) {  // nothing drawn: lay out as tall as needed, as wide as the page's column
        emscripten_get_element_css_size(g_config.layout_element.c_str(), &css_w, &css_h);
        ImGuiIO& io = ImGui::GetIO();
        const float px = g_config.font_px ? g_config.font_px(static_cast<float>(css_w > 0 ? css_w : 800)) : 0.0f;
        if ((g_fonts_stale || px != g_font_px) && g_config.rebuild_fonts) g_config.rebuild_fonts(1.0f, px);
        g_font_px = px;
        g_fonts_stale = false;
        g_dpr = 1;
        io.DisplaySize = ImVec2(static_cast<float>(css_w > 0 ? css_w : 800), 100000.0f);
        return;
    }
    emscripten_get_element_css_size(g_config.canvas.c_str(), &css_w, &css_h);
    const double dpr = emscripten_get_device_pixel_ratio();
    const float px = g_config.font_px ? g_config.font_px(static_cast<float>(css_w)) : 0.0f;
    if ((dpr != g_dpr || px != g_font_px || g_fonts_stale) && g_config.rebuild_fonts) {
        // Before the first frame the renderer makes the texture itself; after it, replace it here
        // (without a texture every fill samples black).
        const bool had_texture = ImGui::GetIO().Fonts->TexID != ImTextureID{};
        g_config.rebuild_fonts(static_cast<float>(dpr), px);
        if (had_texture) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }
    g_dpr = dpr;
    g_font_px = px;
    g_fonts_stale = false;
    // Setting the canvas size reallocates its drawing buffer, so only when it really changes.
    const int w = static_cast<int>(css_w * dpr), h = static_cast<int>(css_h * dpr);
    if (w != g_canvas_w || h != g_canvas_h) {
        emscripten_set_canvas_element_size(g_config.canvas.c_str(), w, h);
        g_canvas_w = w;
        g_canvas_h = h;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(css_w), static_cast<float>(css_h));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(dpr), static_cast<float>(dpr));
}

void apply_touch_scroll(double frame_ms);  // below, with the touch gestures

// The whole drawing buffer in the page's colour, before a frame is drawn on it.
void clear_to_page() {
    glViewport(0, 0, g_canvas_w, g_canvas_h);
    glClearColor(0.96f, 0.96f, 0.96f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

// The renderer's GL objects (shaders, buffers, the font texture) on the live context, made once and
// again after a lost context is restored.
void prepare_renderer() {
    if (!g_renderer_ready) {
        if (ImGui::GetIO().BackendRendererUserData) ImGui_ImplOpenGL3_Shutdown();  // its objects died with the old context
        ImGui_ImplOpenGL3_Init("#version 300 es");
        js_shadow_gl_reset();
        g_renderer_ready = true;
    }
    ImGui_ImplOpenGL3_NewFrame();  // makes the objects the first time
}

EM_BOOL on_frame(double time, void*) {
    if (g_frames_left <= 0) {
        g_loop_running = false;
        return EM_FALSE;  // idle: no more frames until input or a redraw request
    }
    --g_frames_left;
    const double started = emscripten_get_now();
    const bool first = g_frames_drawn == 0;
    if (g_startup_step < 2) {  // input before start-up's steps are done: they draw the first frame
        ++g_frames_left;
        return EM_TRUE;
    }
    if (!g_buttons.empty()) {
        if (g_buttons_wait > 0) {
            --g_buttons_wait;
        } else {
            for (const auto& b : g_buttons) ImGui::GetIO().AddMouseButtonEvent(b.button, b.down);
            g_buttons.clear();
        }
    }
    resize_canvas();
    ImGuiIO& io = ImGui::GetIO();
    apply_touch_scroll(g_last_time > 0 ? std::min(100.0, time - g_last_time) : 16.0);
    io.DeltaTime = g_last_time > 0 ? static_cast<float>((time - g_last_time) / 1000.0) : 1.0f / 60.0f;
    if (io.DeltaTime <= 0) io.DeltaTime = 1.0f / 60.0f;
    g_last_time = time;
    // A lost context draws nothing (the UI and its mirror still update); once restored, the
    // renderer makes its objects again, and WebGL's state starts from its defaults.
    const bool can_draw = g_config.draw && !emscripten_is_webgl_context_lost(g_gl);
    if (can_draw) prepare_renderer();
    const double build_started = emscripten_get_now();
    ImGui::NewFrame();
    g_config.frame();
    ImGui::Render();
    g_build_ms_total += emscripten_get_now() - build_started;
    if (first) mark("frame1:built");
    if (can_draw) {
        clear_to_page();
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }
    static bool text_input = false;
    if (io.WantTextInput != text_input) {
        text_input = io.WantTextInput;
        js_text_input_focus(text_input ? 1 : 0);
    }
    if (first) mark("frame1:drawn");
    ++g_frames_drawn;
    if (g_frames_drawn == static_cast<unsigned long>(kSettleFrames)) js_started();
    const double spent = emscripten_get_now() - started;
    g_frame_ms_total += spent;
    if (spent > g_frame_ms_max) g_frame_ms_max = spent;
    return EM_TRUE;
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

// Before each frame: the scroll the finger (or a fling) asked for since the last one.
void apply_touch_scroll(double frame_ms) {
    if (g_touch.flinging) {
        g_touch.pending_scroll += g_touch.velocity * static_cast<float>(frame_ms);
        g_touch.velocity *= static_cast<float>(std::exp(-frame_ms / kFlingTimeConstantMs));
        if (std::fabs(g_touch.velocity) < kFlingMinVelocity) g_touch.flinging = false;
        else g_frames_left = std::max(g_frames_left, 2);
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
    const double now = emscripten_get_now();
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
        js_leave_canvas();
        return EM_TRUE;
    }
    if (down && key != ImGuiKey_None && g_config.key_pressed && g_config.key_pressed(key)) {
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

// Keys in the hidden text box: editing keys go to ImGui; characters arrive through its input event.
EM_BOOL on_text_box_key(int type, const EmscriptenKeyboardEvent* e, void*) {
    const ImGuiKey key = key_from_dom(e->code);
    if (key == ImGuiKey_None) return EM_FALSE;
    const bool letter = key >= ImGuiKey_A && key <= ImGuiKey_Z;
    if (letter && !e->ctrlKey) return EM_FALSE;  // a letter is text; only Ctrl+letter is a shortcut
    if (key == ImGuiKey_V) return EM_FALSE;       // paste: the browser puts it in the box, then it reaches ImGui
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, e->ctrlKey);
    io.AddKeyEvent(ImGuiMod_Shift, e->shiftKey);
    io.AddKeyEvent(key, type == EMSCRIPTEN_EVENT_KEYDOWN);
    request_redraw(kInputFrames);
    return key == ImGuiKey_Space ? EM_FALSE : EM_TRUE;  // a space is typed as text
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    request_redraw();  // no press to trickle: the page focuses the canvas as the app starts
    return EM_FALSE;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    g_size_dirty = true;
    request_redraw();
    return EM_FALSE;
}

}  // namespace

void send_submission(const std::string& json) { js_send_submission(json.c_str()); }
void open_link(const std::string& url) { js_open_link(url.c_str()); }
void show_location(const std::string& fragment, bool replace) { js_show_location(fragment.c_str(), replace ? 1 : 0); }
std::string current_location() { return take_js_string(js_current_location()); }
std::function<void(const std::string&)> g_location_moved;
void watch_location(std::function<void(const std::string&)> moved) {
    g_location_moved = std::move(moved);
    js_watch_location();
}
void console_error(const std::string& message) { js_console_error(message.c_str()); }
bool has_fine_pointer() { return js_fine_pointer() != 0; }
bool can_share() { return js_can_share() != 0; }
void mark(const char* name) { js_mark(name); }
void share(const std::string& title, const std::string& text, const std::string& url) { js_share(title.c_str(), text.c_str(), url.c_str()); }
void publish_mirror(const std::string& json) { js_publish_mirror(json.c_str()); }
std::string new_submission_id() { return take_js_string(js_new_submission_id()); }
void save_draft(const std::string& json) { js_save_draft(json.c_str()); }
std::string share_link(const std::string& budget_id, const std::string& encoded_choices, const std::string& language) {
    return take_js_string(js_share_link(budget_id.c_str(), encoded_choices.c_str(), language.c_str()));
}

// Start-up in steps, a task each, so that none blocks a slow phone for long: the fonts at once, then
// on the next animation frame the renderer's objects and the canvas's first showing, then on the one
// after it the first frame. The page's own text stays painted meanwhile.
void startup_step() {
    if (g_startup_step == 0) {
        mark("frame1:start");
        resize_canvas();
        mark("frame1:fonts");
        g_startup_step = 1;
        js_next_startup_step(1);  // on an animation frame: its canvas is shown in that frame
        return;
    }
    if (g_config.draw && !emscripten_is_webgl_context_lost(g_gl)) {
        prepare_renderer();
        // The page's colour, so the canvas's first showing (its buffer made and handed to the
        // compositor) is this step's cost, not the first frame's.
        clear_to_page();
    }
    mark("frame1:fonts-and-renderer");
    g_startup_step = 2;
    request_redraw();
}

void request_redraw(int frames) {
    g_frames_left = std::max(g_frames_left, frames);
    if (!g_loop_running) {
        g_loop_running = true;
        emscripten_request_animation_frame_loop(on_frame, nullptr);
    }
}

// The page prevents the default of a lost context, so the browser may restore it.
EM_BOOL on_context_lost(int, const void*, void*) {
    g_renderer_ready = false;
    return EM_TRUE;
}
EM_BOOL on_context_restored(int, const void*, void*) {
    g_renderer_ready = false;
    g_size_dirty = true;
    g_canvas_w = g_canvas_h = 0;  // set the drawing buffer's size again
    request_redraw();
    return EM_TRUE;
}

void rebuild_fonts_soon() {
    g_fonts_stale = true;  // resize_canvas rebuilds the fonts and their texture
    g_size_dirty = true;
    request_redraw();
}

void fetch_bytes(const std::string& url, const std::string& receiver) { js_fetch_bytes(url.c_str(), receiver.c_str()); }

unsigned long frames_drawn() { return g_frames_drawn; }
double frame_ms_mean() { return g_frames_drawn ? g_frame_ms_total / static_cast<double>(g_frames_drawn) : 0.0; }
double frame_ms_max() { return g_frame_ms_max; }
double build_ms_mean() { return g_frames_drawn ? g_build_ms_total / static_cast<double>(g_frames_drawn) : 0.0; }

bool platform_start(const PlatformConfig& config) {
    g_config = config;
    if (config.draw) {
        EmscriptenWebGLContextAttributes attrs;
        emscripten_webgl_init_context_attributes(&attrs);
        attrs.majorVersion = 2;  // site/index.html makes this context first, with the same attributes
        attrs.alpha = EM_FALSE;
        attrs.antialias = EM_FALSE;
        attrs.enableExtensionsByDefault = EM_FALSE;  // WebGL2's core is all ImGui's renderer uses; enabling every extension costs start-up time
        g_gl = emscripten_webgl_create_context(config.canvas.c_str(), &attrs);
        if (g_gl <= 0) return false;
        mark("platform:context");
        emscripten_webgl_make_context_current(g_gl);
        js_shadow_gl_state();
        mark("platform:gl-state");
        emscripten_set_webglcontextlost_callback(config.canvas.c_str(), nullptr, EM_TRUE, on_context_lost);
        emscripten_set_webglcontextrestored_callback(config.canvas.c_str(), nullptr, EM_TRUE, on_context_restored);
    }
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.BackendPlatformName = "budget-web";
    io.SetClipboardTextFn = set_clipboard;  // copy goes to the system clipboard
    // The renderer starts on the first frame that has a live context (one may be lost at start-up).
    g_fonts_stale = true;  // the first font build, at the real ratio
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
    if (js_has_element("#text-input")) {  // pages without text entry need no hidden text box
        emscripten_set_keydown_callback("#text-input", nullptr, EM_TRUE, on_text_box_key);
        emscripten_set_keyup_callback("#text-input", nullptr, EM_TRUE, on_text_box_key);
    }
    emscripten_set_focus_callback(c, nullptr, EM_TRUE, on_focus);
    emscripten_set_blur_callback(c, nullptr, EM_TRUE, on_focus);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
    js_watch_canvas_size(config.draw ? c : config.layout_element.c_str());
    js_next_startup_step(0);  // then two frames
    return true;
}

}  // namespace web

// Start-up's next step (from js_next_startup_step).
extern "C" EMSCRIPTEN_KEEPALIVE void web_startup_step() { web::startup_step(); }

// The canvas's CSS size changed (from the ResizeObserver set up in platform_start).
extern "C" EMSCRIPTEN_KEEPALIVE void web_location_changed() {
    if (web::g_location_moved) web::g_location_moved(web::current_location());
    web::request_redraw(web::kInputFrames);
}

extern "C" EMSCRIPTEN_KEEPALIVE void web_canvas_resized() {
    web::g_size_dirty = true;
    web::request_redraw();
}

// Text typed or pasted into the hidden text box (called by the page).
extern "C" EMSCRIPTEN_KEEPALIVE void web_text_input(const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    web::request_redraw(web::kInputFrames);
}
