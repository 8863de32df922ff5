/* guidekit: confirm a destructive button in the page, shared by the bundles that call it
   (bundled into each of them, so it may run twice on a page). */
(function () {
  'use strict';
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
