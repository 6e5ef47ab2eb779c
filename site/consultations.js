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
}
const pct = (s) => `${Number(s).toFixed(1)}%`;
// "5 January 2027 at 09:00 UTC" (or in Welsh) from the server's ISO time, as the app and console say it.
const MONTHS = welsh ? ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr']
                     : ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function when(iso) {
  const d = new Date(iso);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${say('at', 'am')} ${hm} UTC`;
}
// Whether the consultation takes responses now, in words.
function stateText(b) {
  if (b.state === 'not_open') return say(`Opens on ${when(b.opens_at)}.`, `Yn agor ar ${when(b.opens_at)}.`);
  if (b.state === 'closed') return say(`Closed on ${when(b.closes_at)}.`, `Wedi cau ar ${when(b.closes_at)}.`);
  if (b.closes_at) return say(`Open now: send your budget by ${when(b.closes_at)}.`, `Ar agor nawr: anfonwch eich cyllideb erbyn ${when(b.closes_at)}.`);
  return say('Open now.', 'Ar agor nawr.');
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
      const section = document.createElement('article');
      section.setAttribute('aria-labelledby', `h-${b.id}`);
      const h = document.createElement('h2'); h.id = `h-${b.id}`; h.textContent = `${say(b.council, b.council_cy || b.council)}: ${say('budget', 'cyllideb')} ${b.financial_year}`;
      const state = document.createElement('p'); state.className = 'state'; state.textContent = stateText(b);
      const p = document.createElement('p');
      const a = document.createElement('a'); a.href = `budgets/${encodeURIComponent(b.id)}.json`; a.textContent = say('The budget as data (JSON)', 'Y gyllideb fel data (JSON)');
      p.appendChild(a);
      section.append(h, state, p);
      if (b.results_public) {
        const r = await (await fetch(`api/v1/budgets/${encodeURIComponent(b.id)}/results`)).json();
        if (r.count === 0) {
          const none = document.createElement('p'); none.textContent = say('No responses yet.', 'Dim ymatebion eto.');
          section.append(none);
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
show();
