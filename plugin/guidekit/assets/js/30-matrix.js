/* guidekit comparison matrix: filter, facets, sort, columns, compare; the view lives in the URL.
   Rows are read once into records and kept detached: only the first `limit` matches are in the
   DOM, so a keystroke costs the same on 50 rows as on 5,000. */
(function () {
  'use strict';
  var PAGE = 200;
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  function norm(s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  function map() { return Object.create(null); }
  function all(el, sel) { return Array.prototype.slice.call(el.querySelectorAll(sel)); }
  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }
  function copyInto(from, to) {
    if (from) for (var n = from.firstChild; n; n = n.nextSibling) to.appendChild(n.cloneNode(true));
    return to;
  }

  GK.register('matrix', function (root) {
    var table = root.querySelector('[data-gk-table]');
    var body = table.tBodies[0];
    var scroll = table.parentNode;
    var input = root.querySelector('[data-gk-filter]');
    var status = root.querySelector('[data-gk-status]');
    var cmpBtn = root.querySelector('[data-gk-action=compare]');
    var region = root.querySelector('[data-gk-compare]');
    var param = GK.url.param('matrix', root);
    var heads = map(), cols = [], facets = map(), toggles = map(), byId = map(), defHidden = map();
    var st, limit = PAGE, shown = [], orders = map(), timer = 0;

    all(table.tHead, 'th[data-gk-col]').forEach(function (th) {
      var id = th.getAttribute('data-gk-col');
      cols.push(id);
      heads[id] = { th: th, label: th.textContent.trim(), type: th.getAttribute('data-gk-sort-type') };
      if (th.hasAttribute('data-gk-hidden')) defHidden[id] = true;
    });
    var recs = all(body, 'tr[data-gk-row]').map(function (tr) {
      var r = { el: tr, id: tr.getAttribute('data-gk-row'), c: map(), k: map(), f: map() };
      var parts = [];
      for (var i = 0; i < tr.cells.length; i++) {
        var cell = tr.cells[i], col = cell.getAttribute('data-gk-col');
        if (!col) { r.box = cell.querySelector('[data-gk-select]'); cell.hidden = false; continue; }
        r.c[col] = cell;
        parts.push(cell.textContent);
        var s = cell.getAttribute('data-sort'), f = cell.getAttribute('data-facet');
        if (s !== null) r.k[col] = parseFloat(s);
        if (f !== null) r.f[col] = f;
      }
      r.t = norm(parts.join('\n'));
      byId[r.id] = r;
      return r;
    });
    var first = recs[0] && recs[0].el.querySelector('th[data-gk-col]');
    var header = first ? first.getAttribute('data-gk-col') : cols[0];
    body.replaceChildren();

    all(root, '[data-gk-facet]').forEach(function (fs) {
      var m = facets[fs.getAttribute('data-gk-facet')] = { box: map(), n: map() };
      all(fs, '[data-gk-facet-value]').forEach(function (b) { m.box[b.value] = b; });
      all(fs, '[data-gk-count]').forEach(function (s) { m.n[s.getAttribute('data-gk-count')] = s; });
    });
    all(root, '[data-gk-column-toggle]').forEach(function (b) { toggles[b.value] = b; });

    cols.forEach(function (col) {
      var h = heads[col];
      if (h.type === 'none') return;
      var b = h.btn = make('button', 'gk-sort');
      b.type = 'button';
      while (h.th.firstChild) b.appendChild(h.th.firstChild);
      h.th.appendChild(b);
      b.addEventListener('click', function () {
        st.d = st.s === col ? -st.d : 1;
        st.s = col;
        run(true);
      });
    });

    var more = make('button', 'md-button gk-matrix__more');
    more.type = 'button';
    more.hidden = true;
    scroll.parentNode.insertBefore(more, scroll.nextSibling);
    more.addEventListener('click', function () { limit += PAGE; run(); });

    /* ---- state <-> URL: one parameter holding a small query string (q, f.<col>, s, h, r, c) */
    function blank() { return { q: '', f: map(), s: null, d: 1, h: Object.assign(map(), defHidden), sel: map(), c: false }; }
    function restore(raw) {
      st = blank();
      if (!raw) return;
      var p = new URLSearchParams(raw), hid = map();
      st.q = (p.get('q') || '').slice(0, 300);
      p.forEach(function (v, k) {
        var col = k.slice(2);
        if (k.slice(0, 2) === 'f.' && facets[col] && facets[col].box[v]) (st.f[col] = st.f[col] || map())[v] = true;
        else if (k === 'h' && heads[v] && v !== header) hid[v] = true;
        else if (k === 'r' && byId[v]) st.sel[v] = true;
      });
      if (p.has('h')) st.h = hid;
      var s = p.get('s') || '', d = s.charAt(0) === '-' ? -1 : 1;
      s = d < 0 ? s.slice(1) : s;
      if (heads[s] && heads[s].btn) { st.s = s; st.d = d; }
      st.c = p.get('c') === '1';
    }
    function serialize() {
      var p = new URLSearchParams();
      if (st.q) p.set('q', st.q);
      for (var col in facets) for (var v in facets[col].box) if (st.f[col] && st.f[col][v]) p.append('f.' + col, v);
      if (st.s) p.set('s', (st.d < 0 ? '-' : '') + st.s);
      var hid = cols.filter(function (c) { return st.h[c]; });
      if (hid.join() !== Object.keys(defHidden).join()) {
        if (hid.length) hid.forEach(function (c) { p.append('h', c); }); else p.set('h', '');
      }
      recs.forEach(function (r) { if (st.sel[r.id]) p.append('r', r.id); });
      if (st.c) p.set('c', '1');
      return p.toString();
    }
    function flush() {
      clearTimeout(timer);
      if (root.isConnected) GK.url.replace(param, serialize());
    }
    function save() { clearTimeout(timer); timer = setTimeout(flush, 250); }

    /* ---- the view */
    function order() {
      var col = st.s, d = st.d, key = col + d;
      if (!col) return recs;
      if (!orders[key]) {
        var num = recs.some(function (r) { return col in r.k; });
        var ks = recs.map(function (r) {
          var c = r.c[col];
          return num ? r.k[col] : c ? c.textContent.trim() : '';
        });
        var idx = recs.map(function (r, i) { return i; });
        idx.sort(function (a, b) {
          var x = ks[a], y = ks[b];
          var ex = x === undefined || x === '' || x !== x, ey = y === undefined || y === '' || y !== y;
          if (ex || ey) return ex - ey || a - b;
          return (num ? x - y : collator.compare(x, y)) * d || a - b;
        });
        orders[key] = idx.map(function (i) { return recs[i]; });
      }
      return orders[key];
    }

    function run(reset) {
      if (reset) limit = PAGE;
      var terms = norm(st.q).split(/\s+/).filter(Boolean);
      var active = Object.keys(st.f).filter(function (c) { return Object.keys(st.f[c]).length; });
      var counts = map(), out = [];
      for (var c in facets) counts[c] = map();
      order().forEach(function (r) {
        for (var i = 0; i < terms.length; i++) if (r.t.indexOf(terms[i]) < 0) return;
        var miss = 0, missed;
        for (i = 0; i < active.length; i++) {
          if (!st.f[active[i]][r.f[active[i]]]) { miss++; missed = active[i]; }
        }
        if (miss === 1) counts[missed][r.f[missed]] = (counts[missed][r.f[missed]] || 0) + 1;
        if (miss) return;
        for (var col in facets) {
          var v = r.f[col];
          if (v !== undefined) counts[col][v] = (counts[col][v] || 0) + 1;
        }
        out.push(r);
      });
      for (c in facets) {
        for (var v in facets[c].n) {
          var n = String(counts[c][v] || 0), span = facets[c].n[v];
          if (span.textContent !== n) span.textContent = n;
          span.parentNode.classList.toggle('gk-zero', n === '0');
        }
      }
      var next = out.slice(0, limit);
      if (next.length !== shown.length || next.some(function (r, i) { return r !== shown[i]; })) {
        var frag = document.createDocumentFragment();
        next.forEach(function (r) { frag.appendChild(r.el); });
        body.replaceChildren(frag);
        shown = next;
      }
      more.hidden = out.length <= limit;
      more.textContent = 'Show more (' + (out.length - next.length) + ' left)';
      GK.say(status, out.length + ' of ' + recs.length + ' rows' +
        (out.length > next.length ? ', showing the first ' + next.length : ''));
      cols.forEach(function (col) {
        var h = heads[col];
        var sort = st.s !== col ? 'none' : st.d > 0 ? 'ascending' : 'descending';
        if (h.btn && h.th.getAttribute('aria-sort') !== sort) h.th.setAttribute('aria-sort', sort);
      });
      save();
    }

    function columns() {
      cols.forEach(function (col) {
        var hide = !!st.h[col], h = heads[col];
        if (toggles[col]) toggles[col].checked = !hide;
        if (h.hid === hide) return;
        h.hid = h.th.hidden = hide;
        recs.forEach(function (r) { if (r.c[col]) r.c[col].hidden = hide; });
      });
    }

    function selection() {
      var n = 0;
      recs.forEach(function (r) { if (r.box) { r.box.checked = !!st.sel[r.id]; n += r.box.checked; } });
      cmpBtn.disabled = !n;
      cmpBtn.textContent = 'Compare selected' + (n ? ' (' + n + ')' : '');
    }

    function compare(focus) {
      var chosen = recs.filter(function (r) { return st.sel[r.id]; });
      region.replaceChildren();
      region.hidden = !(st.c = st.c && chosen.length > 0);
      if (!st.c) return;
      var t = make('table', 'gk-compare__table'), head = t.createTHead().insertRow(), tb = t.createTBody();
      t.createCaption().textContent = 'Comparing ' + chosen.length + ' selected row' + (chosen.length > 1 ? 's' : '');
      head.appendChild(make('td'));
      chosen.forEach(function (r) { copyInto(r.c[header], head.appendChild(make('th'))).scope = 'col'; });
      cols.forEach(function (col) {
        if (col === header || st.h[col]) return;
        var tr = tb.insertRow(), th = tr.appendChild(make('th', '', heads[col].label));
        th.scope = 'row';
        chosen.forEach(function (r) { copyInto(r.c[col], tr.insertCell()); });
      });
      var close = make('button', 'md-button gk-compare__close', 'Close comparison');
      close.type = 'button';
      close.addEventListener('click', function () { st.c = false; compare(); cmpBtn.focus(); save(); });
      var wrap = make('div', 'gk-compare__scroll');
      wrap.appendChild(t);
      region.append(close, wrap);
      if (focus) region.focus();
    }

    /* ---- events */
    input.addEventListener('input', function () { st.q = input.value; run(true); });
    root.addEventListener('change', function (e) {
      var b = e.target, fs = b.closest('[data-gk-facet]'), tr = b.closest('tr[data-gk-row]');
      if (fs && b.hasAttribute('data-gk-facet-value')) {
        var f = st.f[fs.getAttribute('data-gk-facet')] = st.f[fs.getAttribute('data-gk-facet')] || map();
        if (b.checked) f[b.value] = true; else delete f[b.value];
        run(true);
      } else if (b.hasAttribute('data-gk-column-toggle')) {
        st.h[b.value] = !b.checked && b.value !== header;
        columns();
        compare();
        save();
      } else if (tr && b.hasAttribute('data-gk-select')) {
        if (b.checked) st.sel[tr.getAttribute('data-gk-row')] = true; else delete st.sel[tr.getAttribute('data-gk-row')];
        selection();
        compare();
        save();
      }
    });
    root.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('[data-gk-action]');
      if (!a) return;
      var act = a.getAttribute('data-gk-action');
      if (act === 'compare') { st.c = true; compare(true); save(); }
      if (act === 'clear') {
        st.q = input.value = '';
        st.f = map();
        for (var c in facets) for (var v in facets[c].box) facets[c].box[v].checked = false;
        run(true);
      }
      if (act === 'share') { flush(); GK.copy(window.location.href, status, 'Link to this view'); }
    });

    /* ---- start: restore the URL's view (validated), reveal the controls, show the rows */
    try { restore(GK.url.get(param)); } catch (e) { restore(''); }
    input.value = st.q;
    for (var c in facets) for (var v in facets[c].box) facets[c].box[v].checked = !!(st.f[c] && st.f[c][v]);
    table.tHead.querySelector('[data-gk-select-col]').hidden = false;
    root.querySelector('[data-gk-controls]').hidden = false;
    root.classList.add('gk-on');
    region.setAttribute('role', 'region');
    region.setAttribute('aria-label', 'Comparison of the selected rows');
    columns();
    selection();
    run(true);
    compare();
    /* A link to a row beyond the window (#<table>-<row>) widens the window to reach it. */
    var hash = window.location.hash.slice(1), target = null;
    try { hash = decodeURIComponent(hash); } catch (e) { /* keep it raw */ }
    recs.forEach(function (r) { if (hash && r.el.id === hash) target = r; });
    if (target && shown.indexOf(target) < 0) {
      limit = Math.max(limit, order().indexOf(target) + 1);
      run();
      if (target.el.isConnected) target.el.scrollIntoView();
    }
  });
})();
