// The platform's frame loop: the WebGL2 context, start-up in steps, frames only on demand and painted
// only when they differ, the canvas at devicePixelRatio with layout in CSS pixels, fonts rebuilt when
// the type size or ratio changes, and a lost context survived.
#include "platform_internal.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "imgui.h"
#include "imgui_impl_opengl3.h"

namespace web {

namespace {

PlatformConfig g_config;
int g_frames_left = 0;
bool g_loop_running = false;
unsigned long g_frames_drawn = 0;
unsigned long g_frames_painted = 0;  // of those, the frames that reached the canvas
std::uint64_t g_painted_signature = 0;
bool g_must_paint = true;  // the canvas, its size, the fonts or the context changed: paint whatever comes
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

// Reading sizes forces the browser to lay out, so only after a resize (window, zoom or canvas).
void resize_canvas() {
    if (!g_size_dirty) return;
    g_size_dirty = false;
    g_must_paint = true;
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
        g_must_paint = true;
        if (ImGui::GetIO().BackendRendererUserData) ImGui_ImplOpenGL3_Shutdown();  // its objects died with the old context
        ImGui_ImplOpenGL3_Init("#version 300 es");
        bridge::shadow_gl_reset();
        g_renderer_ready = true;
    }
    ImGui_ImplOpenGL3_NewFrame();  // makes the objects the first time
}

// A 64-bit signature of what a frame would paint: its size, every vertex, index and command. Equal
// signatures paint equal pixels (a collision is about 2^-64), so such a frame is not painted: the
// canvas keeps showing the last one, and neither the GPU nor the compositor does the work again.
class Signature {
public:
    void add(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        std::size_t i = 0;
        for (; i + 8 <= size; i += 8) {
            std::uint64_t word;
            std::memcpy(&word, bytes + i, 8);
            mix(word);
        }
        std::uint64_t tail = size;
        for (; i < size; ++i) tail = (tail << 8) | bytes[i];
        mix(tail);
    }
    std::uint64_t value() const { return h_; }

private:
    void mix(std::uint64_t word) {
        h_ ^= word * 0x9E3779B97F4A7C15ull;
        h_ = ((h_ << 31) | (h_ >> 33)) * 0xC2B2AE3D27D4EB4Full;
    }
    std::uint64_t h_ = 0x27D4EB2F165667C5ull;
};

std::uint64_t paint_signature(const ImDrawData& d) {
    Signature s;
    const float frame[] = {d.DisplayPos.x, d.DisplayPos.y, d.DisplaySize.x, d.DisplaySize.y, d.FramebufferScale.x, d.FramebufferScale.y};
    s.add(frame, sizeof frame);
    for (int n = 0; n < d.CmdListsCount; ++n) {
        const ImDrawList& list = *d.CmdLists[n];
        s.add(list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        s.add(list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : list.CmdBuffer) {
            const std::uint64_t fields[] = {reinterpret_cast<std::uintptr_t>(c.TextureId), c.VtxOffset, c.IdxOffset, c.ElemCount,
                                            reinterpret_cast<std::uintptr_t>(c.UserCallback)};
            s.add(fields, sizeof fields);
            s.add(&c.ClipRect, sizeof c.ClipRect);
        }
    }
    return s.value();
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
    deliver_buttons();
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
        const std::uint64_t signature = paint_signature(*ImGui::GetDrawData());
        if (g_must_paint || signature != g_painted_signature) {
            clear_to_page();
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            g_painted_signature = signature;
            g_must_paint = false;
            ++g_frames_painted;
        }
    }
    if (first) mark("frame1:drawn");
    ++g_frames_drawn;
    if (g_frames_drawn == static_cast<unsigned long>(kSettleFrames)) bridge::started();
    const double spent = emscripten_get_now() - started;
    g_frame_ms_total += spent;
    if (spent > g_frame_ms_max) g_frame_ms_max = spent;
    return EM_TRUE;
}

}  // namespace

// Start-up in steps, a task each, so that none blocks a slow phone for long: the fonts at once, then
// on the next animation frame the renderer's objects and the canvas's first showing, then on the one
// after it the first frame. The page's own text stays painted meanwhile.
void startup_step() {
    if (g_startup_step == 0) {
        mark("frame1:start");
        resize_canvas();
        mark("frame1:fonts");
        g_startup_step = 1;
        bridge::next_startup_step(true);  // on an animation frame: its canvas is shown in that frame
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

void size_changed() {
    g_size_dirty = true;
    request_redraw();
}

unsigned long frames_drawn() { return g_frames_drawn; }
unsigned long frames_painted() { return g_frames_painted; }
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
        bridge::shadow_gl_state();
        mark("platform:gl-state");
        emscripten_set_webglcontextlost_callback(config.canvas.c_str(), nullptr, EM_TRUE, on_context_lost);
        emscripten_set_webglcontextrestored_callback(config.canvas.c_str(), nullptr, EM_TRUE, on_context_restored);
    }
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.BackendPlatformName = "budget-web";
    io.SetClipboardTextFn = [](void*, const char* text) { bridge::copy_text(text); };  // copy goes to the system clipboard
    // The renderer starts on the first frame that has a live context (one may be lost at start-up).
    g_fonts_stale = true;  // the first font build, at the real ratio
    install_input(config);
    bridge::watch_canvas_size(config.draw ? config.canvas : config.layout_element);
    bridge::next_startup_step(false);  // then two frames
    return true;
}

}  // namespace web

// Start-up's next step (from js_next_startup_step).
extern "C" EMSCRIPTEN_KEEPALIVE void web_startup_step() { web::startup_step(); }

// The canvas's CSS size changed (from the ResizeObserver set up in platform_start).
extern "C" EMSCRIPTEN_KEEPALIVE void web_canvas_resized() { web::size_changed(); }
