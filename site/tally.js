// The live tally (tally.html): the consultation's results as the server pushes them (Server-Sent
// Events on api/v1/budgets/ID/events), drawn large for a projector, with the join link's QR code.
// A budget shows each service's median change and each option's uptake; a ballot, each project's
// votes and the projects winning now under its rule, with the money they spend. Text only, never
// markup from data. The test hook window.budgetApp.state().tally reports what is on screen.
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  const welsh = params.get('lang') === 'cy';
  const say = (en, cy) => (welsh ? cy : en);
  const { el, money } = window.resultsCommon;
  const id = /^[a-z0-9_-]{1,64}$/.test(params.get('budget') || '') ? params.get('budget') : '';
  const key = /^[A-Za-z0-9_-]{1,200}$/.test(params.get('key') || '') ? params.get('key') : '';
  const $ = (x) => document.getElementById(x);
  const tally = { responses: null, event_id: 0, updated_at: 0, winners: [] };
  let resolveReady;
  window.budgetApp = { ready: new Promise((r) => { resolveReady = r; }), state: () => ({ screen: 'tally', tally: { ...tally } }) };
  if (welsh) {
    document.documentElement.lang = 'cy';
    document.title = 'Canlyniadau byw';
    $('title').textContent = 'Canlyniadau byw';
    $('count').textContent = 'Yn aros am ganlyniadau…';
  }
  const text = (t) => (typeof t === 'string' ? t : say(t.en, t.cy || t.en));
  const pct = (s) => { const n = Number(s); return `${n > 0 ? '+' : ''}${n.toFixed(1)}%`; };
  const fail = (message) => { $('status').textContent = message; resolveReady(); };

  // A bar in a row: its share of the widest, drawn with a CSS width (the number is beside it in words).
  function bar(fraction, cls) {
    const outer = el('span', undefined, `bar ${cls || ''}`);
    const inner = el('span');
    inner.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
    outer.append(inner);
    outer.setAttribute('aria-hidden', 'true');
    return outer;
  }

  const SHOWN = 9;  // rows a column of a 1080-line projector holds under a two-line heading
  const more = (n) => el('p', say(`and ${n} more (every one in the published results)`, `a ${n} arall (pob un yn y canlyniadau a gyhoeddir)`), 'more');

  function countWords(n) {
    return n === 1 ? say('1 response', '1 ymateb') : say(`${n} responses`, `${n} ymateb`);
  }

  function drawBallot(doc, r) {
    const projects = new Map(doc.projects.map((p) => [p.id, p]));
    const areas = new Map((doc.areas || []).map((a) => [a.id, a]));
    const out = [];
    tally.winners = [];
    for (const a of r.areas) {
      const section = el('section', undefined, 'area');
      if (a.area) section.append(el('h2', `${text(areas.get(a.area)?.name || a.area)}`));
      section.append(el('p', say(`${money(a.spent, r.currency)} of ${money(a.budget, r.currency)} funds ${a.winners.length} ${a.winners.length === 1 ? 'project' : 'projects'}`,
                                 `${money(a.spent, r.currency)} o ${money(a.budget, r.currency)} yn ariannu ${a.winners.length} prosiect`), 'budget-line'));
      section.append(bar(Number(a.spent) / Number(a.budget), 'spent'));
      const most = Math.max(1, ...a.projects.map((p) => p.approvals));
      const list = el('ol', undefined, 'projects');
      for (const p of [...a.projects].sort((x, y) => y.approvals - x.approvals)) {
        const li = el('li', undefined, p.won ? 'won' : '');
        const name = el('span', text(projects.get(p.id)?.name || p.id), 'name');
        if (p.won) name.prepend(el('span', say('Funded: ', 'Wedi’i ariannu: '), 'tag'));
        li.append(name, el('span', say(`${p.approvals} ${p.approvals === 1 ? 'vote' : 'votes'}`, `${p.approvals} pleidlais`), 'votes'), bar(p.approvals / most));
        list.append(li);
      }
      section.append(list);
      tally.winners.push(...a.winners.map((w) => w.id));
      out.push(section);
    }
    return { responses: r.votes, sections: out };
  }

  function drawBudget(doc, r) {
    if (r.suppressed) {  // no figure about fewer people than the council's threshold
      const held = el('section', undefined, 'area');
      held.append(el('p', say(`Results appear once ${r.threshold} people have responded.`, `Bydd canlyniadau’n ymddangos pan fydd ${r.threshold} o bobl wedi ymateb.`), 'budget-line'));
      tally.winners = [];
      return { responses: r.count, sections: [held] };
    }
    const names = new Map();
    for (const list of [doc.services, doc.efficiencies, doc.income]) for (const x of list || []) names.set(x.id, text(x.name));
    const services = el('section', undefined, 'area');
    services.append(el('h2', say('Services: median change chosen', 'Gwasanaethau: canolrif y newid a ddewiswyd')));
    const most = Math.max(0.1, ...r.services.map((s) => Math.abs(Number(s.median_percent))));
    const list = el('ul', undefined, 'projects');
    // A projector cannot scroll: the largest changes first, as many as fit, and how many more there are.
    const shown = [...r.services].sort((x, y) => Math.abs(Number(y.median_percent)) - Math.abs(Number(x.median_percent))).slice(0, SHOWN);
    for (const s of shown) {
      const v = Number(s.median_percent);
      list.append(Object.assign(el('li'), { className: v < 0 ? 'down' : 'up' }));
      list.lastChild.append(el('span', names.get(s.id) || s.name, 'name'), el('span', pct(s.median_percent), 'votes'), bar(Math.abs(v) / most));
    }
    services.append(el('p', say(`Median council tax change: ${pct(r.council_tax_median_percent)}`, `Canolrif y newid i'r dreth gyngor: ${pct(r.council_tax_median_percent)}`), 'budget-line'), list);
    if (r.services.length > SHOWN) services.append(more(r.services.length - SHOWN));
    const options = el('section', undefined, 'area');
    options.append(el('h2', say('Savings and income: share who chose each', 'Arbedion ac incwm: cyfran a ddewisodd bob un')));
    const uptake = el('ul', undefined, 'projects');
    const all = [...r.efficiencies, ...r.income];
    for (const o of all.sort((x, y) => y.count - x.count).slice(0, SHOWN)) {
      const share = r.count ? o.count / r.count : 0;
      const li = el('li');
      li.append(el('span', names.get(o.id) || o.id, 'name'), el('span', `${Math.round(share * 100)}%`, 'votes'), bar(share));
      uptake.append(li);
    }
    options.append(uptake);
    if (all.length > SHOWN) options.append(more(all.length - SHOWN));
    tally.winners = [];
    return { responses: r.count, sections: [services, options] };
  }

  async function start() {
    if (!id) return fail(say('No consultation named: add ?budget=ID to the address.', 'Dim ymgynghoriad wedi’i enwi: ychwanegwch ?budget=ID at y cyfeiriad.'));
    let doc;
    try {
      doc = await (await fetch(`budgets/${id}.json`)).json();
    } catch (e) {
      return fail(say('This consultation could not be found.', 'Nid oedd modd dod o hyd i’r ymgynghoriad hwn.'));
    }
    const ballot = doc.format === 'pb-ballot';
    $('title').textContent = ballot ? text(doc.title) : text(doc.council?.name || id);
    document.title = `${say('Live results', 'Canlyniadau byw')} – ${$('title').textContent}`;
    // The QR code of the link residents use to join, when the server knows its public address.
    fetch(`api/v1/budgets/${id}/join.svg`, { method: 'HEAD' }).then((res) => {
      const link = res.ok && res.headers.get('X-Join-Link');
      if (!link) return;
      $('qr').src = `api/v1/budgets/${id}/join.svg`;
      $('qr').alt = say(`QR code: ${link}`, `Cod QR: ${link}`);
      $('join-text').textContent = say(`Join in: ${link}`, `Ymunwch: ${link}`);
      $('join').hidden = false;
    }).catch(() => {});
    const url = `api/v1/budgets/${id}/events${key ? `?key=${key}` : ''}`;
    let opened = false;
    // A browser reconnects a dropped stream by itself, but gives up on a refusal (a key that expired,
    // a server answering 503 while it restarts). Then the tally asks why, says so when nothing but
    // the console can help, and otherwise tries again every 5 seconds with no one touching it.
    const why = async () => {
      const ask = new AbortController();
      const res = await fetch(url, { signal: ask.signal }).catch(() => null);
      if (!res || res.ok || res.status >= 500) {
        ask.abort();  // a stream that opened after all: the next connect() follows it
        return null;
      }
      return (await res.json().catch(() => null))?.error?.code || String(res.status);
    };
    const connect = () => {
      const events = new EventSource(url);
      events.addEventListener('results', (e) => {
        opened = true;
        const r = JSON.parse(e.data);
        const drawn = ballot ? drawBallot(doc, r) : drawBudget(doc, r);
        $('results').replaceChildren(...drawn.sections);
        $('count').textContent = countWords(drawn.responses);
        $('status').textContent = '';
        tally.responses = drawn.responses;
        tally.event_id = Number(e.lastEventId) || 0;
        tally.updated_at = performance.now();
        resolveReady();
      });
      events.addEventListener('error', async () => {
        if (events.readyState !== EventSource.CLOSED) {
          $('status').textContent = opened ? say('Reconnecting…', 'Yn ailgysylltu…') : say('Waiting for the server…', 'Yn aros am y gweinydd…');
          return;
        }
        const code = await why();
        if (code === 'events.bad_key') {
          tally.refused = code;
          return fail(say('This projector link has expired, or is for another consultation. Open the tally again from the officer console.',
                          'Mae’r ddolen hon i’r taflunydd wedi dod i ben, neu mae ar gyfer ymgynghoriad arall. Agorwch y cyfrif eto o gonsol y swyddogion.'));
        }
        if (code === 'results.not_public') {
          tally.refused = code;
          return fail(say('The council keeps these results private. Open the tally from the officer console.',
                          'Mae’r cyngor yn cadw’r canlyniadau hyn yn breifat. Agorwch y cyfrif o gonsol y swyddogion.'));
        }
        $('status').textContent = opened ? say('Reconnecting…', 'Yn ailgysylltu…') : say('Waiting for the server…', 'Yn aros am y gweinydd…');
        setTimeout(connect, 5000);
      });
    };
    connect();
  }
  start();
})();
