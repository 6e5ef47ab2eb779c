// The plain consultations page (consultations.html): lists the consultations this server holds and
// their public results, in English or Welsh. A file of its own, for the Content-Security-Policy.
'use strict';
const welsh = new URLSearchParams(location.search).get('lang') === 'cy';
const say = (en, cy) => (welsh ? cy : en);
if (welsh) {
  document.documentElement.lang = 'cy';
  document.title = 'Ymgynghoriadau ar y gyllideb';
  document.querySelector('meta[name="description"]').content =
    'Yr ymgynghoriadau ar gyllidebau cynghorau ar y wefan hon, a\'r hyn y mae trigolion wedi\'i ddweud wrth y cyngor hyd yma.';
  document.getElementById('title').textContent = 'Ymgynghoriadau ar y gyllideb';
  document.getElementById('intro').textContent =
    'Mae cynghorau\'n defnyddio\'r gwasanaeth hwn i ofyn i drigolion sut y bydden nhw\'n cydbwyso cyllideb y flwyddyn nesaf.';
  document.getElementById('skip').textContent = 'Neidio i\'r cynnwys';
  document.getElementById('status').textContent = 'Wrthi\'n llwytho\'r ymgynghoriadau…';
  const other = document.getElementById('other-language');
  other.textContent = 'English';
  other.href = '?';
  other.lang = other.hreflang = 'en';
  const statement = document.getElementById('accessibility-link');
  statement.textContent = 'Datganiad hygyrchedd';
  statement.href = 'accessibility-cy.html';
}
const pct = (s) => `${Number(s).toFixed(1)}%`;
// "5 January 2027 at 09:00 GMT" (or in Welsh) from the server's ISO time, in UK time (GMT or BST) as
// the app and console say it.
const MONTHS = welsh ? ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr']
                     : ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function when(iso) {
  const d = new Date(iso);
  const p = Object.fromEntries(LONDON.formatToParts(d).map((x) => [x.type, x.value]));
  const zone = (Number(p.hour) - d.getUTCHours() + 24) % 24 === 1 ? 'BST' : 'GMT';
  return `${Number(p.day)} ${MONTHS[Number(p.month) - 1]} ${p.year} ${say('at', 'am')} ${p.hour}:${p.minute} ${zone}`;
}
// Whether the consultation takes responses now, in words.
function stateText(b) {
  if (b.state === 'not_open') return say(`Opens on ${when(b.opens_at)}.`, `Yn agor ar ${when(b.opens_at)}.`);
  if (b.state === 'closed') return say(`Closed on ${when(b.closes_at)}.`, `Wedi cau ar ${when(b.closes_at)}.`);
  if (b.closes_at) return say(`Open now: send your budget by ${when(b.closes_at)}.`, `Ar agor nawr: anfonwch eich cyllideb erbyn ${when(b.closes_at)}.`);
  return say('Open now.', 'Ar agor nawr.');
}
// A link into the app for a consultation that takes responses now, in the page's language.
function takePart(b, words) {
  const p = document.createElement('p'); p.className = 'take-part';
  const a = document.createElement('a');
  a.href = `index.html?budget=${encodeURIComponent(b.id)}${welsh ? '&lang=cy' : ''}`;
  a.textContent = words;
  p.appendChild(a);
  return p;
}
function cell(row, text, cls) { const td = document.createElement(row.parentElement?.tagName === 'THEAD' ? 'th' : 'td'); td.textContent = text; if (cls) td.className = cls; row.appendChild(td); }
async function show() {
  const status = document.getElementById('status');
  const list = document.getElementById('budgets');
  try {
    const { budgets } = await (await fetch('api/v1/budgets')).json();
    status.textContent = budgets.length ? say(`${budgets.length} consultations on this server.`, `${budgets.length} ymgynghoriad ar y gweinydd hwn.`)
                                        : say('No consultations on this server yet.', 'Dim ymgynghoriadau ar y gweinydd hwn eto.');
    for (const b of budgets) {
      if (b.kind === 'ballot') { list.appendChild(await ballotSection(b)); continue; }
      const section = document.createElement('article');
      section.setAttribute('aria-labelledby', `h-${b.id}`);
      const h = document.createElement('h2'); h.id = `h-${b.id}`; h.textContent = `${say(b.council, b.council_cy || b.council)}: ${say('budget', 'cyllideb')} ${b.financial_year}`;
      const state = document.createElement('p'); state.className = 'state'; state.textContent = stateText(b);
      const p = document.createElement('p');
      const a = document.createElement('a'); a.href = `budgets/${encodeURIComponent(b.id)}.json`; a.textContent = say('The budget as data (JSON)', 'Y gyllideb fel data (JSON)');
      p.appendChild(a);
      if (b.profile) {  // the council's annual report: its finances, warning signs and indicators
        const report = document.createElement('a');
        report.href = `report/${encodeURIComponent(b.profile)}${welsh ? '?lang=cy' : ''}`;
        report.textContent = say('The council’s annual report: finances and warning signs', 'Adroddiad blynyddol y cyngor: cyllid ac arwyddion rhybudd');
        p.append(document.createTextNode(' · '), report);
      }
      section.append(h, state);
      if (b.state === 'open' || !b.state) section.append(takePart(b, say('Take part: balance the budget', 'Cymryd rhan: cydbwyso’r gyllideb')));
      section.append(p);
      if (b.results_public) {
        const r = await (await fetch(`api/v1/budgets/${encodeURIComponent(b.id)}/results`)).json();
        if (r.count === 0) {
          const none = document.createElement('p'); none.textContent = say('No responses yet.', 'Dim ymatebion eto.');
          section.append(none);
          list.appendChild(section);
          continue;
        }
        if (r.suppressed) {  // never a figure about fewer people than the council's threshold
          const held = document.createElement('p');
          held.textContent = say(`${r.count} ${r.count === 1 ? 'resident has' : 'residents have'} responded. Results appear once ${r.threshold} people have responded.`,
                                 `Mae ${r.count} ${r.count === 1 ? 'preswylydd' : 'o drigolion'} wedi ymateb. Bydd canlyniadau’n ymddangos pan fydd ${r.threshold} o bobl wedi ymateb.`);
          section.append(held);
          list.appendChild(section);
          continue;
        }
        const summary = document.createElement('p');
        summary.textContent = say(`${r.count} ${r.count === 1 ? 'resident has' : 'residents have'} responded. Median council tax change chosen: ${pct(r.council_tax_median_percent)}.`,
                                  `Mae ${r.count} ${r.count === 1 ? 'preswylydd' : 'o drigolion'} wedi ymateb. Canolrif y newid i'r dreth gyngor a ddewiswyd: ${pct(r.council_tax_median_percent)}.`);
        const table = document.createElement('table');
        const caption = document.createElement('caption'); caption.textContent = say('What residents chose for each service (change in spending)',
                                  'Beth a ddewisodd trigolion ar gyfer pob gwasanaeth (newid mewn gwariant)');
        const head = table.createTHead().insertRow();
        (welsh ? ['Gwasanaeth', 'Cymedr', 'Canolrif'] : ['Service', 'Mean', 'Median']).forEach((t, i) => { const th = document.createElement('th'); th.scope = 'col'; th.textContent = t; if (i) th.className = 'num'; head.appendChild(th); });
        const body = table.createTBody();
        for (const s of r.services) { const row = body.insertRow(); cell(row, say(s.name, s.name_cy || s.name)); cell(row, pct(s.mean_percent), 'num'); cell(row, pct(s.median_percent), 'num'); }
        table.prepend(caption);
        section.append(summary, table);
        if (Array.isArray(r.comments) && r.comments.length) {
          // Residents' comments, as the council publishes them (without names; officers may hide any).
          const h3 = document.createElement('h3'); h3.textContent = say('What residents said', 'Yr hyn a ddywedodd trigolion');
          const note = document.createElement('p'); note.className = 'note';
          note.textContent = say(`The ${r.comments.length} most recent comments, without names.`, `Y ${r.comments.length} sylw diweddaraf, heb enwau.`);
          const ul = document.createElement('ul'); ul.className = 'comments';
          for (const c of r.comments) {
            const li = document.createElement('li');
            const about = document.createElement('p'); about.className = 'about';
            about.textContent = c.about === 'overall' ? say('About the budget as a whole', 'Am y gyllideb gyfan')
                                                       : `${say('About', 'Am')} ${say(c.about_name || c.about, c.about_name_cy || c.about_name || c.about)}`;
            const quote = document.createElement('blockquote'); quote.textContent = c.text;
            li.append(about, quote);
            ul.appendChild(li);
          }
          section.append(h3, note, ul);
        }
      } else {
        const note = document.createElement('p'); note.className = 'note'; note.textContent = say('The council has not published results for this consultation.',
                               'Nid yw\'r cyngor wedi cyhoeddi canlyniadau\'r ymgynghoriad hwn.');
        section.append(note);
      }
      list.appendChild(section);
    }
  } catch (e) {
    status.textContent = say('The consultations could not be loaded. Please try again later.',
                             'Nid oedd modd llwytho\'r ymgynghoriadau. Rhowch gynnig arall arni yn nes ymlaen.');
  }
}
// --- Participatory-budgeting ballots: the rule in plain words, the winners, every project's votes,
// and for equal shares what each winner's supporters paid ("why this project won"). ---
const { el, money } = window.resultsCommon;
function ballotStateText(b) {
  if (b.state === 'not_open') return say(`Voting opens on ${when(b.opens_at)}.`, `Mae'r pleidleisio'n agor ar ${when(b.opens_at)}.`);
  if (b.state === 'closed') return say(`Voting closed on ${when(b.closes_at)}.`, `Daeth y pleidleisio i ben ar ${when(b.closes_at)}.`);
  if (b.closes_at) return say(`Open now: vote by ${when(b.closes_at)}.`, `Ar agor nawr: pleidleisiwch erbyn ${when(b.closes_at)}.`);
  return say('Open now.', 'Ar agor nawr.');
}
function ruleText(ballot) {
  const r = ballot.ballot;
  const choose = r.type === 'approval'
    ? (r.max_projects ? say(`Each resident chooses up to ${r.max_projects} projects.`, `Mae pob preswylydd yn dewis hyd at ${r.max_projects} prosiect.`)
                      : say('Each resident chooses the projects they support.', 'Mae pob preswylydd yn dewis y prosiectau y mae\'n eu cefnogi.'))
    : say('Each resident chooses projects that together fit within the budget.', 'Mae pob preswylydd yn dewis prosiectau sydd gyda\'i gilydd o fewn y gyllideb.');
  const count = ballot.counting === 'greedy'
    ? say('Projects are funded in order of votes, most first, while the money lasts; a project that no longer fits is passed over for the next one that does.',
          'Caiff prosiectau eu hariannu yn nhrefn eu pleidleisiau, y mwyaf yn gyntaf, tra bo\'r arian yn para; os nad yw prosiect yn ffitio mwyach, symudir at y nesaf sy\'n ffitio.')
    : say('Votes are counted by the Method of Equal Shares. The budget is shared equally among the voters, and each project is paid for by the voters who chose it. A project wins when its supporters can cover its cost together; the projects that cost each supporter least for what they get are chosen first. So a group of residents who agree gets projects in proportion to its size, and no group can take the whole budget.',
          'Caiff y pleidleisiau eu cyfrif gan y Dull Cyfrannau Cyfartal. Rhennir y gyllideb yn gyfartal rhwng y pleidleiswyr, a thelir am bob prosiect gan y pleidleiswyr a\'i dewisodd. Mae prosiect yn ennill pan all ei gefnogwyr dalu ei gost gyda\'i gilydd; dewisir yn gyntaf y prosiectau sy\'n costio leiaf i bob cefnogwr am yr hyn a gânt. Felly mae grŵp o drigolion sy\'n cytuno yn cael prosiectau yn ôl ei faint, ac ni all unrhyw grŵp gymryd y gyllideb gyfan.');
  return `${choose} ${count}`;
}
async function ballotSection(b) {
  const section = el('article');
  section.setAttribute('aria-labelledby', `h-${b.id}`);
  const h = el('h2', say(b.title, b.title_cy || b.title)); h.id = `h-${b.id}`;
  const state = el('p', ballotStateText(b), 'state');
  section.append(h, state);
  if (b.state === 'open' || !b.state) section.append(takePart(b, say('Take part: vote on the projects', 'Cymryd rhan: pleidleisio ar y prosiectau')));
  const ballot = await (await fetch(`budgets/${encodeURIComponent(b.id)}.json`)).json();
  const text = (t) => (typeof t === 'string' ? t : say(t.en, t.cy || t.en));
  if (ballot.description) section.append(el('p', text(ballot.description)));
  section.append(el('p', ruleText(ballot)));
  const links = el('p');
  const data = el('a', say('The ballot as data (JSON)', 'Y bleidlais fel data (JSON)')); data.href = `budgets/${encodeURIComponent(b.id)}.json`;
  links.append(data);
  section.append(links);
  if (!b.results_public) {
    section.append(el('p', say('The council has not published results for this ballot.', 'Nid yw\'r cyngor wedi cyhoeddi canlyniadau\'r bleidlais hon.'), 'note'));
    return section;
  }
  const r = await (await fetch(`api/v1/budgets/${encodeURIComponent(b.id)}/results`)).json();
  if (r.votes === 0) { section.append(el('p', say('No votes yet.', 'Dim pleidleisiau eto.'))); return section; }
  section.append(el('p', say(`${r.votes} ${r.votes === 1 ? 'resident has' : 'residents have'} voted.`,
                            `Mae ${r.votes} ${r.votes === 1 ? 'preswylydd' : 'o drigolion'} wedi pleidleisio.`)));
  const projects = new Map(ballot.projects.map((p) => [p.id, p]));
  const areas = new Map((ballot.areas || []).map((a) => [a.id, a]));
  for (const a of r.areas) {
    const wrap = el('section');
    if (a.area) {
      const h3 = el('h3', text(areas.get(a.area).name)); h3.id = `h-${b.id}-${a.area}`;
      wrap.setAttribute('aria-labelledby', h3.id);
      wrap.append(h3);
    }
    const cur = r.currency;
    wrap.append(el('p', say(`${money(a.spent, cur)} of ${money(a.budget, cur)} goes to ${a.winners.length} ${a.winners.length === 1 ? 'project' : 'projects'}; ${a.voters} ${a.voters === 1 ? 'resident' : 'residents'} voted here.`,
                            `Mae ${money(a.spent, cur)} o ${money(a.budget, cur)} yn mynd i ${a.winners.length} prosiect; pleidleisiodd ${a.voters} o drigolion yma.`)));
    const table = el('table');
    table.append(el('caption', say('Every project, its cost and its votes', 'Pob prosiect, ei gost a\'i bleidleisiau')));
    const head = table.createTHead().insertRow();
    (welsh ? ['Prosiect', 'Cost', 'Pleidleisiau', 'Enillodd'] : ['Project', 'Cost', 'Votes', 'Won']).forEach((t, i) => {
      const th = el('th', t, i === 1 || i === 2 ? 'num' : undefined); th.scope = 'col'; head.appendChild(th);
    });
    const body = table.createTBody();
    const order = [...a.projects].sort((x, y) => y.approvals - x.approvals);
    for (const p of order) {
      const row = body.insertRow();
      const name = document.createElement('th'); name.scope = 'row'; name.textContent = text(projects.get(p.id).name); row.appendChild(name);
      cell(row, money(p.cost, cur), 'num'); cell(row, String(p.approvals), 'num'); cell(row, p.won ? say('Yes', 'Do') : say('No', 'Naddo'));
    }
    wrap.append(table);
    // Every vote and the result, for anyone to check (pabulib holds one budget a file: one per area).
    const pb = el('a', a.area ? say('This area\'s votes and result, for checking (pabulib file)', 'Pleidleisiau a chanlyniad yr ardal hon, i\'w gwirio (ffeil pabulib)')
                              : say('Every vote and the result, for checking (pabulib file)', 'Pob pleidlais a\'r canlyniad, i\'w gwirio (ffeil pabulib)'));
    pb.href = `api/v1/budgets/${encodeURIComponent(b.id)}/results.pb${a.area ? `?area=${encodeURIComponent(a.area)}` : ''}`;
    const pbLine = el('p'); pbLine.append(pb);
    wrap.append(pbLine);
    if (r.rule === 'equal-shares' && a.winners.length) {
      wrap.append(el('h4', say('Why these projects won', 'Pam yr enillodd y prosiectau hyn')));
      wrap.append(el('p', say(`Each resident here had ${money(a.per_voter_budget, cur)} to share out${a.per_voter_budget_exact.includes('/') ? ' (rounded to the penny)' : ''}. In the order chosen:`,
                              `Roedd gan bob preswylydd yma ${money(a.per_voter_budget, cur)} i'w rannu${a.per_voter_budget_exact.includes('/') ? ' (wedi\'i dalgrynnu i\'r geiniog)' : ''}. Yn y drefn y'u dewiswyd:`), 'note'));
      const ol = el('ol', undefined, 'why');
      for (const w of a.winners) {
        const li = el('li');
        const paid = w.payments.map((p) => {
          if (p.each_exact === '0') return say(`${p.voters} ${p.voters === 1 ? 'supporter had' : 'supporters had'} nothing left to give`,
                                               `nid oedd dim ar ôl gan ${p.voters} o gefnogwyr i'w roi`);
          const about = p.each_exact.includes('/') ? say('about ', 'tua ') : '';
          return say(`${p.voters} ${p.voters === 1 ? 'supporter' : 'supporters'} paid ${about}${money(p.each, cur)} each`,
                     `talodd ${p.voters} o gefnogwyr ${about}${money(p.each, cur)} yr un`);
        }).join(say('; ', '; '));
        li.append(el('strong', text(projects.get(w.id).name)), document.createTextNode(`: ${paid}.`));
        ol.append(li);
      }
      wrap.append(ol);
    }
    section.append(wrap);
  }
  return section;
}

show();
