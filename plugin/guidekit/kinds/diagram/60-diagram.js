/* Flowcharts: when the site ships a local mermaid.min.js (plugin option mermaid_js), opening a
   diagram's or decision's "Flowchart" loads it once and draws the Mermaid source as SVG with
   linked nodes. Without it, the source stays readable as text. Nothing comes from a CDN. */
(function () {
  'use strict';
  var loading = null;
  var counter = 0;

  function loadMermaid() {
    var config = window.GuidekitConfig || {};
    if (!config.mermaid) return null;
    if (window.mermaid) return Promise.resolve(window.mermaid);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = config.root + config.mermaid;
        script.onload = function () { resolve(window.mermaid); };
        script.onerror = function () { loading = null; reject(new Error('mermaid did not load')); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function dark() {
    var scheme = document.body && document.body.getAttribute('data-md-color-scheme');
    return scheme === 'slate';
  }

  function draw(details) {
    var pre = details.querySelector('[data-gk-mermaid]');
    if (!pre || details.hasAttribute('data-gk-drawn')) return;
    var pending = loadMermaid();
    if (!pending) return;
    details.setAttribute('data-gk-drawn', '');
    pending.then(function (mermaid) {
      // Labels were stripped of markup at build time; 'antiscript' keeps node links working.
      // An explicit wrapping width: left unset, Mermaid measures a label on one line but lays
      // it out in a narrower box, so a long word such as "TimescaleDB/InfluxDB" wraps at its
      // slash and its second line is cut off.
      mermaid.initialize({ startOnLoad: false, securityLevel: 'antiscript', theme: dark() ? 'dark' : 'default',
        flowchart: { wrappingWidth: 200 } });
      counter += 1;
      return mermaid.render('gk-mermaid-' + counter, pre.textContent);
    }).then(function (result) {
      var holder = document.createElement('div');
      holder.className = 'gk-mermaid-svg';
      holder.setAttribute('role', 'img');
      holder.setAttribute('aria-label', GK.t('diagram.flowchart_label'));
      holder.innerHTML = result.svg; // produced and sanitised by mermaid from our build-time source
      pre.parentNode.insertBefore(holder, pre);
      pre.hidden = true;
    }).catch(function () {
      details.removeAttribute('data-gk-drawn');
    });
  }

  function init(root) {
    root.querySelectorAll('[data-gk-flowchart]').forEach(function (details) {
      if (details.open) draw(details);
      details.addEventListener('toggle', function () { if (details.open) draw(details); });
    });
  }
  GK.register('diagram', init);
  GK.register('decision', init);
})();
