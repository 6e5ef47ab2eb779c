// The resident app page (index.html): loads the budget and font, starts the WebAssembly app, keeps an
// outbox of submissions (retried with the same id until delivered), and exposes a read-only test hook,
// window.budgetApp. A file of its own, so the page's Content-Security-Policy needs no inline script.
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  // A projector's live tally is a page of its own (tally.html), with the same address options.
  if (params.get('mode') === 'tally') { location.replace(`tally.html${location.search}`); return; }
  const progress = document.getElementById('progress');
  // The page's own words in the resident's language, before and around the app.
  const welsh = params.get('lang') === 'cy';
  const say = (en, cy) => (welsh ? cy : en);
  if (welsh) {
    document.documentElement.lang = 'cy';
    document.title = 'Cydbwyso\'r gyllideb';
    document.querySelector('meta[name="description"]').content = 'Cydbwyswch gyllideb eich cyngor: symudwch arian rhwng ' +
      'gwasanaethau, dewiswch arbedion ac incwm, gosodwch y dreth gyngor, gwelwch beth mae\'ch dewisiadau yn ei wneud, ac anfonwch nhw at y cyngor.';
    document.getElementById('intro-title').textContent = 'Cydbwyso\'r gyllideb';
    document.getElementById('intro-text').textContent = 'Symudwch arian rhwng gwasanaethau eich cyngor, dewiswch arbedion ac incwm, a ' +
      'gosodwch y dreth gyngor. Fe welwch beth mae pob dewis yn ei wneud i wasanaethau, i\'ch bil ac i ' +
      'berfformiad y cyngor, a gallwch anfon eich cyllideb at y cyngor.';
    document.getElementById('loading-text').textContent = 'Wrthi\'n llwytho\'r efelychydd cyllideb…';
    progress.setAttribute('aria-label', 'Yn llwytho');
    document.getElementById('canvas').setAttribute('aria-label', 'Efelychydd cyllideb. Pwyswch Escape i\'w adael.');
    const plain = document.getElementById('after-app');
    plain.textContent = 'Ymgynghoriadau a chanlyniadau fel tudalennau syml';
    plain.href = 'consultations.html?lang=cy';
    const statement = document.getElementById('accessibility-link');
    statement.textContent = 'Datganiad hygyrchedd';
    statement.href = 'accessibility-cy.html';
  }
  const plainLink = (en, cy) => `<a href="consultations.html${welsh ? '?lang=cy' : ''}">${say(en, cy)}</a>`;
  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  ready.catch(() => {});
  function fail(html) {
    document.getElementById('loading-text').hidden = true;
    progress.hidden = true;
    const p = document.getElementById('problem');
    p.innerHTML = html;
    p.hidden = false;
    rejectReady(new Error(p.textContent));
  }
  // The outbox: submissions wait in localStorage until the server has them (201 or 200).
  // A console preview of a draft budget (config.preview) keeps its own outbox and draft, apart from the real ones.
  let storagePrefix = 'budget-';
  const outbox = () => { try { return JSON.parse(localStorage.getItem(storagePrefix + 'outbox') || '[]'); } catch (e) { return []; } };
  const saveOutbox = (items) => { try { localStorage.setItem(storagePrefix + 'outbox', JSON.stringify(items)); } catch (e) {} };
  let endpoint = 'api/v1/submissions', flushing = false, retryTimer = 0;
  // Tells the app how its submission `id` stands (it ignores other residents' and earlier visits').
  function report(state, message, id, code) {
    if (window.Module && Module._app_submission_status) {
      Module.ccall('app_submission_status', null, ['number', 'string', 'string', 'string'], [state, code || '', message || '', id]);
    }
  }
  async function flush() {
    if (flushing) return;
    flushing = true;
    clearTimeout(retryTimer);
    let waiting = false;
    for (const item of outbox()) {
      let res;
      try {
        // When it was queued: the server takes a budget queued before the close for a while after it.
        const headers = { 'Content-Type': 'application/json' };
        if (item.queuedAt) headers['Budget-Queued-At'] = item.queuedAt;
        res = await fetch(endpoint, { method: 'POST', headers, body: item.body });
      } catch (e) { waiting = true; break; }  // offline: keep it, try again later
      if (res.status === 201 || res.status === 200) {
        saveOutbox(outbox().filter((x) => x.id !== item.id));
        report(2, '', item.id);
      } else if (res.status === 429 || res.status >= 500) {
        waiting = true;
        break;
      } else {
        const body = await res.json().catch(() => ({}));
        saveOutbox(outbox().filter((x) => x.id !== item.id));
        report(3, (body.error && body.error.message) || `status ${res.status}`, item.id, body.error && body.error.code);
      }
    }
    flushing = false;
    if (waiting) {
      for (const item of outbox()) report(1, '', item.id);
      retryTimer = setTimeout(flush, 5000);
    }
  }
  // Whether the consultation takes responses now (the app says so and holds its Send button), and
  // whether comments are published and how (the app tells residents before they write one).
  async function consultationState(id, consultationFetch, budgetUrl) {
    try {
      const b = await consultationFetch;
      if (b.id !== id) return;
      const when = b.state === 'open' ? 0 : Date.parse(b.state === 'not_open' ? b.opens_at : b.closes_at) / 1000;
      const comments = !b.comments_public ? 1 : b.comments_checked_first ? 2 : 3;  // private, checked first, at once
      Module.ccall('app_consultation', null, ['number', 'number', 'number'],
                   [b.state === 'not_open' ? 1 : b.state === 'closed' ? 2 : 0, when, comments]);
      // Residents' ratings beside the council's own in the annual report: the public results' shares.
      if (b.profile && b.results_public) residentRatings(budgetUrl, 0);
    } catch (e) { /* unknown: the server still decides when a budget is sent */ }
  }
  async function residentRatings(url, tries) {
    try {
      const res = await fetch(url + '/results');
      if (res.ok) return Module.ccall('app_resident_ratings', null, ['string'], [await res.text()]);
      if (res.status === 503 && tries < 3) setTimeout(() => residentRatings(url, tries + 1), 2000);  // still counting
    } catch (e) { /* offline: the report says where residents' ratings are */ }
  }
  window.budgetSubmit = (body) => {
    const id = JSON.parse(body).submission_id;
    saveOutbox(outbox().filter((x) => x.id !== id).concat([{ id, body, queuedAt: new Date().toISOString() }]));
    flush();
  };
  window.addEventListener('online', flush);

  // A kiosk (?mode=kiosk&idle=SECONDS): the app is told each second how long since the last touch or
  // key, and starts again for the next person after a vote or when left alone (it shows the countdown).
  function startKioskClock() {
    const asked = Number(params.get('idle'));
    const idleLimit = Number.isInteger(asked) && asked >= 20 && asked <= 3600 ? asked : 120;
    let lastInput = performance.now();
    for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) {
      document.addEventListener(type, () => { lastInput = performance.now(); }, { capture: true, passive: true });
    }
    setInterval(() => {
      const idle = Math.floor((performance.now() - lastInput) / 1000);
      if (Module.ccall('app_kiosk_clock', 'number', ['number', 'number'], [idle, idleLimit]) === 1) lastInput = performance.now();
    }, 1000);
  }

  // WebGL2 is tried on the app's own canvas, so the context made here is the one the app uses (making
  // a second, throwaway one cost ~25 ms). The attributes are those of wasm/platform_frame.cpp.
  const gl = document.getElementById('canvas').getContext('webgl2', { alpha: false, depth: true, stencil: false,
    antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false });
  // A lost context (a busy phone, a GPU reset) is restored by the browser because its default is
  // prevented here, from the start; the app draws again by itself. If it does not come back, say so.
  let lostTimer = 0;
  const canvasEl = document.getElementById('canvas');
  // The canvas's focus ring: on with any key pressed on it, off with a pointer (WCAG 2.4.7 asks it
  // for the keyboard; drawn after a tap it only frames the whole app).
  let keyboardLast = false;
  document.addEventListener('keydown', () => { keyboardLast = true; }, true);
  document.addEventListener('pointerdown', () => { keyboardLast = false; }, true);
  canvasEl.addEventListener('focus', () => canvasEl.classList.toggle('keyboard', keyboardLast));
  canvasEl.addEventListener('keydown', () => canvasEl.classList.add('keyboard'));
  canvasEl.addEventListener('pointerdown', () => canvasEl.classList.remove('keyboard'));
  canvasEl.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    clearTimeout(lostTimer);
    lostTimer = setTimeout(() => {
      const notice = document.getElementById('html-notice');
      notice.innerHTML = say('The simulator stopped drawing (the browser lost its graphics). Reload the page, or ',
                             'Mae\'r efelychydd wedi stopio dangos (collodd y porwr ei graffeg). Ail-lwythwch y dudalen, neu ') +
                         plainLink('see the consultations as plain pages', 'gweld yr ymgynghoriadau fel tudalennau syml') + '.';
      notice.setAttribute('role', 'alert');
      notice.hidden = false;
    }, 5000);
  });
  canvasEl.addEventListener('webglcontextrestored', () => {
    clearTimeout(lostTimer);
    if (!htmlMode) document.getElementById('html-notice').hidden = true;
  });
  window.budgetApp = {
    ready,
    webgl2: !!gl,
    budgetId: '',
    outbox: () => outbox().map((x) => x.id),
    state: () => JSON.parse(Module.UTF8ToString(Module._app_state_json())),
    frames: () => Module._app_frames_drawn(),
    rect: (label) => {
      const r = window.budgetApp.state().items[label];
      if (!r) return null;
      const c = document.getElementById('canvas').getBoundingClientRect();
      return { x: c.left + r.x, y: c.top + r.y, width: r.w, height: r.h, clipped: !!r.clipped };
    },
  };
  // Without WebGL2 the same app runs undrawn, and its screen-reader mirror is the page.
  const htmlMode = !gl;
  // Its styles come only then (plain-page.css); the app lays out to the page's column, so it waits.
  const plainStyles = htmlMode ? new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = 'plain-page.css';
    link.onload = link.onerror = resolve;
    document.head.append(link);
  }) : null;
  if (htmlMode) {
    document.body.classList.add('html-mode');
    const notice = document.getElementById('html-notice');
    notice.innerHTML = say('This browser cannot draw the simulator (it has no WebGL 2), so it is shown as a plain page. ' +
                           'It works the same, and you can still send your budget. You can also ',
                           'Ni all y porwr hwn ddangos yr efelychydd (nid oes ganddo WebGL 2), felly mae\'n cael ei ddangos fel ' +
                           'tudalen syml. Mae\'n gweithio yr un fath, a gallwch anfon eich cyllideb o hyd. Gallwch hefyd ') +
                       plainLink('see the consultations and results', 'weld yr ymgynghoriadau a\'r canlyniadau') + '.';
  }
  async function fetchWithProgress(url, share, offset) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    const total = Number(res.headers.get('content-length')) || 0;
    const reader = res.body.getReader();
    const chunks = [];
    let got = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.length;
      if (total) progress.value = offset + share * got / total;
    }
    const out = new Uint8Array(got);
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return out;
  }
  // The config, budget and font download while the module downloads and compiles.
  // The font, and the budget when the address names it, do not wait for the config.
  const validId = (id) => /^[a-z0-9_-]{1,64}$/.test(id || '');
  const asked = params.get('budget');
  const lang = welsh ? 'cy' : 'en';
  const fontFetch = fetchWithProgress('fonts/NotoSans-Regular.ttf', 10, 90);
  const askedFetch = validId(asked) ? fetchWithProgress(`budgets/${asked}.pack`, 10, 80) : null;
  for (const p of [fontFetch, askedFetch]) if (p) p.catch(() => {});  // failures surface where awaited
  // The app's Welsh words only for a page opened in Welsh (the app downloads them if chosen later);
  // without them it starts in English and says why.
  const welshFetch = welsh ? fetch('po/cy.po').then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null) : null;
  const assets = (async () => {
    const config = await (await fetch('config.json')).json();
    const id = asked || config.budget;
    if (!validId(id)) throw new Error('bad budget id');
    // This consultation's state (api/v1/budgets/ID), asked for now so that it is usually here when the
    // app starts (and needs no frames of its own).
    const budgetUrl = (config.submission_endpoint || endpoint).replace(/submissions$/, `budgets/${id}`);
    const consultationFetch = fetch(budgetUrl).then((r) => r.json());
    consultationFetch.catch(() => {});
    const [budgetBytes, font, welshPo] = await Promise.all([askedFetch || fetchWithProgress(`budgets/${id}.pack`, 10, 80), fontFetch, welshFetch]);
    return { config, id, budgetBytes, font, consultationFetch, budgetUrl, welshPo: welshPo && new Uint8Array(welshPo) };
  })();
  assets.catch(() => {});

  window.Module = {
    canvas: document.getElementById('canvas'),
    locateFile: (path) => path,
    setStatus: () => {},
    async onRuntimeInitialized() {
      performance.mark('app:runtime-ready');  // the module is compiled and instantiated (for the speed reports)
      try {
        const { config, id, budgetBytes, font, consultationFetch, budgetUrl, welshPo } = await assets;
        await plainStyles;
        endpoint = config.submission_endpoint || endpoint;
        if (config.preview) storagePrefix = 'budget-preview-';
        window.budgetApp.storagePrefix = storagePrefix;
        window.budgetApp.budgetId = id;
        document.documentElement.lang = lang;
        const copyIn = (bytes) => { const p = Module._malloc(bytes.length); Module.HEAPU8.set(bytes, p); return p; };
        const fontPtr = copyIn(font), packPtr = copyIn(budgetBytes), welshPtr = welshPo && welshPo.length ? copyIn(welshPo) : 0;
        const canvas = document.getElementById('canvas');
        // The intro stays painted under the canvas rather than removed: Lighthouse drops a Largest
        // Contentful Paint whose element goes away, and scores the page 0. Hidden from assistive technology.
        const loading = document.getElementById('loading');
        if (htmlMode) loading.hidden = true;
        else { loading.setAttribute('aria-hidden', 'true'); loading.inert = true; document.getElementById('loading-text').textContent = ''; progress.hidden = true; }
        canvas.hidden = htmlMode;
        document.getElementById('html-notice').hidden = !htmlMode;
        let draft = '';
        try { draft = localStorage.getItem(storagePrefix + 'draft:' + id) || ''; } catch (e) {}
        if (!/^[A-Za-z0-9_-]{0,1000000}$/.test(draft)) draft = '';  // drafts are base64url bytes
        const mode = htmlMode ? 'html' : ['projector', 'high-contrast', 'kiosk'].includes(params.get('mode')) ? params.get('mode') : '';
        const shared = /^[A-Za-z0-9_-]{0,4096}$/.test(params.get('choices') || '') ? (params.get('choices') || '') : '';
        performance.mark('app:start');
        const rc = Module.ccall('app_start', 'number',
          ['number', 'number', 'number', 'number', 'string', 'number', 'number', 'string', 'string', 'string'],
          [packPtr, budgetBytes.length, fontPtr, font.length, lang, welshPtr, welshPtr ? welshPo.length : 0, mode, draft, shared]);
        performance.measure('app:start', 'app:start');
        Module._free(packPtr);  // the app keeps its own copies
        Module._free(fontPtr);
        if (welshPtr) Module._free(welshPtr);
        if (rc === 1) return fail(say('This budget could not be loaded. Please tell the council.',
                                      'Nid oedd modd llwytho\'r gyllideb hon. Rhowch wybod i\'r cyngor.'));
        if (rc === 2) return fail(say('This simulator needs WebGL 2. You can still ', 'Mae angen WebGL 2 ar yr efelychydd hwn. Gallwch ') +
                                  plainLink('see the consultations as plain pages', 'weld yr ymgynghoriadau fel tudalennau syml o hyd') + '.');
        if (!htmlMode) canvas.focus();
        flush();  // anything left waiting from an earlier visit is sent now
        if (params.get('mode') === 'kiosk') startKioskClock();
        // A voter code from a printed slip's QR code (?code=): filled in, to be checked before sending.
        if (/^[A-Za-z0-9 -]{1,32}$/.test(params.get('code') || '')) Module.ccall('app_voter_code', null, ['string'], [params.get('code')]);
        consultationState(id, consultationFetch, budgetUrl);
        // Ready once start-up's frames are drawn and the screen-reader mirror is built.
        window.addEventListener('budget-app-drawn', () => { window.budgetApp.readyAt = performance.now(); resolveReady(); }, { once: true });
      } catch (e) {
        fail(say('The simulator could not start. Please check your connection and reload the page.',
                 'Nid oedd modd cychwyn yr efelychydd. Gwiriwch eich cysylltiad ac ail-lwythwch y dudalen.'));
      }
    },
  };
  progress.value = 5;
  // The program's loader is the page's next deferred script (fetched with the page, run after this one).
  document.getElementById('app-loader').addEventListener('error', () =>
    fail(say('The simulator could not be downloaded. Please check your connection and reload the page.',
             'Nid oedd modd llwytho\'r efelychydd i lawr. Gwiriwch eich cysylltiad ac ail-lwythwch y dudalen.')));
})();
