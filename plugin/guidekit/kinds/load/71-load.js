/* guidekit load what-if: traffic through a flow's components as M/M/c queues, from the compiled
   model (GuidekitLoad[id], from its items/load/<id>.js: the formulas Python ran for the page). The
   traffic level, its multiplier, a service time or an instance count updates every figure,
   the bottleneck in the table and in the diagram, each component's mark in the diagram, and
   "what it takes" (load.py, LoadModel.what_it_takes, step for step).
   ?gk-load-<flow>=t:<level>;x:<multiplier>;s.<node>:<ms>;n.<node>:<count> holds what differs
   from the defaults. */
(function () {
  'use strict';
  var HIGH = 0.8, MAX_INSTANCES = 1000, MAX_STEPS = 2000;

  function level(u) { return !(u < 1) ? 'saturated' : u >= HIGH ? 'high' : 'ok'; }
  function ms(value) { return isFinite(value) ? GK.format(value / 1000, 'duration', '', 2) : GK.t('load.unstable'); }
  function percent(u) { return GK.format(u * 100, 'percent', '', 0); }
  function rate(value) { return GK.format(value, 'number', '', 0); }

  /* Every output in order; stop after `last` when given (the mean needs no percentiles). */
  function run(formulas, values, last) {
    var v = {}, k;
    for (k in values) v[k] = values[k];
    var keys = Object.keys(formulas);
    for (var i = 0; i < keys.length; i++) {
      try { v[keys[i]] = +formulas[keys[i]](v); } catch (e) { v[keys[i]] = NaN; }
      if (keys[i] === last) break;
    }
    return v;
  }
  function met(r, targets) {
    return ['p50', 'p99'].every(function (k) {
      return !(k in targets) || (isFinite(r[k]) && r[k] <= targets[k]);
    });
  }
  /* load.py LoadModel.what_it_takes: the fewest stable instances, then one more at a time
     where the path's mean time falls most, until the targets are met, then any instance not
     needed taken back; null if out of reach. */
  function plan(formulas, base, count, rps, targets) {
    var n = [], i, step;
    for (i = 1; i <= count; i++) {
      n.push(Math.max(1, Math.floor(rps * base['v' + i] * base['s' + i] / 1000 / base['k' + i]) + 1));
    }
    function trial(list) {
      var v = {}, k;
      for (k in base) v[k] = base[k];
      v.rps = rps;
      list.forEach(function (value, j) { v['n' + (j + 1)] = value; });
      return v;
    }
    var floor = n.slice(), most = n.map(function () { return MAX_INSTANCES; });
    if (!met(run(formulas, trial(most)), targets)) return null;
    for (step = 0; step < MAX_STEPS; step++) {
      if (met(run(formulas, trial(n)), targets)) {
        /* take back, in path order, any instance the targets turn out not to need */
        for (i = 0; i < count; i++) {
          while (n[i] > floor[i]) {
            var fewer = n.slice();
            fewer[i] -= 1;
            if (!met(run(formulas, trial(fewer)), targets)) break;
            n = fewer;
          }
        }
        return n;
      }
      var now = run(formulas, trial(n), 'mean').mean, gains = [];
      for (i = 0; i < count; i++) {
        var more = n.slice();
        more[i] += 1;
        gains.push(more[i] <= MAX_INSTANCES ? now - run(formulas, trial(more), 'mean').mean : 0);
      }
      var best = 0;
      for (i = 1; i < count; i++) if (gains[i] > gains[best]) best = i;
      if (!(gains[best] > now * 1e-12)) return null;
      n[best] += 1;
    }
    return null;
  }

  GK.register('load', function (root) {
    var flow = root.getAttribute('data-gk-id');
    var formulas = (window.GuidekitLoad || {})[flow];
    if (!formulas) return;
    var settings = JSON.parse(root.getAttribute('data-gk-settings') || '{}');
    var levels = settings.levels || {}, targets = settings.targets || {};
    var fields = [].slice.call(root.querySelectorAll('[data-gk-input]'));
    var rows = [].slice.call(root.querySelectorAll('[data-gk-station]'));
    var presets = [].slice.call(root.querySelectorAll('[data-gk-level-choice]'));
    var factor = root.querySelector('[data-gk-factor]');
    var diagramId = root.getAttribute('data-gk-diagram');
    var msg = root.querySelector('[data-gk-message]');
    var param = GK.url.param('load', root);
    var count = rows.length, fixed = {}, last = {}, timer = 0, planned = null, planKey = '';
    function name(el) { return el.getAttribute('data-gk-input'); }
    function out(key) { return root.querySelector('[data-gk-output="' + key + '"]'); }
    function text(el, value) { if (el && el.textContent !== value) el.textContent = value; }
    function label(i) { return rows[i - 1].querySelector('[data-gk-name]').textContent; }
    function preset() {
      var on = presets.filter(function (p) { return p.checked; })[0];
      return on ? on.value : 'design';
    }
    function setPreset(value) { presets.forEach(function (p) { p.checked = p.value === value; }); }

    [].forEach.call(root.querySelectorAll('[data-gk-fixed]'), function (td) {
      fixed[td.getAttribute('data-gk-fixed')] = +td.getAttribute('data-value');
    });
    fields.forEach(function (el) { last[name(el)] = +el.getAttribute('data-gk-default'); });

    /* What the reader changed before the script started wins over the link. */
    var typed = fields.some(GK.changed) || presets.some(GK.changed) || GK.changed(factor);
    var shared = GK.url.get(param);
    if (shared !== null) {
      var ignored = 0;
      shared.split(';').forEach(function (pair) {
        var at = pair.indexOf(':'), key = pair.slice(0, at), raw = pair.slice(at + 1), r;
        if (key === 't' && Object.prototype.hasOwnProperty.call(levels, raw)) {
          if (!presets.some(GK.changed)) setPreset(raw);
          return;
        }
        if (key === 'x') {
          r = GK.rangedValue(factor, raw);
          if (!r.e) { if (!GK.changed(factor)) factor.value = String(r.v); return; }
        }
        var el = at > 0 && fields.filter(function (f) { return f.getAttribute('data-gk-key') === key; })[0];
        if (el && GK.changed(el)) return;
        r = el && GK.rangedValue(el, raw);
        if (r && !r.e) el.value = String(r.v); else if (pair) ignored++;
      });
      if (ignored) GK.say(msg, GK.t('whatif.link_ignored', { count: ignored }));
    }

    function serialize() {
      var parts = [];
      if (preset() !== 'design') parts.push('t:' + preset());
      if (+factor.value !== 1) parts.push('x:' + (+factor.value));
      fields.forEach(function (el) {
        if (last[name(el)] !== +el.getAttribute('data-gk-default')) {
          parts.push(el.getAttribute('data-gk-key') + ':' + last[name(el)]);
        }
      });
      return parts.join(';');
    }

    function markDiagram(v, hot) {
      var diagram = document.getElementById(diagramId);
      if (!diagram) return;
      rows.forEach(function (tr, j) {
        var node = document.getElementById(diagramId + '-' + tr.getAttribute('data-gk-station'));
        var mark = node && node.querySelector('[data-gk-load="' + flow + '"]');
        if (!mark) return;
        text(mark, GK.t('load.node_busy', { percent: percent(v['u' + (j + 1)]) }));
        mark.setAttribute('data-gk-level', level(v['u' + (j + 1)]));
      });
      var badge = diagram.querySelector('[data-gk-bottleneck="' + flow + '"]');
      var node = document.getElementById(diagramId + '-' + rows[hot - 1].getAttribute('data-gk-station'));
      if (badge && node && badge.parentNode !== node) node.appendChild(badge);
    }

    /* The plan on the page is the build's, for the build's values: starting with those, the
       script takes it from there rather than search again (the search is the longest task
       of a template's page: 40 to 130 ms on a laptop, four times that on a slow phone). */
    function builtPlan() {
      if (root.querySelector('[data-gk-plan]').hidden) return null;
      var n = [];
      for (var i = 1; i <= count; i++) {
        var o = root.querySelector('[data-gk-plan-n="' + i + '"]');
        n.push(o ? +o.getAttribute('data-value') : last['n' + i]);
      }
      return n;
    }
    function asBuilt() {
      return fields.every(function (el) { return last[name(el)] === +el.getAttribute('data-gk-default'); });
    }
    function showPlan(base) {
      var key = JSON.stringify(base);
      if (!planKey && asBuilt()) { planKey = key; planned = builtPlan(); }
      if (key !== planKey) { planKey = key; planned = plan(formulas, base, count, levels.design, targets); }
      root.querySelector('[data-gk-plan-none]').hidden = planned !== null;
      root.querySelector('[data-gk-plan]').hidden = planned === null;
      root.querySelector('[data-gk-action="apply"]').disabled = planned === null;
      for (var i = 1; i <= count; i++) {
        var o = root.querySelector('[data-gk-plan-n="' + i + '"]');
        if (!o) continue; // a component requests never reach is not in the list
        text(o, planned ? String(planned[i - 1]) : '—');
        o.setAttribute('data-value', planned ? String(planned[i - 1]) : '');
      }
    }

    function compute(sync) {
      var values = {}, base = {}, bad = false, i;
      fields.forEach(function (el) {
        var r = GK.rangedValue(el, el.value), err = document.getElementById(el.id + '-error');
        if (r.e) bad = true; else last[name(el)] = r.v;
        if (err) err.textContent = r.e || '';
        if (r.e) el.setAttribute('aria-invalid', 'true'); else el.removeAttribute('aria-invalid');
        values[name(el)] = last[name(el)];
      });
      for (var k in fixed) values[k] = fixed[k];
      for (k in values) if (!/^n\d+$/.test(k)) base[k] = values[k];
      var x = +factor.value;
      values.rps = levels[preset()] * x;
      text(root.querySelector('[data-gk-factor-text]'),
           GK.t('load.factor_text', { factor: GK.format(x, 'number', '', 1) }));
      /* Starting as built (no link, nothing typed): the page shows the build's figures for
         these very values, so the model is not run again (it was most of the start: the
         percentiles' bisections, 12 to 20 ms on a laptop). The plan is the build's too. */
      if (sync === 'built') return showPlan(base);
      var v = run(formulas, values);
      text(out('rps'), rate(v.rps));
      out('rps').setAttribute('data-value', String(v.rps));
      var hot = v.bottleneck;
      for (i = 1; i <= count; i++) {
        var u = out('u' + i), tr = rows[i - 1], tag = tr.querySelector('[data-gk-hot-tag]');
        text(u, percent(v['u' + i]));
        u.setAttribute('data-value', String(v['u' + i]));
        u.setAttribute('data-gk-level', level(v['u' + i]));
        tr.querySelector('[data-gk-bar]').value = Math.min(v['u' + i], 1);
        text(out('t' + i), ms(v['t' + i]));
        out('t' + i).setAttribute('data-value', String(v['t' + i]));
        if (i === hot) tr.setAttribute('data-gk-bottleneck', ''); else tr.removeAttribute('data-gk-bottleneck');
        tag.hidden = i !== hot;
      }
      text(out('bottleneck'), label(hot));
      text(out('max_rps'), rate(v.max_rps));
      out('max_rps').setAttribute('data-value', String(v.max_rps));
      var stable = v.stable === 1, state = out('state');
      text(state, stable ? GK.t('load.stable') : GK.t('load.unstable'));
      state.setAttribute('data-gk-state', stable ? 'stable' : 'unstable');
      root.querySelector('[data-gk-breach="saturated"]').hidden = stable;
      var allMet = true;
      ['p50', 'p99'].forEach(function (key) {
        var o = out(key), verdict = root.querySelector('[data-gk-verdict="' + key + '"]');
        if (!o) return;
        text(o, ms(v[key]));
        o.setAttribute('data-value', String(v[key]));
        var ok = isFinite(v[key]) && v[key] <= targets[key];
        allMet = allMet && ok;
        verdict.setAttribute('data-gk-state', ok ? 'met' : 'missed');
        text(verdict, ok ? GK.t('load.met') : isFinite(v[key])
          ? GK.t('load.missed_by', { gap: ms(v[key] - targets[key]) }) : GK.t('load.missed'));
      });
      root.querySelector('[data-gk-breach="latency"]').hidden = allMet;
      markDiagram(v, hot);
      showPlan(base);
      if (!sync) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        GK.say(root.querySelector('[data-gk-status]'), bad ? GK.t('whatif.fix_field')
          : stable ? GK.t('load.status', { rps: rate(v.rps), name: label(hot), busy: percent(v['u' + hot]), p99: ms(v.p99) })
            : GK.t('load.status_unstable', { rps: rate(v.rps), name: label(hot) }));
        GK.url.replace(param, sync === 'reset' ? null : serialize() || null);
      }, 600);
    }

    root.addEventListener('input', function (e) {
      if (e.target.hasAttribute('data-gk-input') || e.target === factor) compute(true);
    });
    root.addEventListener('change', function (e) { if (e.target.hasAttribute('data-gk-level-choice')) compute(true); });
    var controls = root.querySelector('[data-gk-controls]');
    controls.addEventListener('click', function (e) {
      var t = e.target.closest('[data-gk-action]'), action = t && t.getAttribute('data-gk-action');
      if (action === 'apply' && planned) {
        setPreset('design');
        factor.value = '1';
        fields.forEach(function (el) {
          var m = /^n(\d+)$/.exec(name(el));
          if (m && fixed['v' + m[1]] > 0) el.value = String(planned[+m[1] - 1]);
        });
        compute(true);
        GK.say(msg, GK.t('load.applied'));
      } else if (action === 'reset') {
        setPreset('design');
        factor.value = factor.getAttribute('data-gk-default');
        fields.forEach(function (el) { el.value = el.getAttribute('data-gk-default'); });
        compute('reset');
        GK.say(msg, GK.t('load.reset_done'));
      } else if (action === 'share') {
        GK.copy(GK.url.build(param, serialize() || null), msg, GK.t('core.share_link'));
      }
    });
    controls.hidden = false;
    // Values typed before the start count (and go into the address); a link is computed.
    compute(typed || (shared === null ? 'built' : false));
  });
})();
