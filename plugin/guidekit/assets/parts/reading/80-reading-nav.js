/* guidekit reading progress: ticks on the navigation links of finished pages, on every page
   after this one (Material's instant navigation), added to the "reading" kind that guidekit.js
   registers, and on this page, whose roots started before this file came: once the file has
   run to its end, where its UI strings are. */
(function () {
  'use strict';
  GK.register('reading', GK.reading.markNav);
  window.setTimeout(GK.reading.markAllNav, 0);
})();
