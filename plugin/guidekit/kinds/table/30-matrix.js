/* guidekit matrix: filter, facets, sort, columns, compare; the whole view lives in the URL.
   Rows are read once and kept detached: only the first `limit` matches are in the DOM. */
(() => {
  'use strict';
  const coll = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const norm = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const map = () => Object.create(null);
  const all = (el, sel) => [...el.querySelectorAll(sel)];
  const some = (m) => Object.values(m || {}).some(Boolean);
  const make = (tag, text) => { const el = document.createElement(tag); el.textContent = text || ''; return el; };
  const fill = (to, from) => { from.childNodes.forEach((n) => to.appendChild(n.cloneNode(true))); return to; };

  GK.register('matrix', (root) => {
    const $ = (sel) => root.querySelector(sel);
    const table = $('[data-gk-table]'), box = table.parentNode;
    const body = table.tBodies[0];
    const input = $('[data-gk-filter]'), status = $('[data-gk-status]'), cmp = $('[data-gk-action=compare]');
    const region = $('[data-gk-compare]'), more = $('[data-gk-more]'), param = GK.url.param('matrix', root);
    const empty = $('[data-gk-empty]'), fold = $('[data-gk-action=filters]');
    /* The build wrote the page showing this many rows (view.py, FIRST_ROWS). */
    const PAGE = +root.getAttribute('data-gk-first') || 50;
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
        b.addEventListener('click', () => { st.d = st.s === c.id ? -st.d : 1; st.s = c.id; run(1, 1); });
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
      /* Each value by number: a keystroke counts into arrays, not into keys by name. The
         last number is for any value the facet offers no box for. */
      c.vals = Object.keys(c.box);
      c.at = map();
      c.vals.forEach((v, k) => { c.at[v] = k; });
    });
    all(root, '[data-gk-column-toggle]').forEach((b) => { if (by[b.value]) by[b.value].toggle = b; });
    const facets = cols.filter((c) => c.box);
    const header = cols.find((c) => c.toggle && c.toggle.disabled) || cols[0];

    /* Records. Starting reads only each row's element and id; the rest (cells, search text,
       sort keys, facet values) is read in idle time after the first paint, or at once when a
       filter or sort needs it first. Cells take the column and selection state when a row is
       shown. The page was written showing the first PAGE rows (the others not laid out):
       those stay where they are, the others leave the DOM in one range. */
    const recs = all(body, 'tr[data-gk-row]').map((tr) => {
      const id = tr.getAttribute('data-gk-row');
      return (byRow[id] = { el: tr, id, v: -1 });
    });
    if (body.rows.length > PAGE) {
      const rest = document.createRange();
      rest.setStartBefore(body.rows[PAGE]);
      rest.setEndAfter(body.lastChild);
      rest.deleteContents();
    }
    shown = recs.slice(0, PAGE);
    /* Walking siblings: far cheaper than a row's cells collection, thousands of times. */
    const cellsOf = (r) => {
      if (!r.c) {
        const c = [];
        for (let td = r.el.firstElementChild; td; td = td.nextElementSibling) c.push(td);
        const extra = c.length - cols.length;
        r.box = extra > 0 ? c[0].firstElementChild : null;
        r.c = extra > 0 ? c.slice(extra) : c;
      }
      return r.c;
    };
    let indexed = 0;
    const read = (end) => {
      for (; indexed < end; indexed++) {
        const r = recs[indexed], c = cellsOf(r);
        /* The row's text in one read: the template writes its cells apart (whitespace
           between them) and a search term holds no space, so no term spans two cells. */
        r.t = norm(r.el.textContent);
        r.k = [];
        for (const col of cols) if (col.num) r.k[col.i] = parseFloat(c[col.i].getAttribute('data-sort'));
        /* r.g[j]: the number of the row's value in the j-th facet. */
        r.g = facets.map((col) => {
          const k = col.at[c[col.i].getAttribute('data-facet') || ''];
          return k === undefined ? col.vals.length : k;
        });
      }
    };
    const index = () => { if (indexed < recs.length) read(recs.length); };
    const later = (f) => (window.requestIdleCallback ? window.requestIdleCallback(f)
      : setTimeout(() => f({ timeRemaining: () => 10 }), 50));
    const onIdle = (deadline) => {
      if (!root.isConnected) return;
      while (indexed < recs.length && deadline.timeRemaining() > 3) read(Math.min(recs.length, indexed + 250));
      if (indexed < recs.length) later(onIdle);
    };

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
        index();
        const ks = recs.map((r) => (c.num ? r.k[c.i] : r.c[c.i].textContent.trim()));
        const gap = (x) => x === '' || x !== x; // no key: after the others, in both directions
        orders[key] = recs.map((r, i) => i).sort((a, b) => {
          const x = ks[a], y = ks[b];
          return gap(x) || gap(y) ? gap(x) - gap(y) || a - b : (c.num ? x - y : coll.compare(x, y)) * d || a - b;
        }).map((i) => recs[i]);
      }
      return orders[key];
    };

    /* A row about to be shown takes the current column and selection state (rows out of
       the DOM are left as they are: a change costs the shown rows only). */
    let ver = 0;
    const paint = (r) => {
      if (r.v === ver) return;
      r.v = ver;
      const c = cellsOf(r);
      for (const col of cols) { const hide = !!st.h[col.id]; if (c[col.i].hidden !== hide) c[col.i].hidden = hide; }
      if (r.box && r.box.checked !== !!st.sel[r.id]) r.box.checked = !!st.sel[r.id];
    };
    /* After a keystroke, a facet or a sort, the rows past the first NOW that come into the
       window wait one frame before they are laid out (`gk-matrix__later`: display: none):
       the reader sees the rows in view at once, and the keystroke pays for laying out those
       only. The scroll box shows about 15 rows at its 75vh. */
    const NOW = 20, held = new Set();
    let queued = false;
    const release = (el) => { held.delete(el); el.classList.remove('gk-matrix__later'); };
    const releaseAll = () => { queued = false; held.forEach(release); };
    const hold = (el) => {
      held.add(el);
      el.classList.add('gk-matrix__later');
      if (!queued) { queued = true; requestAnimationFrame(() => setTimeout(releaseAll, 0)); }
    };
    /* Moves only the rows that change place: rows kept keep their style and layout. */
    const place = (next, soon) => {
      const keep = new Set(next.map((r) => r.el));
      let at = body.firstElementChild;
      const drop = () => { const gone = at; at = at.nextElementSibling; gone.remove(); if (held.has(gone)) release(gone); };
      next.forEach((r, i) => {
        while (at && !keep.has(at)) drop();
        if (at === r.el) at = at.nextElementSibling;
        else { if (soon && i >= NOW) hold(r.el); body.insertBefore(r.el, at); }
        if ((!soon || i < NOW) && held.has(r.el)) release(r.el);
      });
      while (at) drop();
    };
    const put = (el, text) => { if (el.textContent !== text) el.textContent = text; };
    const show = (el, on) => { if (el.hidden === on) el.hidden = !on; };

    /* Filter and facet counts. Before the rows are read, nothing is filtered (a filter or a
       sort reads them first) and the counts on the page are the build's totals. Typing on
       narrows a search: when the query extends the last one (in the same order), only the
       rows that matched it are tested again, not every row. */
    let matched = null;  /* {q, order, rows}: the last query and the rows matching its words */
    /* Per row: its words tested one by one, then the active facets; a row the facets miss in
       one facet only still counts there (what ticking that value would show). Plain loops
       over numbers, as a keystroke may test every row (the table's style and layout after
       it cost more, see benchmarks/README.md). */
    const filter = (terms, act) => {
      const list = order();
      if (indexed < recs.length) return list;
      const q = terms.join(' ');
      const from = matched && matched.order === list && q.startsWith(matched.q) ? matched.rows : list;
      const hits = [], out = [], nt = terms.length, nf = facets.length, na = act.length;
      const counts = facets.map((c) => new Int32Array(c.vals.length + 1));
      const slot = act.map((c) => facets.indexOf(c));
      const want = act.map((c) => Uint8Array.from(c.vals, (v) => (st.f[c.id][v] ? 1 : 0)));
      for (let x = 0; x < from.length; x++) {
        const r = from[x], text = r.t;
        let t = 0;
        while (t < nt && text.includes(terms[t])) t++;
        if (t < nt) continue;
        hits.push(r);
        const g = r.g;
        let miss = 0, missed = -1;
        for (let a = 0; a < na; a++) if (!want[a][g[slot[a]]]) { miss++; missed = slot[a]; }
        if (miss === 1) counts[missed][g[missed]]++;
        if (miss) continue;
        for (let j = 0; j < nf; j++) counts[j][g[j]]++;
        out.push(r);
      }
      matched = { q, order: list, rows: hits };
      facets.forEach((c, j) => {
        for (const v in c.n) {
          const k = c.at[v], n = String(k === undefined ? 0 : counts[j][k]);
          put(c.n[v], n);
          c.n[v].parentNode.classList.toggle('gk-zero', n === '0');
        }
      });
      return out;
    };

    /* `soon`: the reader is waiting on this view (a keystroke, a facet, a sort), see NOW. */
    const run = (reset, soon) => {
      if (reset) limit = PAGE;
      const terms = norm(st.q).split(/\s+/).filter(Boolean), act = facets.filter((c) => some(st.f[c.id]));
      if (terms.length || act.length) index();
      const out = filter(terms, act), next = out.slice(0, limit);
      next.forEach(paint);
      if (next.length !== shown.length || next.some((r, i) => r !== shown[i])) {
        place(next, soon);
        shown = next;
      }
      show(more, out.length > limit);
      show(empty, !out.length);
      const active = act.length + (terms.length ? 1 : 0);
      put(fold, active ? GK.t('matrix.filters_n', { count: active }) : GK.t('matrix.filters'));
      put(more, GK.t('matrix.show_more', { left: out.length - next.length }));
      const said = more.hidden ? GK.t('matrix.status', { shown: out.length, total: recs.length })
        : GK.t('matrix.status_first', { shown: out.length, total: recs.length, first: next.length });
      if (status.textContent !== said) GK.say(status, said);
      cols.forEach((c) => {
        const sort = st.s !== c.id ? 'none' : st.d > 0 ? 'ascending' : 'descending';
        if (c.btn && c.th.getAttribute('aria-sort') !== sort) c.th.setAttribute('aria-sort', sort);
      });
      save();
    };

    const columns = () => {
      cols.forEach((c) => {
        const hide = !!st.h[c.id];
        if (c.toggle) c.toggle.checked = !hide;
        if (c.hid !== hide) c.hid = c.th.hidden = hide;
      });
      ver++;
      shown.forEach(paint);
    };

    const selection = () => {
      const n = Object.keys(st.sel).filter((id) => st.sel[id]).length;
      ver++;
      shown.forEach(paint);
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
      chosen.forEach((r) => { head.append(fill(make('th'), cellsOf(r)[header.i])); });
      cols.forEach((c) => {
        if (c === header || st.h[c.id]) return;
        const tr = tb.insertRow();
        tr.append(make('th', c.label));
        tr.cells[0].scope = 'row';
        chosen.forEach((r) => fill(tr.insertCell(), cellsOf(r)[c.i]));
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

    /* ---- column widths. Once laid out, the columns keep their widths while the rows change
       (typing, facets, sorting): a fixed table layout lays out the new rows only, instead of
       every cell again to find new widths (most of a keystroke on a long matrix), and the
       columns do not jump as the reader types. Measured again when the box's width or the
       visible columns change; let go on paper. Nothing is frozen while the box is not
       rendered (a closed tab): it is measured when it shows. */
    const heads = all(table.tHead, 'tr:first-child > th');
    let frozen = -1, printing = false;
    const freeze = () => {
      if (!root.isConnected) return;
      table.classList.remove('gk-matrix__fixed');
      table.style.width = '';
      heads.forEach((th) => { th.style.width = ''; });
      frozen = box.clientWidth;
      if (printing || !frozen) return;
      const sizes = heads.map((th) => th.getBoundingClientRect().width);
      table.style.width = table.getBoundingClientRect().width + 'px';
      heads.forEach((th, i) => { th.style.width = sizes[i] + 'px'; });
      table.classList.add('gk-matrix__fixed');
    };
    const resized = window.ResizeObserver && new ResizeObserver(() => {
      if (!root.isConnected) resized.disconnect();
      else if (box.clientWidth !== frozen) freeze();
    });

    /* ---- events */
    input.addEventListener('input', () => { st.q = input.value; run(1, 1); });
    root.addEventListener('change', (e) => {
      const b = e.target, c = by[b.value], fs = b.closest('[data-gk-facet]'), tr = b.closest('tr');
      if (fs && b.hasAttribute('data-gk-facet-value')) {
        const id = fs.getAttribute('data-gk-facet');
        (st.f[id] = st.f[id] || map())[b.value] = b.checked;
        return run(1, 1);
      }
      if (c && b === c.toggle) { st.h[c.id] = !b.checked && c !== header; columns(); freeze(); }
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
        run(1, 1);
      }
    });
    /* On paper: every row, at the widths the print styles give. */
    const paper = (e) => {
      if (!root.isConnected) return ['beforeprint', 'afterprint'].forEach((n) => window.removeEventListener(n, paper));
      printing = e.type === 'beforeprint';
      if (printing) {
        limit = 1e9;
        run();
        releaseAll();
      }
      freeze();
    };
    window.addEventListener('beforeprint', paper);
    window.addEventListener('afterprint', paper);
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
    /* The widths are frozen once the page is idle: starting stays one layout, and until then a
       keystroke lays the table out as it always did. */
    later(() => {
      freeze();
      if (resized) resized.observe(box);
      if (document.fonts && document.fonts.status !== 'loaded') document.fonts.ready.then(freeze);
    });
    if (indexed < recs.length) later(onIdle);
    /* A link to a row beyond the window (#<table>-<row>) widens the window to reach it. */
    let hash = window.location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (e) { /* keep it as it is */ }
    const target = hash && recs.find((r) => r.el.id === hash);
    if (target && !shown.includes(target)) {
      limit = Math.max(limit, order().indexOf(target) + 1);
      run();
      if (target.el.isConnected) target.el.scrollIntoView();
    }
  });
})();
