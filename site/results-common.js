// Shared by the pages that show results (consultations.js, tally.js): elements built with text only
// (never markup from data), and money as the server writes it ("62000.00") in words ("£62,000").
'use strict';
window.resultsCommon = {
  el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; },
  money(decimal, currency) {
    const [whole, part = '00'] = String(decimal).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const amount = part === '00' ? grouped : `${grouped}.${part}`;
    return currency === 'GBP' ? `£${amount}` : `${amount} ${currency}`;
  },
};
