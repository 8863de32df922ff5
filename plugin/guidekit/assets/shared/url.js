/* guidekit: a widget's state in the query string, shared by the widget bundles that call
   it (bundled into each, so it may run twice on a page). Pages without widgets never
   load it. */
(function () {
  'use strict';
  /* State in the query string, one parameter per widget: gk-<kind>-<id>. */
  GK.url = {
    param: function (kind, root) { return 'gk-' + kind + '-' + root.getAttribute('data-gk-id'); },
    get: function (name) {
      try { return new URLSearchParams(window.location.search).get(name); } catch (e) { return null; }
    },
    build: function (name, value) {
      var url = new URL(window.location.href);
      if (value === null || value === '') url.searchParams.delete(name);
      else url.searchParams.set(name, value);
      return url.toString();
    },
    replace: function (name, value) {
      try { window.history.replaceState(window.history.state, '', GK.url.build(name, value)); } catch (e) { /* ignore */ }
    }
  };
})();
