/* The reader-view gate's one check per page (tests/gates/readerview.py): evaluated in a loaded
   page with {desktop, words, maxLinks, checkWords, manual, drawCharts}; resolves to every finding as
   {rule, where, detail}. */
(async (opts) => {
  const found = [];
  const add = (rule, el, detail) => found.push({rule, where: describe(el), detail});
  const article = document.querySelector('article') || document.querySelector('main') || document.body;
  function describe(el) {
    if (!el || el.nodeType !== 1) return 'page';
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      let s = e.tagName.toLowerCase();
      if (e.id) { s += '#' + e.id; parts.unshift(s); break; }
      const cls = [...e.classList].filter(c => !c.startsWith('md-typeset')).slice(0, 2);
      if (cls.length) s += '.' + cls.join('.');
      parts.unshift(s);
    }
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return parts.join(' > ') + (text ? ` "${text}"` : '');
  }
  const shown = (el) => {
    if (!el.getClientRects().length) return false;
    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    return true;
  };
  const visibleLine = (style, side) =>
    parseFloat(style[`border${side}Width`]) > 0 && style[`border${side}Style`] !== 'none'
    && style[`border${side}Style`] !== 'hidden' && !/rgba\(.*,\s*0\)$|transparent/.test(style[`border${side}Color`]);

  // Draw the flowcharts first, so their labels are measured as a reader sees them.
  const charts = [...document.querySelectorAll('details[data-gk-flowchart]')].filter(d => d.querySelector('[data-gk-mermaid]'));
  if (opts.drawCharts !== false && charts.length && window.GuidekitConfig && window.GuidekitConfig.mermaid) {
    charts.forEach(d => { d.open = true; });
    const deadline = Date.now() + 30000;  // Mermaid is 2.6 MB: slow on a busy machine
    while (Date.now() < deadline && charts.some(d => !d.querySelector('.gk-mermaid-svg svg'))) {
      await new Promise(r => setTimeout(r, 50));
    }
    charts.filter(d => !d.querySelector('.gk-mermaid-svg svg')).forEach(d => add('text-cut', d, 'flowchart was not drawn within 30 s'));
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }

  // Tables whose body cells have no rule at all.
  for (const table of article.querySelectorAll('table')) {
    // Pygments' line-number layout table around a code block is not a data table.
    if (!shown(table) || table.matches('.highlighttable')) continue;
    const cells = [...table.querySelectorAll(':scope > tbody > tr > td, :scope > tbody > tr > th')];
    if (cells.length < 2) continue;
    const rows = [...table.querySelectorAll(':scope > tbody > tr')];
    const ruled = cells.some(td => { const s = getComputedStyle(td);
        return ['Top', 'Bottom', 'Left', 'Right'].some(side => visibleLine(s, side)); })
      || rows.some(tr => { const s = getComputedStyle(tr);
        return ['Top', 'Bottom'].some(side => visibleLine(s, side)); })
      || new Set(rows.map(tr => getComputedStyle(tr).backgroundColor)).size > 1;
    if (!ruled) add('table-rules', table, 'no visible rule between the cells');
  }

  // One pass over the article: text clipped inside its box; boxes that scroll sideways.
  const clips = (v) => v === 'hidden' || v === 'clip';
  for (const el of article.querySelectorAll('*')) {
    if (!el.firstChild || el.namespaceURI === 'http://www.w3.org/2000/svg') continue;
    const s = getComputedStyle(el);
    const cutX = clips(s.overflowX) || s.textOverflow === 'ellipsis', cutY = clips(s.overflowY);
    const scrolls = opts.desktop && (s.overflowX === 'auto' || s.overflowX === 'scroll');
    if (!cutX && !cutY && !scrolls) continue;
    if (el.clientWidth <= 1 && el.clientHeight <= 1) continue;  // screen-reader-only boxes
    if (!(el.textContent || '').trim() || el.matches('.gk-sr, .md-visually-hidden, [class*="sr-only"]') || !shown(el)) continue;
    if (scrolls && el.scrollWidth > el.clientWidth + 1 && !(opts.manual && el.matches('pre > code, .md-typeset__scrollwrap, .md-typeset__table'))) {
      add('scrolls-sideways', el, `content ${el.scrollWidth} px wide in a box of ${el.clientWidth} px`);
      continue;
    }
    const wide = cutX && el.scrollWidth > el.clientWidth + 1;
    const tall = cutY && el.scrollHeight > el.clientHeight + 1;
    if (wide || tall) add('text-cut', el, `content ${el.scrollWidth}x${el.scrollHeight} px in a box of ${el.clientWidth}x${el.clientHeight} px`);
  }
  // Labels of drawn diagrams: an HTML label wider or taller than its foreignObject, an SVG
  // text wider than the shape beside it in its node.
  for (const fo of article.querySelectorAll('svg foreignObject')) {
    const box = fo.getBoundingClientRect();
    const inner = fo.firstElementChild;
    if (!inner || !(inner.textContent || '').trim() || box.width === 0) continue;
    const r = inner.getBoundingClientRect();
    const w = Math.max(r.width, inner.scrollWidth * (box.width / (fo.width.baseVal.value || box.width)));
    if (w > box.width + 1.5 || r.height > box.height + 1.5) add('text-cut', inner, `diagram label ${Math.round(w)}x${Math.round(r.height)} px in a box of ${Math.round(box.width)}x${Math.round(box.height)} px`);
  }
  for (const text of article.querySelectorAll('svg g.node text, svg g.label text')) {
    const node = text.closest('g.node');
    const shape = node && node.querySelector('rect, polygon, circle, ellipse, path');
    if (!shape || !(text.textContent || '').trim()) continue;
    const t = text.getBoundingClientRect(), b = shape.getBoundingClientRect();
    if (t.width > b.width + 1.5) add('text-cut', text, `diagram label ${Math.round(t.width)} px wide in a shape of ${Math.round(b.width)} px`);
  }

  // A page wider than the phone.
  if (!opts.desktop) {
    const width = document.documentElement.clientWidth;
    const page = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (page > width + 1) {
      const culprits = [...document.body.querySelectorAll('*')].filter(el => {
        const r = el.getBoundingClientRect();
        if (r.right <= width + 1 || !shown(el)) return false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const ps = getComputedStyle(p);
          if (ps.overflowX !== 'visible' || ps.position === 'fixed') return false;
        }
        return getComputedStyle(el).position !== 'fixed';
      }).slice(0, 3).map(describe);
      add('wider-than-phone', null, `page ${page} px wide on a ${width} px screen; widest: ${culprits.join('; ')}`);
    }
  }

  // Bulleted items that begin with a number: steps that should be an ordered list.
  for (const li of article.querySelectorAll('ul > li')) {
    if (li.closest('nav, .md-nav, .md-search')) continue;
    const text = (li.textContent || '').trim();
    if (/^\d+[.)]\s/.test(text) && shown(li)) add('numbered-bullet', li, 'a bullet that begins with a number');
  }

  // Tooling words in the article of a reader's page.
  if (opts.checkWords) {
    // A file name of the subject (cassandra.yaml) is not our tooling: no word right after a dot.
    const pattern = new RegExp('(?<!\\.)\\b(' + opts.words.map(w => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|') + ')\\b', 'i');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const host = node.parentElement;
      if (!host || host.closest('script, style, template') || seen.has(host)) continue;
      const m = pattern.exec(node.textContent);
      if (m && shown(host)) { seen.add(host); add('tooling-word', host, `"${m[0]}"`); }
    }
    for (const code of article.querySelectorAll('code')) {
      if (/^\s*make\s+\S/.test(code.textContent) && !seen.has(code)) add('tooling-word', code, `"${code.textContent.trim().slice(0, 30)}"`);
    }
    for (const el of article.querySelectorAll('[title], [aria-label], img[alt]')) {
      const m = pattern.exec([el.title, el.getAttribute('aria-label'), el.getAttribute('alt')].join(' '));
      if (m) add('tooling-word', el, `"${m[0]}" in an attribute`);
    }
  }

  // Links the primary sidebar shows.
  const sidebar = document.querySelector('.md-sidebar--primary');
  if (sidebar && shown(sidebar)) {
    const links = [...sidebar.querySelectorAll('a[href]')].filter(a => {
      if (!shown(a)) return false;
      const r = a.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) return false;
      for (let p = a.parentElement; p && p !== sidebar; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if ((ps.overflowY !== 'visible' || ps.overflowX !== 'visible') && p.clientHeight < 1) return false;
      }
      return true;
    });
    if (links.length > opts.maxLinks) add('sidebar-links', sidebar, `${links.length} links (at most ${opts.maxLinks})`);
  }
  return found;
})
