/* guidekit estimation drill: draw a scenario from the seed (mulberry32, one draw per parameter
   over the candidate values the build listed), compute the answers with the calculator's
   compiled formulas (items/calculator/<id>.js), grade typed estimates within each question's
   tolerance, and show the worked solution. ?gk-drill-<id>=<seed> replays a scenario.
   mulberry32, estimate() and grade() mirror guidekit/kinds/drill/view.py line by line. */
(function () {
  'use strict';
  var COUNT = { '': 1, k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9, g: 1e9, t: 1e12 };
  var BYTES = { '': 1, b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12,
    tb: 1e12, p: 1e15, pb: 1e15, eb: 1e18 };
  var DURATION = { us: 1e-6, '\u00b5s': 1e-6, ms: 1e-3, millisecond: 1e-3, milliseconds: 1e-3,
    s: 1, sec: 1, secs: 1, second: 1, seconds: 1, m: 60, min: 60, mins: 60, minute: 60,
    minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600, d: 86400, day: 86400,
    days: 86400, w: 604800, week: 604800, weeks: 604800, y: 31536000, year: 31536000,
    years: 31536000 };
  var ESTIMATE = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)([a-z\u00b5%]*)$/i;
  var NAME = /(?<![\w.])[A-Za-z_][A-Za-z0-9_]*/g;
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  function mulberry32(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
      t = (((t + Math.imul(t ^ (t >>> 7), t | 61)) >>> 0) ^ t) >>> 0;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function draw(params, seed) {
    var next = mulberry32(seed), out = {};
    params.forEach(function (p) { out[p.name] = p.values[Math.floor(next() * p.values.length)]; });
    return out;
  }
  function estimate(text, format) {
    var m = ESTIMATE.exec(String(text).replace(/[\s,_\u202f]/g, '').replace(/^[~\u2248]+/, ''));
    if (!m) return null;
    var n = Number(m[1]), s = m[2].toLowerCase(), f;
    if (format === 'bytes') f = has(BYTES, s) ? BYTES[s] : null;
    else if (format === 'duration') f = s ? (has(DURATION, s) ? DURATION[s] : null) : 1;
    else if (format === 'percent') f = s === '' || s === '%' ? 1 : null;
    else f = has(COUNT, s) ? COUNT[s] : null;
    if (f === null) return null;
    var v = n * f;
    return isFinite(v) ? v : null;
  }
  function grade(e, a, within) {
    if (!isFinite(e) || !isFinite(a)) return false;
    if (within === 'exact') return Math.abs(e - a) <= 1e-9 * Math.max(1, Math.abs(a));
    if (/%$/.test(within)) return Math.abs(e - a) <= parseFloat(within) / 100 * Math.abs(a);
    var factor = within === 'order_of_magnitude' ? Math.sqrt(10) : parseFloat(within);
    if (a === 0 || e === 0) return e === a;
    if ((e > 0) !== (a > 0)) return false;
    return Math.max(e / a, a / e) <= factor;
  }
  GK.drill = { mulberry32: mulberry32, draw: draw, estimate: estimate, grade: grade };

  function json(root, name) {
    try { return JSON.parse(root.getAttribute(name) || 'null'); } catch (e) { return null; }
  }
  function shown(el, value) {
    return GK.format(value, el.getAttribute('data-format') || 'number',
      el.getAttribute('data-unit') || '', +(el.getAttribute('data-decimals') || 2),
      el.hasAttribute('data-fixed'));
  }

  GK.register('drill', function (root) {
    var formulas = (window.GuidekitFormulas || {})[root.getAttribute('data-gk-calculator')];
    var params = json(root, 'data-gk-params'), base = json(root, 'data-gk-base');
    if (!formulas || !Array.isArray(params) || !base || !GK.format) return;
    var param = GK.url.param('drill', root);
    var questions = [].slice.call(root.querySelectorAll('[data-gk-question]'));
    var solution = root.querySelector('[data-gk-solution]');
    var msg = root.querySelector('[data-gk-message]');
    var form = root.querySelector('[data-gk-form]');
    var seed = +root.getAttribute('data-gk-seed') >>> 0, values = {};

    function fromUrl() {
      var raw = GK.url.get(param);
      return raw !== null && /^\d{1,10}$/.test(raw) && +raw <= 4294967295 ? +raw : null;
    }
    /* Compute every output for this seed and write the scenario, answers and solution. */
    /* A scenario is named for people: the page's own is Scenario 1, each new one the next
       number, one from a link "Shared scenario" (its seed stays in the URL). */
    var count = 0;
    function scenario(next, number) {
      seed = next >>> 0;
      count = number;
      var v = {}, k;
      for (k in base) if (has(base, k)) v[k] = base[k];
      var drawn = draw(params, seed);
      for (k in drawn) if (has(drawn, k)) v[k] = drawn[k];
      Object.keys(formulas).forEach(function (id) {
        var r;
        try { r = +formulas[id](v); } catch (e) { r = NaN; }
        v[id] = r;
      });
      values = v;
      GK.say(root.querySelector('[data-gk-seed-text]'), number
        ? GK.t('drill.scenario', { number: number }) : GK.t('drill.scenario_shared'));
      [].forEach.call(root.querySelectorAll('[data-gk-param]'), function (el) {
        GK.say(el, shown(el, v[el.getAttribute('data-gk-param')]));
      });
      questions.forEach(function (q) {
        q.setAttribute('data-value', String(v[q.getAttribute('data-gk-question')]));
        q.removeAttribute('data-gk-grade');
        GK.say(q.querySelector('[data-gk-result]'), '');
        var input = q.querySelector('[data-gk-estimate]');
        input.value = '';
        input.removeAttribute('aria-invalid');
      });
      [].forEach.call(root.querySelectorAll('[data-gk-step]'), function (li) {
        var formula = li.querySelector('[data-gk-formula]').textContent;
        GK.say(li.querySelector('[data-gk-numbers]'), formula.replace(NAME, function (name) {
          return has(v, name) && typeof v[name] === 'number' ? GK.format(v[name], 'number', '', 6) : name;
        }));
        var out = li.querySelector('[data-gk-step-value]'), r = v[li.getAttribute('data-gk-step')];
        out.setAttribute('data-value', String(r));
        GK.say(out, shown(out, r));
      });
      if (solution) solution.open = false;
    }
    function check() {
      var right = 0;
      questions.forEach(function (q) {
        var input = q.querySelector('[data-gk-estimate]'), result = q.querySelector('[data-gk-result]');
        var answer = values[q.getAttribute('data-gk-question')], text = shown(q, answer);
        var raw = input.value.trim(), e = raw ? estimate(raw, q.getAttribute('data-format')) : null;
        var ok = e !== null && grade(e, answer, q.getAttribute('data-gk-within'));
        if (raw && e === null) {
          input.setAttribute('aria-invalid', 'true');
          q.setAttribute('data-gk-grade', 'unreadable');
          GK.say(result, GK.t('drill.unreadable'));
          return;
        }
        input.removeAttribute('aria-invalid');
        q.setAttribute('data-gk-grade', !raw ? 'skipped' : ok ? 'right' : 'wrong');
        if (ok) right++;
        GK.say(result, !raw ? GK.t('drill.skipped', { answer: text })
          : ok ? GK.t('drill.right', { answer: text }) : GK.t('drill.wrong', { answer: text }));
      });
      if (solution) solution.open = true;
      GK.say(msg, GK.t('drill.score', { right: right, total: questions.length }));
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); check(); });
    root.querySelector('[data-gk-controls]').addEventListener('click', function (e) {
      var t = e.target.closest('[data-gk-action]'), action = t && t.getAttribute('data-gk-action');
      if (action === 'new') {
        var next = seed;
        while (next === seed) {
          var buf = new Uint32Array(1);
          if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(buf);
          else buf[0] = Math.floor(Math.random() * 4294967296);
          next = buf[0];
        }
        scenario(next, (count || 1) + 1);
        GK.url.replace(param, String(seed));
        GK.say(msg, GK.t('drill.new_done', { number: count }));
        var first = root.querySelector('[data-gk-estimate]');
        if (first) first.focus();
      } else if (action === 'share') {
        GK.copy(GK.url.build(param, String(seed)), msg, GK.t('drill.what_link'));
      }
    });
    var shared = fromUrl();
    scenario(shared === null ? seed : shared, shared === null ? 1 : 0);
  });
})();
