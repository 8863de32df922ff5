/* guidekit state helpers shared by the widget bundles that call them (bundled into each,
   so they may run twice on a page, defining the same functions again): whether the
   reader changed a control before its widget started, and state in the query string.
   Pages without widgets never load them. */
(function () {
  'use strict';
  /* True when the reader changed a form control before its widget started (the page was
     readable and typeable before the script came): the widget keeps that, rather than
     overwriting it with a saved or shared value. */
  GK.changed = function (el) {
    if (el.tagName === 'SELECT') {
      var first = 0;
      for (var i = 0; i < el.options.length; i++) if (el.options[i].defaultSelected) { first = i; break; }
      return el.selectedIndex !== first;
    }
    if (el.type === 'checkbox' || el.type === 'radio') return el.checked !== el.defaultChecked;
    return el.value !== el.defaultValue;
  };
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
