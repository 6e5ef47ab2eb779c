// Starts the bare ImGui baseline (wasm/bare.html) and says when its start-up frames are drawn (the
// platform layer's event, as for the app).
let resolveReady; window.bareReady = new Promise((r) => { resolveReady = r; });
window.Module = { canvas: document.getElementById('canvas'), onRuntimeInitialized() {
  window.addEventListener('budget-app-drawn', () => { window.readyAt = performance.now(); resolveReady(); }, { once: true });
  Module.ccall('bare_start', 'number', [], []);
} };
