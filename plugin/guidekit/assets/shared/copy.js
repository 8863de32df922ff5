/* guidekit: copy a link or an export, shared by the bundles that call it (bundled into
   each of them, so it may run twice on a page, defining the same function again). */
(function () {
  'use strict';
  /* Copy text; where the clipboard is refused, show it in a read-only box to copy by hand. */
  GK.copy = function (text, messageEl, label) {
    function fallback() {
      if (!messageEl) return;
      messageEl.textContent = '';
      var area = document.createElement('textarea');
      area.readOnly = true;
      area.className = 'gk-copybox';
      area.value = text;
      area.setAttribute('aria-label', label || GK.t('core.copy_box'));
      messageEl.appendChild(area);
      area.focus();
      area.select();
    }
    try {
      if (navigator.clipboard && window.isSecureContext) {
        return navigator.clipboard.writeText(text).then(function () {
          GK.say(messageEl, GK.t('core.copied', { what: label || GK.t('core.text') }));
        }, fallback);
      }
    } catch (e) { /* fall through */ }
    fallback();
    return Promise.resolve();
  };
})();
