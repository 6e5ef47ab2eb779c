// The platform's JavaScript bridge: every EM_JS the app's platform calls, and the C++ functions
// over them (the page's hooks in site/app-page.js, a11y-mirror.js and index.html answer them).
#include "platform_internal.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>
#include <string>
#include <utility>

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

std::function<void(const std::string&)> g_location_moved;

}  // namespace

void send_submission(const std::string& json) { js_send_submission(json.c_str()); }
void open_link(const std::string& url) { js_open_link(url.c_str()); }
void show_location(const std::string& fragment, bool replace) { js_show_location(fragment.c_str(), replace ? 1 : 0); }
std::string current_location() { return take_js_string(js_current_location()); }
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
void fetch_bytes(const std::string& url, const std::string& receiver) { js_fetch_bytes(url.c_str(), receiver.c_str()); }

namespace bridge {
void copy_text(const char* text) { js_copy_text(text); }
void leave_canvas() { js_leave_canvas(); }
void watch_canvas_size(const std::string& selector) { js_watch_canvas_size(selector.c_str()); }
void next_startup_step(bool on_animation_frame) { js_next_startup_step(on_animation_frame ? 1 : 0); }
void started() { js_started(); }
void shadow_gl_state() { js_shadow_gl_state(); }
void shadow_gl_reset() { js_shadow_gl_reset(); }
void location_changed() {
    if (g_location_moved) g_location_moved(current_location());
}
}  // namespace bridge

}  // namespace web

// The page's location changed (back, forward, or a link to a fragment).
extern "C" EMSCRIPTEN_KEEPALIVE void web_location_changed() {
    web::bridge::location_changed();
    web::request_redraw(web::kInputFrames);
}
