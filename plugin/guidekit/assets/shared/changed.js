/* guidekit: did the reader change a control before its widget started, shared by the
   widget bundles that call it (bundled into each, so it may run twice on a page). */
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
})();
