/* guidekit formula runtime: the same semantics as guidekit/formulas.py (see its docstring).
   MAX_EXPONENT is 1000 on both sides. */
var G = {
  div: function (a, b) { return b === 0 ? NaN : a / b; },
  floordiv: function (a, b) { return b === 0 ? NaN : Math.floor(a / b); },
  mod: function (a, b) { return b === 0 ? NaN : a - b * Math.floor(a / b); },
  pow: function (a, b) {
    if (Math.abs(b) > 1000) return NaN;
    var r = Math.pow(a, b);
    return (a < 0 && !Number.isInteger(b)) ? NaN : r;
  },
  round: function (x, d) {
    d = d === undefined ? 0 : d;
    if (!isFinite(x) || !isFinite(d)) return isFinite(d) ? x : NaN;
    var s = Math.pow(10, Math.max(-15, Math.min(15, Math.trunc(d)))), y = x * s, f = Math.floor(y), diff = y - f;
    if (diff > 0.5 || (diff === 0.5 && ((f % 2) + 2) % 2 === 1)) f += 1;
    return f / s;
  },
  log: function (x, b) {
    if (x <= 0 || (b !== undefined && (b <= 0 || b === 1))) return NaN;
    return b === undefined ? Math.log(x) : Math.log(x) / Math.log(b);
  },
  log10: function (x) { return x <= 0 ? NaN : Math.log10(x); },
  sqrt: function (x) { return x < 0 ? NaN : Math.sqrt(x); },
  exp: function (x) { return G.pow(Math.E, x); },
  flat: function (args) {
    var out = [];
    for (var i = 0; i < args.length; i++) {
      if (Array.isArray(args[i])) { for (var j = 0; j < args[i].length; j++) out.push(+args[i][j]); }
      else out.push(+args[i]);
    }
    return out;
  },
  min: function () {
    var a = G.flat(arguments); if (!a.length) return NaN;
    var m = a[0]; for (var i = 0; i < a.length; i++) { if (isNaN(a[i])) return NaN; if (a[i] < m) m = a[i]; }
    return m;
  },
  max: function () {
    var a = G.flat(arguments); if (!a.length) return NaN;
    var m = a[0]; for (var i = 0; i < a.length; i++) { if (isNaN(a[i])) return NaN; if (a[i] > m) m = a[i]; }
    return m;
  },
  sum: function () { var a = G.flat(arguments), t = 0; for (var i = 0; i < a.length; i++) t += a[i]; return t; },
  prod: function () { var a = G.flat(arguments), t = 1; for (var i = 0; i < a.length; i++) t *= a[i]; return t; },
  count: function () { return G.flat(arguments).length; }
};
