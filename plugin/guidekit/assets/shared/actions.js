/* guidekit actions shared by the bundles that call them (copy a link or an export, confirm
   a reset): bundled into each of them, so it may run twice on a page, defining the same
   functions again. */
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
  /* An in-page confirmation for a destructive button (no modal dialog): asking says the
     question in msg and swaps the button for Confirm / Cancel; Confirm runs done().
     Returns the function that starts asking. */
  GK.confirmation = function (controls, trigger, msg, words, done) {
    function button(label, cls) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'md-button' + (cls ? ' ' + cls : '');
      b.textContent = label;
      b.hidden = true;
      controls.appendChild(b);
      return b;
    }
    var yes = button(words.confirm, 'gk-danger'), no = button(words.cancel);
    function asking(on) {
      trigger.hidden = on;
      yes.hidden = no.hidden = !on;
      (on ? yes : trigger).focus();
    }
    yes.addEventListener('click', function () { asking(false); done(); });
    no.addEventListener('click', function () { GK.say(msg, ''); asking(false); });
    return function () { GK.say(msg, words.question); asking(true); };
  };
})();
