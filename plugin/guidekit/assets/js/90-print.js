/* guidekit print: links to the site's own pages print as their text only. Material's
   instant navigation rewrites their href to an absolute address, which the print stylesheet
   would otherwise show after them as if they led to another site; before printing, each
   such link is marked data-gk-site (the print edition marks its own at build time), and
   unmarked again after printing. Links to other sites keep their address on paper. */
(function () {
  'use strict';
  var CONTENT = '.md-content a[href], [role="main"] a[href]';
  window.addEventListener('beforeprint', function () {
    [].forEach.call(document.querySelectorAll(CONTENT), function (a) {
      if (a.hasAttribute('data-gk-site') || a.origin !== window.location.origin) return;
      a.setAttribute('data-gk-site', '');
      a.setAttribute('data-gk-print-only', '');
    });
  });
  window.addEventListener('afterprint', function () {
    [].forEach.call(document.querySelectorAll('[data-gk-print-only]'), function (a) {
      a.removeAttribute('data-gk-site');
      a.removeAttribute('data-gk-print-only');
    });
  });
})();
