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
  count: function () { return G.flat(arguments).length; },
  /* Queueing (guidekit/queueing.py, same arithmetic in the same order): c servers, offered
     load a in Erlangs, mean service time s; unstable (a >= c) gives Infinity, bad input NaN. */
  isfinite: function (x) { return isFinite(x) ? 1 : 0; },
  argmax: function () {
    var a = G.flat(arguments); if (!a.length) return NaN;
    var best = 0; for (var i = 0; i < a.length; i++) { if (isNaN(a[i])) return NaN; if (a[i] > a[best]) best = i; }
    return best + 1;
  },
  servers: function (c) { return (!isFinite(c) || c < 1 || c > 1000000 || c !== Math.floor(c)) ? 0 : c; },
  okLoad: function (a) { return isFinite(a) && a >= 0; },
  okTime: function (s) { return isFinite(s) && s > 0; },
  erlang_c: function (c, a) {
    var n = G.servers(c); if (!n || !G.okLoad(a)) return NaN;
    if (a >= n) return 1; if (a === 0) return 0;
    var b = 1; for (var k = 1; k <= n; k++) { b = a * b / (k + a * b); if (b === 0) break; }
    return n * b / (n - a * (1 - b));
  },
  mmc_wait: function (c, a, s) {
    var n = G.servers(c); if (!n || !G.okLoad(a) || !G.okTime(s)) return NaN;
    if (a >= n) return Infinity;
    return G.erlang_c(c, a) * s / (n - a);
  },
  mmc_response_mean: function (c, a, s) { var w = G.mmc_wait(c, a, s); return isFinite(w) ? w + s : w; },
  hypo: function (theta, mu, t) {
    var low = Math.min(theta, mu), d = Math.abs(theta - mu), ratio = d === 0 ? t : -Math.expm1(-d * t) / d;
    return Math.exp(-low * t) * (1 + low * ratio);
  },
  bisect: function (survival, p, hi) {
    var lo = 0, target = 1 - p;
    for (var i = 0; i < 100; i++) {
      var mid = (lo + hi) / 2;
      if (survival(mid) > target) lo = mid; else hi = mid;
      if (hi - lo <= 1e-10 * hi) break;
    }
    return (lo + hi) / 2;
  },
  mmc_quantile: function (c, a, s, p) {
    var n = G.servers(c);
    if (!n || !G.okLoad(a) || !G.okTime(s) || !isFinite(p) || !(p > 0 && p < 1)) return NaN;
    if (a >= n) return Infinity;
    var wp = G.erlang_c(n, a), mu = 1 / s, theta = (n - a) / s;
    var hi = 2 * Math.log(2 / (1 - p)) / Math.min(theta, mu);
    return G.bisect(function (t) { return (1 - wp) * Math.exp(-mu * t) + wp * G.hypo(theta, mu, t); }, p, hi);
  },
  /* Complex numbers as [re, im]; division as CPython does it (scaled by the larger part). */
  cmul: function (x, y) { return [x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]]; },
  cdiv: function (x, y) {
    var r, d;
    if (Math.abs(y[0]) >= Math.abs(y[1])) {
      r = y[1] / y[0]; d = y[0] + y[1] * r;
      return [(x[0] + x[1] * r) / d, (x[1] - x[0] * r) / d];
    }
    r = y[0] / y[1]; d = y[0] * r + y[1];
    return [(x[0] * r + x[1]) / d, (x[1] * r - x[0]) / d];
  },
  stations: function (args) {
    if (args.length % 4 || args.length > 80) return null;
    var out = [];
    for (var i = 0; i < args.length; i += 4) {
      var n = G.servers(args[i]), a = args[i + 1], s = args[i + 2], v = args[i + 3];
      if (!n || !G.okLoad(a) || !G.okTime(s) || !isFinite(v) || !(v >= 0 && v <= 100)) return null;
      out.push([n, a, s, v]);
    }
    return out;
  },
  path_mean: function () {
    var st = G.stations([].slice.call(arguments)); if (!st || !st.length) return NaN;
    var total = 0;
    for (var i = 0; i < st.length; i++) {
      if (st[i][3] === 0) continue;
      if (st[i][1] >= st[i][0]) return Infinity;
      total += st[i][3] * G.mmc_response_mean(st[i][0], st[i][1], st[i][2]);
    }
    return total;
  },
  /* Euler inversion (Abate & Whitt 1995) of the survival's transform (1 - L(z)) / z; A = 18.4,
     N = 15 terms summed, M = 11 averaged with binomial weights 2^-11 C(11, k). */
  survival: function (shapes, t) {
    if (t <= 0) return 1;
    var half = 18.4 / (2 * t), scale = Math.exp(18.4 / 2) / t;
    function term(k) {
      var z = [half, k * Math.PI / t], out = [1, 0];
      for (var i = 0; i < shapes.length; i++) {
        var wp = shapes[i][0], mu = shapes[i][1], theta = shapes[i][2], v = shapes[i][3];
        var queued = G.cdiv([wp * theta, 0], [theta + z[0], z[1]]);
        var one = G.cmul(G.cdiv([mu, 0], [mu + z[0], z[1]]), [(1 - wp) + queued[0], queued[1]]);
        var whole = Math.floor(v), extra = v - whole;
        for (var j = 0; j < whole; j++) out = G.cmul(out, one);
        out = G.cmul(out, [(1 - extra) + extra * one[0], extra * one[1]]);
      }
      return G.cdiv([1 - out[0], -out[1]], z)[0];
    }
    var partial = scale * term(0) / 2, total = 0, w = 1, m = 11;
    for (var k = 1; k <= 26; k++) {
      partial += scale * (k % 2 ? -1 : 1) * term(k);
      if (k >= 15) { total += w * Math.pow(2, -m) * partial; w = w * (m - (k - 15)) / (k - 14); }
    }
    return Math.min(1, Math.max(0, total));
  },
  path_quantile: function (p) {
    var rest = [].slice.call(arguments, 1), st = G.stations(rest);
    if (!st || !st.length || !isFinite(p) || !(p > 0 && p < 1)) return NaN;
    var mean = G.path_mean.apply(null, rest);
    if (!isFinite(mean)) return mean;
    if (mean === 0) return 0;
    var shapes = [];
    for (var i = 0; i < st.length; i++) {
      if (st[i][3] > 0) shapes.push([G.erlang_c(st[i][0], st[i][1]), 1 / st[i][2], (st[i][0] - st[i][1]) / st[i][2], st[i][3]]);
    }
    return G.bisect(function (t) { return G.survival(shapes, t); }, p, mean / (1 - p));
  }
};
