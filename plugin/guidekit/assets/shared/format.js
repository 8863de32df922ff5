/* guidekit number formatting, shared by the bundles that call it (calculator, drill, what-if,
   load): units.format_value of the Python side, line by line. Bundled into each of them, so
   it may run twice on a page: it only (re)defines the same functions. */
(function () {
  'use strict';
  var COUNT = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  var BYTES = [[1e18, 'EB'], [1e15, 'PB'], [1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'KB']];
  var B = window.BigInt;

  /* formulas._round: half to even at d decimals (scale, round, unscale). */
  function round(x, d) {
    if (!isFinite(x) || !isFinite(d)) return isFinite(d) ? x : NaN;
    var s = Math.pow(10, Math.max(-15, Math.min(15, Math.trunc(d)))), y = x * s;
    if (!isFinite(y)) return y / s;
    var f = Math.floor(y), diff = y - f;
    if (diff > 0.5 || (diff === 0.5 && ((f % 2) + 2) % 2 === 1)) f += 1;
    return f / s;
  }
  /* Python's f"{x:.{d}f}" for x >= 0: the exact binary value, rounded half to even. */
  function fixed(x, d) {
    if (!isFinite(x)) return 'inf';
    var dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, x);
    var hi = dv.getUint32(0), ex = hi >>> 20 & 2047;
    var m = B(hi & 1048575) * B(4294967296) + B(dv.getUint32(4));
    if (ex) m += B(4503599627370496); else ex = 1;
    var num = m * B(10) ** B(d), den = B(1);
    if (ex > 1075) num <<= B(ex - 1075); else den <<= B(1075 - ex);
    var q = num / den, r2 = num % den * B(2);
    if (r2 > den || (r2 === den && q % B(2))) q += B(1);
    var s = q.toString().padStart(d + 1, '0');
    return d ? s.slice(0, -d) + '.' + s.slice(-d) : s;
  }
  function group(v, d, fx) {
    var r = round(v, d), p = fixed(Math.abs(r), d).split('.'), f = p[1] || '';
    if (!fx) f = f.replace(/0+$/, '');
    return (r < 0 ? '-' : '') + p[0].replace(/\B(?=(\d{3})+$)/g, ',') + (f ? '.' + f : '');
  }
  function scaled(v, steps, base, d, fx) {
    for (var i = 0; i < steps.length; i++) {
      if (Math.abs(v) >= steps[i][0]) return group(v / steps[i][0], 1) + (base ? ' ' : '') + steps[i][1];
    }
    return group(v, d, fx) + (base ? ' ' + base : '');
  }
  function duration(t) {
    var sign = t < 0 ? '-' : '', rem, parts = [];
    t = Math.abs(t);
    if (t < 1) return sign + group(t * 1000, 1) + ' ms';
    if (t < 60) return sign + group(t, 1) + ' s';
    rem = round(t, 0);
    [[86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']].forEach(function (u) {
      var c = Math.floor(rem / u[0]);
      rem -= c * u[0];
      if (c || parts.length) parts.push(c ? (isFinite(c) ? B(c) : c) + ' ' + u[1] : '');
    });
    return sign + parts.slice(0, 3).filter(Boolean).join(' ');
  }
  /* units.format_value, line by line. */
  function fmt(v, f, unit, d, fx) {
    if (isNaN(v)) return '\u2014';
    if (!isFinite(v)) return v > 0 ? '\u221e' : '-\u221e';
    var suffix = unit ? ' ' + unit : '';
    if (f === 'count' || f === 'rate') return scaled(v, COUNT, '', d, fx) + suffix;
    if (f === 'bytes') return scaled(v, BYTES, 'B', d, fx);
    if (f === 'duration') return duration(v);
    if (f === 'percent') return group(v, d, fx) + '%';
    if (f === 'yesno') return v ? GK.t('calculator.word_yes') : GK.t('calculator.word_no');
    return group(v, d, fx) + suffix;
  }
  GK.format = fmt;
  GK.group = group;
})();
