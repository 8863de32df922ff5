/* guidekit matrix: filter, facets, sort, columns, compare; the whole view lives in the URL.
   Rows are read once and kept detached: only the first `limit` matches are in the DOM. */
(() => {
  'use strict';
  const PAGE = 50;
  const coll = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const norm = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const map = () => Object.create(null);
  const all = (el, sel) => [...el.querySelectorAll(sel)];
  const some = (m) => Object.values(m || {}).some(Boolean);
  const make = (tag, text) => { const el = document.createElement(tag); el.textContent = text || ''; return el; };
  const fill = (to, from) => { from.childNodes.forEach((n) => to.appendChild(n.cloneNode(true))); return to; };

  GK.register('matrix', (root) => {
    const $ = (sel) => root.querySelector(sel);
    const table = $('[data-gk-table]'), body = table.tBodies[0], box = table.parentNode;
    const input = $('[data-gk-filter]'), status = $('[data-gk-status]'), cmp = $('[data-gk-action=compare]');
    const region = $('[data-gk-compare]'), more = $('[data-gk-more]'), param = GK.url.param('matrix', root);
    const empty = $('[data-gk-empty]'), fold = $('[data-gk-action=filters]');
    const cols = [], by = map(), byRow = map(), hid0 = map(), orders = map();
    let st, limit, shown = [], timer;

    all(table.tHead, 'th[data-gk-col]').forEach((th, i) => {
      const c = { id: th.getAttribute('data-gk-col'), i, th, label: th.textContent.trim() };
      const type = th.getAttribute('data-gk-sort-type');
      c.num = type !== 'text' && type !== 'none';
      if (type !== 'none') {
        const b = c.btn = make('button');
        b.type = 'button';
        b.className = 'gk-sort';
        b.append(...th.childNodes);
        th.append(b);
        b.addEventListener('click', () => { st.d = st.s === c.id ? -st.d : 1; st.s = c.id; run(1); });
      }
      if (th.hasAttribute('data-gk-hidden')) hid0[c.id] = 1;
      cols.push(by[c.id] = c);
    });
    all(root, '[data-gk-facet]').forEach((fs) => {
      const c = by[fs.getAttribute('data-gk-facet')];
      if (!c) return;
      c.box = map();
      c.n = map();
      all(fs, '[data-gk-facet-value]').forEach((b) => { c.box[b.value] = b; });
      all(fs, '[data-gk-count]').forEach((s) => { c.n[s.getAttribute('data-gk-count')] = s; });
    });
    all(root, '[data-gk-column-toggle]').forEach((b) => { if (by[b.value]) by[b.value].toggle = b; });
    const facets = cols.filter((c) => c.box);
    const header = cols.find((c) => c.toggle && c.toggle.disabled) || cols[0];

    /* Records: normalised text of all cells, numeric sort keys, facet values (by column). */
    const recs = all(body, 'tr[data-gk-row]').map((tr) => {
      const c = [...tr.cells].slice(tr.cells.length - cols.length);
      const r = { el: tr, id: tr.getAttribute('data-gk-row'), c, k: [], f: [] };
      r.t = norm(c.map((td) => td.textContent).join('\n'));
      cols.forEach((col, i) => {
        if (col.num) r.k[i] = parseFloat(c[i].getAttribute('data-sort'));
        if (col.box) r.f[i] = c[i].getAttribute('data-facet') || '';
      });
      return (byRow[r.id] = r);
    });
    body.replaceChildren();
    recs.forEach((r) => { if (r.el.cells.length > cols.length) r.box = r.el.cells[0].firstElementChild; });

    /* ---- state <-> URL: one parameter holding a query string: q, f.<col>, s, h, r, c */
    const restore = (raw) => {
      const p = new URLSearchParams(raw || ''), h = map();
      let seen;
      st = { q: (p.get('q') || '').slice(0, 300), f: map(), s: null, d: 1, h: Object.assign(map(), hid0), sel: map() };
      p.forEach((v, k) => {
        const c = by[k.slice(2)];
        if (k.startsWith('f.') && c && c.box && c.box[v]) (st.f[c.id] = st.f[c.id] || map())[v] = 1;
        else if (k === 'h' && (!v || (by[v] && by[v] !== header))) seen = h[v] = 1;
        else if (k === 'r' && byRow[v]) st.sel[v] = 1;
      });
      if (seen) st.h = h;
      const s = p.get('s') || '', d = s[0] === '-' ? -1 : 1, c = by[d < 0 ? s.slice(1) : s];
      if (c && c.btn) { st.s = c.id; st.d = d; }
      st.c = p.get('c') === '1';
    };
    const serialize = () => {
      const p = new URLSearchParams(), h = cols.filter((c) => st.h[c.id]).map((c) => c.id);
      if (st.q) p.set('q', st.q);
      facets.forEach((c) => { for (const v in c.box) if (st.f[c.id] && st.f[c.id][v]) p.append('f.' + c.id, v); });
      if (st.s) p.set('s', (st.d < 0 ? '-' : '') + st.s);
      if (h.join() !== Object.keys(hid0).join()) {
        if (!h.length) p.set('h', '');
        h.forEach((id) => p.append('h', id));
      }
      recs.forEach((r) => { if (st.sel[r.id]) p.append('r', r.id); });
      if (st.c) p.set('c', '1');
      return p.toString();
    };
    const flush = () => { clearTimeout(timer); if (root.isConnected) GK.url.replace(param, serialize()); };
    const save = () => { clearTimeout(timer); timer = setTimeout(flush, 250); };

    /* ---- the view */
    const order = () => {
      const c = by[st.s], d = st.d, key = st.s + d;
      if (!c) return recs;
      if (!orders[key]) {
        const ks = recs.map((r) => (c.num ? r.k[c.i] : r.c[c.i].textContent.trim()));
        const gap = (x) => x === '' || x !== x; // no key: after the others, in both directions
        orders[key] = recs.map((r, i) => i).sort((a, b) => {
          const x = ks[a], y = ks[b];
          return gap(x) || gap(y) ? gap(x) - gap(y) || a - b : (c.num ? x - y : coll.compare(x, y)) * d || a - b;
        }).map((i) => recs[i]);
      }
      return orders[key];
    };

    const run = (reset) => {
      if (reset) limit = PAGE;
      const terms = norm(st.q).split(/\s+/).filter(Boolean), act = facets.filter((c) => some(st.f[c.id]));
      const out = [], counts = facets.map(map);
      const count = (j, r) => { const v = r.f[facets[j].i]; counts[j][v] = (counts[j][v] || 0) + 1; };
      order().forEach((r) => {
        if (!terms.every((t) => r.t.includes(t))) return;
        let miss = 0, missed;
        act.forEach((c) => { if (!st.f[c.id][r.f[c.i]]) { miss++; missed = c; } });
        if (miss === 1) count(facets.indexOf(missed), r);
        if (miss) return;
        facets.forEach((c, j) => count(j, r));
        out.push(r);
      });
      facets.forEach((c, j) => {
        for (const v in c.n) {
          const n = String(counts[j][v] || 0);
          if (c.n[v].textContent !== n) c.n[v].textContent = n;
          c.n[v].parentNode.classList.toggle('gk-zero', n === '0');
        }
      });
      const next = out.slice(0, limit);
      if (next.length !== shown.length || next.some((r, i) => r !== shown[i])) {
        const frag = document.createDocumentFragment();
        frag.append(...next.map((r) => r.el));
        body.replaceChildren(frag);
        shown = next;
      }
      more.hidden = out.length <= limit;
      empty.hidden = out.length > 0;
      const active = act.length + (terms.length ? 1 : 0);
      fold.textContent = active ? GK.t('matrix.filters_n', { count: active }) : GK.t('matrix.filters');
      more.textContent = GK.t('matrix.show_more', { left: out.length - next.length });
      GK.say(status, more.hidden ? GK.t('matrix.status', { shown: out.length, total: recs.length })
        : GK.t('matrix.status_first', { shown: out.length, total: recs.length, first: next.length }));
      cols.forEach((c) => {
        const sort = st.s !== c.id ? 'none' : st.d > 0 ? 'ascending' : 'descending';
        if (c.btn && c.th.getAttribute('aria-sort') !== sort) c.th.setAttribute('aria-sort', sort);
      });
      save();
    };

    const columns = () => cols.forEach((c) => {
      const hide = !!st.h[c.id];
      if (c.toggle) c.toggle.checked = !hide;
      if (c.hid === hide) return;
      c.hid = c.th.hidden = hide;
      recs.forEach((r) => { r.c[c.i].hidden = hide; });
    });

    const selection = () => {
      let n = 0;
      recs.forEach((r) => { if (r.box) n += r.box.checked = !!st.sel[r.id]; });
      cmp.disabled = !n;
      cmp.textContent = n ? GK.t('matrix.compare_n', { count: n }) : GK.t('matrix.compare');
    };

    /* Selected rows side by side: one column per row, one row per visible column. */
    const compare = (focus) => {
      const chosen = recs.filter((r) => st.sel[r.id]);
      region.replaceChildren();
      region.hidden = !(st.c = st.c && chosen.length > 0);
      if (!st.c) return;
      const t = make('table'), head = t.createTHead().insertRow(), tb = t.createTBody();
      const close = make('button', GK.t('matrix.close_comparison')), bar = make('div'), wrap = make('div');
      t.createCaption().textContent = GK.t('matrix.comparing', { count: chosen.length });
      head.append(make('td'));
      chosen.forEach((r) => { head.append(fill(make('th'), r.c[header.i])); });
      cols.forEach((c) => {
        if (c === header || st.h[c.id]) return;
        const tr = tb.insertRow();
        tr.append(make('th', c.label));
        tr.cells[0].scope = 'row';
        chosen.forEach((r) => fill(tr.insertCell(), r.c[c.i]));
      });
      head.querySelectorAll('th').forEach((th) => { th.scope = 'col'; });
      close.type = 'button';
      close.className = 'md-button';
      close.addEventListener('click', () => { st.c = false; compare(); cmp.focus(); save(); });
      bar.className = 'gk-toolbar';
      bar.append(close);
      wrap.className = 'gk-compare__scroll';
      wrap.append(t);
      region.append(bar, wrap);
      if (focus) region.focus();
    };

    /* ---- events */
    input.addEventListener('input', () => { st.q = input.value; run(1); });
    root.addEventListener('change', (e) => {
      const b = e.target, c = by[b.value], fs = b.closest('[data-gk-facet]'), tr = b.closest('tr');
      if (fs && b.hasAttribute('data-gk-facet-value')) {
        const id = fs.getAttribute('data-gk-facet');
        (st.f[id] = st.f[id] || map())[b.value] = b.checked;
        return run(1);
      }
      if (c && b === c.toggle) { st.h[c.id] = !b.checked && c !== header; columns(); }
      else if (tr && b.hasAttribute('data-gk-select')) { st.sel[tr.getAttribute('data-gk-row')] = b.checked; selection(); }
      else return;
      compare();
      save();
    });
    root.addEventListener('click', (e) => {
      const a = e.target.closest('[data-gk-action],[data-gk-more]');
      const act = a && (a.getAttribute('data-gk-action') || 'more');
      if (act === 'more') { limit += PAGE * 4; run(); }
      if (act === 'compare') { st.c = true; compare(1); save(); }
      if (act === 'filters') {
        const open = fold.getAttribute('aria-expanded') !== 'true';
        fold.setAttribute('aria-expanded', String(open));
        $('.gk-matrix__filters').classList.toggle('gk-open', open);
      }
      if (act === 'share') { flush(); GK.copy(window.location.href, status, GK.t('matrix.what_link')); }
      if (act === 'clear') {
        st.q = input.value = '';
        st.f = map();
        facets.forEach((c) => { for (const v in c.box) c.box[v].checked = false; });
        run(1);
      }
    });
    const print = () => {
      if (!root.isConnected) return window.removeEventListener('beforeprint', print);
      limit = 1e9;
      run();
    };
    window.addEventListener('beforeprint', print);
    box.addEventListener('scroll', () => {
      if (!more.hidden && box.scrollTop + box.clientHeight > box.scrollHeight - 400) { limit += PAGE; run(); }
    }, { passive: true });

    /* ---- start: the URL's view (validated), then the controls and the first window */
    try { restore(GK.url.get(param)); } catch (e) { restore(''); }
    input.value = st.q;
    facets.forEach((c) => { for (const v in c.box) c.box[v].checked = !!(st.f[c.id] && st.f[c.id][v]); });
    root.classList.add('gk-on');
    columns();
    selection();
    run(1);
    compare();
    /* A link to a row beyond the window (#<table>-<row>) widens the window to reach it. */
    let hash = window.location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (e) { /* keep it as it is */ }
    const target = recs.find((r) => r.el.id === hash);
    if (target && !shown.includes(target)) {
      limit = Math.max(limit, order().indexOf(target) + 1);
      run();
      if (target.el.isConnected) target.el.scrollIntoView();
    }
  });
})();
