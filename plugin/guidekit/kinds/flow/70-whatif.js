/* guidekit what-if: a flow's end-to-end availability from the compiled model (GuidekitWhatif[id],
   set by the flow's items/flow/<id>.js: the formulas Python ran for the page). Editing an instance's
   availability, its replicas or a group's regions updates every figure, the weakest link in the
   table and in the diagram. ?gk-whatif-<flow>=a.<node>:<percent>;r.<node>:<count>;
   z.<node>:<count>;n.<group>:<count>;zone:<percent>;region:<percent> holds the values that
   differ from the defaults. */
(function () {
  'use strict';

  /* The weakest component: the step with the largest unavailability, the home region ('h',
     last in the shape) included; inside a region group, its least available component. Ties
     go to the first (composite.py, weakest). */
  function weakest(shape, v) {
    var worst = -1, pick = null, group = 0;
    shape.forEach(function (step) {
      var value = Array.isArray(step) ? v['g' + (++group)] : step === 'h' ? v.h : v['c' + step];
      if (1 - value > worst) { worst = 1 - value; pick = step; }
    });
    if (!Array.isArray(pick)) return pick;
    return pick.reduce(function (best, i) { return v['c' + i] < v['c' + best] ? i : best; });
  }

  GK.register('whatif', function (root) {
    var flow = root.getAttribute('data-gk-id');
    var formulas = (window.GuidekitWhatif || {})[flow];
    if (!formulas) return;
    var shape = JSON.parse(root.getAttribute('data-gk-shape') || '[]');
    var fields = [].slice.call(root.querySelectorAll('[data-gk-input]'));
    var diagramId = root.getAttribute('data-gk-diagram');
    var target = root.getAttribute('data-gk-target');
    var msg = root.querySelector('[data-gk-message]');
    var param = GK.url.param('whatif', root);
    var last = {}, timer = 0;
    function name(el) { return el.getAttribute('data-gk-input'); }
    function row(index) { return root.querySelector('[data-gk-index="' + index + '"]'); }
    function label(index) { var r = row(index); return r ? r.querySelector('[data-gk-name]').textContent : ''; }

    fields.forEach(function (el) { last[name(el)] = +el.getAttribute('data-gk-default'); });

    var shared = GK.url.get(param);
    if (shared !== null) {
      var ignored = 0;
      shared.split(';').forEach(function (pair) {
        var at = pair.indexOf(':'), key = pair.slice(0, at), raw = pair.slice(at + 1);
        var el = at > 0 && fields.filter(function (f) { return f.getAttribute('data-gk-key') === key; })[0];
        var r = el && GK.rangedValue(el, raw);
        if (el && GK.changed(el)) return; // the reader's own typing wins over the link
        if (r && !r.e) el.value = String(r.v); else if (pair) ignored++;
      });
      if (ignored) GK.say(msg, GK.t('whatif.link_ignored', { count: ignored }));
    }

    function serialize() {
      return fields.filter(function (el) { return last[name(el)] !== +el.getAttribute('data-gk-default'); })
        .map(function (el) { return el.getAttribute('data-gk-key') + ':' + last[name(el)]; }).join(';');
    }

    /* Availabilities are cut, not rounded (whatif.py, nines_floor): never a false 100%. */
    function show(key, value, scale) {
      var out = root.querySelector('[data-gk-output="' + key + '"]');
      if (!out) return '';
      var format = out.getAttribute('data-format'), d = +out.getAttribute('data-decimals');
      var step = Math.pow(10, d), shownValue = format === 'percent' ? Math.floor(value * scale * step) / step : value * scale;
      var shown = GK.format(shownValue, format, '', d);
      if (out.textContent !== shown) out.textContent = shown;
      out.setAttribute('data-value', String(value * scale));
      return shown;
    }

    function mark(index) {
      [].forEach.call(root.querySelectorAll('[data-gk-component]'), function (tr) {
        var on = tr === row(index), tag = tr.querySelector('[data-gk-weak-tag]');
        if (on) tr.setAttribute('data-gk-weakest', ''); else tr.removeAttribute('data-gk-weakest');
        if (tag) tag.hidden = !on;
      });
      /* The region has no node: its mark waits hidden in the diagram's figure. */
      var diagram = document.getElementById(diagramId);
      var node = index === 'h' ? diagram : document.getElementById(diagramId + '-' + row(index).getAttribute('data-gk-component'));
      var badge = diagram && diagram.querySelector('[data-gk-badge="' + flow + '"]');
      if (!node || !badge) return;
      badge.hidden = node === diagram;
      if (badge.parentNode === node) return;
      var old = badge.parentNode;
      node.appendChild(badge);
      if (node !== diagram) node.classList.add('gk-diagram__node--weakest');
      if (!old.querySelector('[data-gk-badge]')) old.classList.remove('gk-diagram__node--weakest');
    }

    function compute(sync) {
      var v = {}, bad = false;
      fields.forEach(function (el) {
        var r = GK.rangedValue(el, el.value), err = document.getElementById(el.id + '-error');
        if (r.e) bad = true; else last[name(el)] = r.v;
        if (err) err.textContent = r.e || '';
        if (r.e) el.setAttribute('aria-invalid', 'true'); else el.removeAttribute('aria-invalid');
        v[name(el)] = last[name(el)];
      });
      Object.keys(formulas).forEach(function (k) {
        var r;
        try { r = +formulas[k](v); } catch (e) { r = NaN; }
        v[k] = r;
        show(k, r, /^([cg]\d+|h)$/.test(k) ? 100 : 1);
      });
      var weak = weakest(shape, v), name_ = label(weak);
      mark(weak);
      root.querySelector('[data-gk-output="weakest"]').textContent = name_;
      var verdict = root.querySelector('[data-gk-verdict]');
      if (verdict && target !== '') {
        var met = v.availability >= +target;
        verdict.setAttribute('data-gk-verdict', met ? 'met' : 'missed');
        verdict.textContent = verdict.getAttribute(met ? 'data-gk-met' : 'data-gk-missed');
      }
      if (!sync) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        GK.say(root.querySelector('[data-gk-status]'), bad ? GK.t('whatif.fix_field') : GK.t('whatif.status', {
          availability: root.querySelector('[data-gk-output="availability"]').textContent,
          downtime: root.querySelector('[data-gk-output="downtime_year"]').textContent,
          name: name_
        }));
        GK.url.replace(param, sync === 'reset' ? null : serialize() || null);
      }, 600);
    }

    root.addEventListener('input', function (e) { if (e.target.hasAttribute('data-gk-input')) compute(true); });
    var controls = root.querySelector('[data-gk-controls]');
    controls.addEventListener('click', function (e) {
      var t = e.target.closest('[data-gk-action]'), action = t && t.getAttribute('data-gk-action');
      if (action === 'reset') {
        fields.forEach(function (el) { el.value = el.getAttribute('data-gk-default'); });
        compute('reset');
        GK.say(msg, GK.t('whatif.reset_done'));
      } else if (action === 'share') {
        GK.copy(GK.url.build(param, serialize() || null), msg, GK.t('core.share_link'));
      }
    });
    /* As built (no link, nothing typed before the start), the page already shows the figures
       and the weakest link of its fields' values: they are computed on the first change. */
    var typed = fields.some(GK.changed);
    if (typed || shared !== null) compute(typed);
  });
})();
