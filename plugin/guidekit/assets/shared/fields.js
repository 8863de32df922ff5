/* guidekit field reading shared by the bundles that call it (the availability and load
   what-ifs): bundled into each of them, so it may run twice on a page, defining the same
   function again. */
(function () {
  'use strict';
  var NUM = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

  /* The value of a number field for raw text, within the field's own min, max and step
     (step 1: whole numbers): {v} or {e} (the message). */
  GK.rangedValue = function (el, raw) {
    var lo = +el.getAttribute('min'), hi = +el.getAttribute('max');
    var whole = el.getAttribute('step') === '1', text = String(raw).trim(), n = +text;
    if (!NUM.test(text) || !isFinite(n) || n < lo || n > hi || (whole && Math.floor(n) !== n)) {
      var values = { min: lo, max: hi };
      return { e: whole ? GK.t('whatif.whole', values) : GK.t('whatif.range', values) };
    }
    return { v: n };
  };
})();
