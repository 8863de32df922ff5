/* guidekit print: before printing, every link in the page's content that leaves the page
   gets its full address in data-gk-href, which the print stylesheet shows after the link
   text (external links show theirs without a script too). Cross-references drawn from data
   (auto-links, gk-ref) are left out: a page names dozens of them. Removed again after printing. */
(function () {
  'use strict';
  var CONTENT = '.md-content a[href], [role="main"] a[href]';
  window.addEventListener('beforeprint', function () {
    [].forEach.call(document.querySelectorAll(CONTENT), function (a) {
      var href = a.getAttribute('href');
      if (!href || href.charAt(0) === '#' || a.hasAttribute('data-gk-href') ||
          a.classList.contains('headerlink') || a.classList.contains('gk-autolink') ||
          a.classList.contains('gk-ref')) return;
      a.setAttribute('data-gk-href', a.href);
      a.setAttribute('data-gk-print-only', '');
    });
  });
  window.addEventListener('afterprint', function () {
    [].forEach.call(document.querySelectorAll('[data-gk-print-only]'), function (a) {
      a.removeAttribute('data-gk-href');
      a.removeAttribute('data-gk-print-only');
    });
  });
})();
