// The screen-reader mirror: the app reports what each frame drew (headings, text, buttons, sliders,
// checkboxes, text boxes, choices) and where, and this keeps it as real, transparent HTML laid over
// the canvas, owned by it for assistive technology. What people do to these controls goes back to
// the app, which outlines on the canvas whichever one assistive technology is on. Where there is
// no WebGL2 (body.html-mode) the mirror is shown as the page itself, with visible labels.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const root = document.getElementById('a11y-mirror');
  const live = document.getElementById('announce');
  const byKey = new Map();
  let last = { nodes: [] }, announced = '', announceTimer = 0;

  const elementId = (key) => 'm-' + key.replace(/[^A-Za-z0-9_:-]/g, (c) => '_' + c.charCodeAt(0).toString(16));
  const call = (name, types, args) => { if (window.Module && Module['_' + name]) Module.ccall(name, null, types, args); };
  const act = (key, value, text) => call('app_mirror_action', ['string', 'number', 'string'], [key, value | 0, text || '']);

  const htmlMode = () => document.body.classList.contains('html-mode');
  const encoder = new TextEncoder();

  // A finger that swipes up or down on a text box scrolls the app's list, as it does anywhere else:
  // the swipe goes to the canvas as touches of its own (unless the box has more text than it shows
  // and can scroll that way itself). A tap still goes into the box.
  function passSwipesOn(box) {
    let start = null, passing = false;
    const pass = (type, t, lifted) => {
      const touch = new Touch({ identifier: t.identifier, target: canvas, clientX: t.clientX, clientY: t.clientY,
                                pageX: t.pageX, pageY: t.pageY, screenX: t.screenX, screenY: t.screenY });
      canvas.dispatchEvent(new TouchEvent(type, { bubbles: true, cancelable: true, touches: lifted ? [] : [touch],
                                                  targetTouches: lifted ? [] : [touch], changedTouches: [touch] }));
    };
    box.addEventListener('touchstart', (e) => { start = e.touches.length === 1 ? e.touches[0] : null; passing = false; }, { passive: true });
    box.addEventListener('touchmove', (e) => {
      if (!start || e.touches.length !== 1) return;
      const t = e.touches[0], dx = t.clientX - start.clientX, dy = t.clientY - start.clientY;
      if (!passing) {
        if (Math.hypot(dx, dy) < 8 || Math.abs(dx) > Math.abs(dy)) return;
        const boxScrolls = dy < 0 ? box.scrollTop + box.clientHeight < box.scrollHeight - 1 : box.scrollTop > 0;
        if (boxScrolls) { start = null; return; }
        passing = true;
        pass('touchstart', start);
      }
      e.preventDefault();
      pass('touchmove', t);
    }, { passive: false });
    const lift = (e) => {
      if (passing) pass(e.type, e.changedTouches[0], true);
      passing = false;
      start = null;
    };
    box.addEventListener('touchend', lift);
    box.addEventListener('touchcancel', lift);
    // A mouse wheel over the box, likewise.
    box.addEventListener('wheel', (e) => {
      const boxScrolls = e.deltaY > 0 ? box.scrollTop + box.clientHeight < box.scrollHeight - 1 : e.deltaY < 0 && box.scrollTop > 0;
      if (boxScrolls) return;
      e.preventDefault();
      // The app learns where the pointer is first (over the box it had left the canvas).
      canvas.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: e.clientX, clientY: e.clientY, screenX: e.screenX, screenY: e.screenY }));
      canvas.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaX: e.deltaX, deltaY: e.deltaY, deltaMode: e.deltaMode,
                                                     clientX: e.clientX, clientY: e.clientY, screenX: e.screenX, screenY: e.screenY }));
    }, { passive: false });
  }

  function create(node) {
    const key = node.k;
    let el;
    switch (node.r) {
      case 'heading': el = document.createElement('h' + Math.min(Math.max(node.l || 2, 1), 6)); el.tabIndex = -1; break;
      case 'text': el = document.createElement('p'); break;
      case 'image': el = document.createElement('img'); el.className = 'overlay'; break;
      case 'button': case 'tab': case 'expander':
        el = document.createElement('button');
        el.type = 'button';
        el.addEventListener('click', (e) => {
          const b = e.currentTarget;
          if (b.getAttribute('aria-disabled') === 'true') return;
          act(key, node.r === 'expander' ? (b.getAttribute('aria-expanded') === 'true' ? 0 : 1) : 1);
        });
        break;
      case 'checkbox':
        el = document.createElement('input');
        el.type = 'checkbox';
        el.addEventListener('change', (e) => act(key, e.currentTarget.checked ? 1 : 0));
        break;
      case 'slider':
        el = document.createElement('input');
        el.type = 'range';
        el.min = '0';
        el.step = '1';
        el.addEventListener('input', (e) => act(key, Number(e.currentTarget.value)));
        break;
      case 'textbox':
        el = document.createElement(node.on ? 'textarea' : 'input');
        // Every change of the text, however it came (keys at any speed, paste, IME composition,
        // dictation, autocorrect, undo), sends the box's whole text; the app keeps the newest.
        const send = (e) => {
          const box = e.currentTarget;
          let text = box.value.replace(/\0/g, '');  // a NUL would end the text on its way to the app
          // The app keeps a comment to its limit in bytes of UTF-8: the box does too, cutting at a character.
          if (box.maxBytes && encoder.encode(text).length > box.maxBytes) {
            while (encoder.encode(text).length > box.maxBytes) text = text.slice(0, -1);
            if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
          }
          if (box.value !== text) box.value = text;
          if (text === box.appText && box.sent === undefined) return;
          box.sent = text;  // until the app reports this text, the box's text is the truth
          act(key, 0, text);
        };
        el.addEventListener('input', send);
        el.addEventListener('change', send);
        el.addEventListener('compositionend', send);
        if (node.ov && !htmlMode()) {  // shown over the canvas: the browser edits (wrapping, keyboards, paste, undo)
          el.classList.add('overlay');
          el.spellcheck = true;
          passSwipesOn(el);
          // Tab and Escape give the keyboard back to the canvas, whose navigation is still on this box.
          el.addEventListener('keydown', (e) => {
            if (e.key !== 'Tab' && e.key !== 'Escape') return;
            e.preventDefault();
            canvas.focus({ preventScroll: true });
          });
        }
        break;
      case 'select':  // radio buttons, which every screen reader handles well
        el = document.createElement('fieldset');
        el.appendChild(document.createElement('legend'));
        el.addEventListener('change', (e) => act(key, Number(e.target.value)));
        break;
      default: el = document.createElement('p');
    }
    // Over the canvas, reached by assistive technology, not by Tab (the canvas has the keyboard).
    if (!htmlMode() && el.matches('button, input, textarea')) el.tabIndex = -1;
    if (htmlMode() && ['slider', 'checkbox', 'textbox'].includes(node.r)) {  // a visible label around it
      const label = document.createElement('label');
      label.className = `field ${node.r}`;
      label.text = document.createElement('span');
      label.append(label.text, el);
      label.input = el;
      el = label;
    }
    el.id = elementId(node.k);
    el.dataset.key = node.k;
    el.dataset.role = node.r;
    return el;
  }

  function apply(outer, node) {
    const el = outer.input || outer;  // the control itself, inside its label on a plain page
    const set = (name, value) => { if (value === null) el.removeAttribute(name); else if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
    if (outer.text) {
      const shown = node.r === 'slider' ? `${node.n}: ${node.v}` : node.n;
      if (outer.text.textContent !== shown) outer.text.textContent = shown;
    }
    switch (node.r) {
      case 'image':
        set('alt', node.n);
        set('src', node.v);
        break;
      case 'heading': case 'text': case 'button': case 'tab': case 'expander':
        if (el.textContent !== node.n) el.textContent = node.n;
        break;
      case 'select':
        if (el.firstChild.textContent !== node.n) el.firstChild.textContent = node.n;
        break;
      default: set('aria-label', node.n);
    }
    set('aria-disabled', node.off ? 'true' : null);
    if (!htmlMode()) {  // through the CSSOM: the page's Content-Security-Policy refuses style attributes
      const style = el.style;
      const place = (name, px) => { if (style[name] !== `${px}px`) style[name] = `${px}px`; };
      place('left', node.x);
      place('top', node.y);
      place('width', Math.max(node.w, 1));
      place('height', Math.max(node.h, 1));
    }
    if (node.r === 'tab') set('aria-pressed', node.on ? 'true' : 'false');
    if (node.r === 'expander') set('aria-expanded', node.on ? 'true' : 'false');
    if (node.r === 'checkbox') el.checked = !!node.on;
    if (node.r === 'slider') {
      set('max', String(node.max));
      if (el.value !== String(node.now)) el.value = String(node.now);
      set('aria-valuetext', node.v || null);
    }
    if (node.r === 'textbox') {
      const text = node.v || '';
      el.appText = text;
      el.maxBytes = node.max || 0;
      if (el.sent === text) el.sent = undefined;  // the app has what the box holds
      if (el.sent === undefined) {
        if (el.value !== text && document.activeElement !== el) el.value = text;
      } else if (document.activeElement !== el && el.value !== el.resent) {
        el.resent = el.value;  // the app is behind the box (never the other way round): once more
        act(node.k, 0, el.value);
      }
    }
    if (node.ov && !htmlMode()) {  // only the part inside its scrolling area shows
      const top = Math.max(0, node.cy0 - node.y), bottom = Math.max(0, node.y + node.h - node.cy1);
      const clip = top + bottom >= node.h ? 'inset(50%)' : `inset(${top}px 0 ${bottom}px 0)`;
      if (el.style.clipPath !== clip) el.style.clipPath = clip;
      // Wholly scrolled out of view: unseen and untouchable, but still there for assistive
      // technology, whose focus brings it back into view.
      const out = top + bottom >= node.h;
      el.style.opacity = out ? '0' : '';
      el.style.pointerEvents = out ? 'none' : '';
    }
    if (node.r === 'select') {
      const options = node.o || [];
      const labels = [...el.querySelectorAll('label')];
      if (labels.length !== options.length || options.some((o, i) => labels[i].textContent !== o)) {
        labels.forEach((l) => l.remove());
        options.forEach((o, i) => {
          const label = document.createElement('label');
          const radio = document.createElement('input');
          radio.type = 'radio';
          radio.name = el.id;
          radio.value = String(i);
          if (!htmlMode()) radio.tabIndex = -1;
          label.append(radio, o);
          el.appendChild(label);
        });
      }
      el.querySelectorAll('input').forEach((radio, i) => { radio.checked = i === node.now; });
    }
  }

  function update(json) {
    performance.mark('mirror:update');
    try { apply_all(json); } finally { performance.measure('mirror:update', 'mirror:update'); }
  }

  function apply_all(json) {
    const m = JSON.parse(json);
    const seen = new Set();
    let focusLost = false;
    m.nodes.forEach((node, i) => {
      let el = byKey.get(node.k);
      if (el && el.dataset.role !== node.r) { if (el === document.activeElement) focusLost = true; el.remove(); el = null; }
      if (!el) { el = create(node); byKey.set(node.k, el); }
      apply(el, node);
      if (root.children[i] !== el) root.insertBefore(el, root.children[i] || null);
      seen.add(node.k);
    });
    for (const [key, el] of byKey) {
      if (seen.has(key)) continue;
      if (el === document.activeElement) focusLost = true;
      el.remove();
      byKey.delete(key);
    }
    // A control that went away (a new screen) leaves assistive technology on the new screen's start.
    if (focusLost && root.firstElementChild) { root.firstElementChild.tabIndex = -1; root.firstElementChild.focus(); }
    // The keyboard pressed a text area on the canvas: the real one takes it.
    if (m.edit && m.edit !== last.edit && byKey.has(m.edit)) byKey.get(m.edit).focus({ preventScroll: true });
    document.documentElement.lang = m.lang;
    if (m.title && document.title !== m.title) document.title = m.title;
    if (m.nav && byKey.has(m.nav)) canvas.setAttribute('aria-activedescendant', elementId(m.nav));
    else canvas.removeAttribute('aria-activedescendant');
    // Said after things settle (a slider dragged says its final effect once).
    if (m.announce !== last.announce) {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(() => { if (m.announce && m.announce !== announced) { live.textContent = m.announce; announced = m.announce; } }, 700);
    }
    last = m;
  }

  // Keys used on these controls are theirs: the canvas's own keyboard handling must not see them.
  for (const type of ['keydown', 'keyup', 'keypress']) root.addEventListener(type, (e) => e.stopPropagation());
  // Arrows move through a radio group (browsers skip radios that are out of the Tab order).
  root.addEventListener('keydown', (e) => {
    if (e.target.type !== 'radio') return;
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
    if (!step) return;
    e.preventDefault();
    const radios = [...e.target.closest('fieldset').querySelectorAll('input')];
    const next = radios[(radios.indexOf(e.target) + step + radios.length) % radios.length];
    next.checked = true;
    next.focus();
    next.dispatchEvent(new Event('change', { bubbles: true }));
  });
  root.addEventListener('focusin', (e) => {
    const owner = e.target.closest('[data-key]');
    if (owner) call('app_mirror_focus', ['string'], [owner.dataset.key]);
  });
  root.addEventListener('focusout', () => call('app_mirror_focus', ['string'], ['']));
  window.budgetMirror = { update };
  if (window.budgetMirrorPending) update(window.budgetMirrorPending);
})();
