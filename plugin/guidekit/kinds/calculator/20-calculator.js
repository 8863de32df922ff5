/* guidekit calculator: live results from the compiled formulas (the site's, appended to this
   bundle), shown exactly as Python's units.format_value shows them (assets/shared/format.js).
   An invalid field keeps its last valid value; only the results that read it are marked
   stale. ?gk-calculator-<id>=name:value;... holds the inputs (kept in sync while typing),
   so a link or a reload restores them. */
(function () {
  'use strict';
  var fmt = GK.format, group = GK.group;

  /* What drills read (drill.parse_estimate, count suffixes): 1,500  2.5k  10M  3B  7e3. */
  var NUM = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)(k|m|mm|b|bn|g|t)?$/i;
  var SUFFIX = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9, g: 1e9, t: 1e12 };
  function number(text, list) {
    var m = NUM.exec(list ? text : text.replace(/[\s,_\u202f]/g, ''));
    return m ? +m[1] * (m[2] ? SUFFIX[m[2].toLowerCase()] : 1) : NaN;
  }
  function limit(el, name) {
    var a = el.getAttribute(name) || el.getAttribute('data-gk-' + name);
    return a === null || a === '' || isNaN(+a) ? null : +a;
  }
  /* The value of a field for raw text: {v, x (choice extras), t (canonical text)} or {e}. */
  function parse(el, raw) {
    var type = el.getAttribute('data-gk-type');
    raw = String(raw).trim();
    if (type === 'choice') {
      var o = /^\d+$/.test(raw) && el.options[+raw];
      if (!o) return { e: GK.t('calculator.choose_option') };
      var x = {};
      try { x = JSON.parse(o.getAttribute('data-gk-values') || '{}'); } catch (e) { x = {}; }
      return { v: +raw, x: x, t: raw };
    }
    var parts = type === 'list' ? raw.split(/[\s,;]+/).filter(Boolean) : [raw];
    if (!parts[0]) return { e: type === 'list' ? GK.t('calculator.enter_numbers') : GK.t('calculator.enter_number') };
    var lo = limit(el, 'min'), hi = limit(el, 'max'), nums = [];
    for (var i = 0; i < parts.length; i++) {
      var n = number(parts[i], type === 'list');
      if (!isFinite(n)) return { e: GK.t('calculator.not_a_number', { text: parts[i] }) };
      if (lo !== null && n < lo) return { e: GK.t('calculator.at_least', { min: group(lo, 10) }) };
      if (hi !== null && n > hi) return { e: GK.t('calculator.at_most', { max: group(hi, 10) }) };
      nums.push(n);
    }
    /* r: how the field was read, when the reader wrote it another way than plainly. */
    var r = parts.every(function (p, j) { return String(nums[j]) === p || group(nums[j], 10) === p; }) ? ''
      : nums.map(function (x) { return group(x, 10); }).join('; ');
    return { v: type === 'list' ? nums : nums[0], t: nums.join(','), r: r };
  }
  function text(el) { return el ? el.textContent.replace(/\s+/g, ' ').trim() : ''; }
  function cell(s) { return s.replace(/\|/g, '\\|'); }

  /* Inputs and results as two Markdown tables under a heading of level h (2: "##"). */
  function markdown(root, h) {
    var lines = [new Array(h + 1).join('#') + ' ' + (root.getAttribute('data-gk-title') || ''), '',
      '| ' + GK.t('calculator.md_input') + ' | ' + GK.t('calculator.md_value') + ' |', '| --- | --- |'];
    [].forEach.call(root.querySelectorAll('[data-gk-input]'), function (el) {
      var value = el.tagName === 'SELECT' ? text(el.options[el.selectedIndex]) : el.value.trim();
      lines.push('| ' + cell(text(root.querySelector('label[for="' + el.id + '"]'))) + ' | ' + cell(value) + ' |');
    });
    lines.push('', '| ' + GK.t('calculator.md_output') + ' | ' + GK.t('calculator.md_value') + ' |', '| --- | --- |');
    [].forEach.call(root.querySelectorAll('[data-gk-result]'), function (box) {
      lines.push('| ' + cell(text(box.querySelector('dt'))) + ' | ' + cell(text(box.querySelector('output'))) + ' |');
    });
    return lines.join('\n') + '\n';
  }
  GK.markdown = GK.markdown || {};
  GK.markdown.calculator = markdown;

  GK.register('calculator', function (root) {
    var formulas = (window.GuidekitFormulas || {})[root.getAttribute('data-gk-id')] || {};
    var fields = [].slice.call(root.querySelectorAll('[data-gk-input]'));
    var msg = root.querySelector('[data-gk-message]');
    var param = GK.url.param('calculator', root);
    var last = {}, timer = 0;
    function name(el) { return el.getAttribute('data-gk-input'); }
    function current(el) { return el.tagName === 'SELECT' ? String(el.selectedIndex) : el.value; }
    function put(el, raw) { if (el.tagName === 'SELECT') el.selectedIndex = +raw; else el.value = raw; }

    fields.forEach(function (el) {
      var d = parse(el, el.getAttribute('data-gk-default'));
      last[name(el)] = d.e ? { v: NaN, x: {}, t: '' } : d;
    });

    var shared = GK.url.get(param);
    if (shared !== null) {
      var ignored = 0;
      shared.split(';').forEach(function (pair) {
        var at = pair.indexOf(':'), key = pair.slice(0, at), raw = pair.slice(at + 1);
        var el = at > 0 && fields.filter(function (f) { return name(f) === key; })[0];
        var r = el && parse(el, raw);
        if (el && GK.changed(el)) return; // what the reader typed before we started wins
        if (r && !r.e) put(el, r.t.replace(/,/g, ', ')); else if (pair) ignored++;
      });
      if (ignored) GK.say(msg, GK.t('calculator.link_ignored', { count: ignored }));
    }

    function serialize() {
      return fields.map(function (el) { return name(el) + ':' + last[name(el)].t; }).join(';');
    }

    function compute(sync) {
      var v = {}, bad = {}, any = false, said = [];
      fields.forEach(function (el) {
        var n = name(el), r = parse(el, current(el)), err = (el.closest('[data-gk-field]') || root).querySelector('[data-gk-error]');
        if (r.e) { bad[n] = any = true; } else last[n] = r;
        if (err) err.textContent = r.e || '';
        var read = (el.closest('[data-gk-field]') || root).querySelector('[data-gk-read]');
        if (read) read.textContent = r.r ? GK.t('calculator.read_as', { value: r.r }) : '';
        if (r.e) el.setAttribute('aria-invalid', 'true'); else el.removeAttribute('aria-invalid');
        var ok = last[n];
        v[n] = ok.v;
        for (var k in ok.x) {
          v[n + '_' + k] = +ok.x[k];
          if (r.e) bad[n + '_' + k] = true;
        }
      });
      Object.keys(formulas).forEach(function (k) {
        var r, view = new Proxy(v, { get: function (t, p) { if (bad[p]) bad[k] = true; return t[p]; } });
        try { r = +formulas[k](view); } catch (e) { r = NaN; }
        v[k] = r;
        var out = root.querySelector('[data-gk-output="' + k + '"]');
        if (!out) return;
        var shown = fmt(r, out.getAttribute('data-format'), out.getAttribute('data-unit') || '',
          +(out.getAttribute('data-decimals') || 2), out.hasAttribute('data-fixed'));
        if (out.textContent !== shown) out.textContent = shown;
        out.setAttribute('data-value', String(r));
        var box = out.closest('[data-gk-result]') || out;
        var label = box.querySelector('dt');
        if (bad[k]) {
          box.setAttribute('data-gk-stale', '');
          /* The words after the label (CSS shows them): the site's language, not the stylesheet's. */
          if (label) label.setAttribute('data-gk-note', GK.t('calculator.stale'));
        } else box.removeAttribute('data-gk-stale');
        said.push(text(label) + ': ' + shown);
      });
      if (!sync) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        GK.say(root.querySelector('[data-gk-status]'), any
          ? GK.t('calculator.fix_field') : said.join('. ') + '.');
        GK.url.replace(param, sync === 'reset' ? null : serialize());
      }, 600);
    }

    root.addEventListener('input', function (e) { if (e.target.hasAttribute('data-gk-input')) compute(true); });
    root.addEventListener('submit', function (e) { e.preventDefault(); });

    var controls = root.querySelector('[data-gk-controls]');
    if (controls) {
      controls.addEventListener('click', function (e) {
        var t = e.target.closest('[data-gk-action]'), action = t && t.getAttribute('data-gk-action');
        if (action === 'reset') {
          fields.forEach(function (el) { put(el, el.getAttribute('data-gk-default')); });
          compute('reset');
          GK.say(msg, GK.t('calculator.reset_done'));
        } else if (action === 'share') {
          GK.copy(GK.url.build(param, serialize()), msg, GK.t('core.share_link'));
        } else if (action === 'export') {
          GK.copy(markdown(root, 2), msg, GK.t('calculator.what_results'));
        }
        if (action) { controls.open = false; controls.querySelector('summary').focus(); }
      });
      controls.addEventListener('keydown', function (e) {
        if (e.key === 'Escape' && controls.open) { controls.open = false; controls.querySelector('summary').focus(); }
      });
    }
    // Read the fields as they are now, not only on later input events: a reader may have
    // typed before this script started (slow network, instant navigation). With nothing
    // typed and no link, the page shows the build's results for its defaults already: the
    // formulas are not run again (a chapter with ten calculators starts in one short task).
    var typed = fields.some(GK.changed);
    if (typed || shared !== null) compute(typed);
  });
})();
