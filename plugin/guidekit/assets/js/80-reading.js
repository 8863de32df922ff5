/* guidekit reading progress, on every page: each page ends with a "reading" root. Ticking the
   navigation links of finished pages is the work of assets/parts/reading/ (with the "read"
   checkboxes of the pages that count, whose "reading-page" root fetches it): fetched here
   once the reader has marked something read, so a first visit loads none of it. */
(function () {
  'use strict';
  GK.register('reading', function (root) {
    // The key the reading helper saves under (readingKey in assets/shared/reading.js),
    // spelled here: naming the helper in this file would bundle all of it into every page.
    var key = 'gk:' + root.getAttribute('data-gk-ns') + ':progress:reading';
    if (GK.store.get(key) !== null) GK.fetch('reading-page');
    else root.setAttribute('data-gk-nav-ready', '');  // nothing to tick
  });
})();
