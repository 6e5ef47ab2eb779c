// Starts the bare ImGui baseline (wasm/bare.html) and says when its first frames are drawn.
let resolveReady; window.bareReady = new Promise((r) => { resolveReady = r; });
window.Module = { canvas: document.getElementById('canvas'), onRuntimeInitialized() {
  Module.ccall('bare_start', 'number', [], []);
  requestAnimationFrame(() => requestAnimationFrame(() => { window.readyAt = performance.now(); resolveReady(); }));
} };
