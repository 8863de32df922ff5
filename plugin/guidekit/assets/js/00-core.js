/* guidekit core: start widgets on every page view, safe storage, UI strings, announce (the
   helpers only widgets use, URL state and form changes, are in assets/shared/url.js and
   changed.js).
   Every widget file registers with GK.register(kind, init); init(root) runs once per root. */
(function () {
  'use strict';
  var registry = {};
  var memory = {};

  function storageAvailable() {
    try {
      var probe = '__gk_probe__';
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return true;
    } catch (e) { return false; }
  }

  /* Widgets only some pages have live in their own files (GuidekitConfig.modules: kind ->
     file beside guidekit-formulas.js), fetched the first time a page holds one; their roots
     start once the file has run. True while a kind's file is not there yet. */
  var modules = {};
  function bundleOf(kind) {
    var config = window.GuidekitConfig || {};
    return config.modules && Object.prototype.hasOwnProperty.call(config.modules, kind)
      ? config.modules[kind] : null;
  }
  /* Adds a script from the assets folder once; true while it is not there yet. One that
     fails is forgotten, so the next start asks again; until then the root stays as built. */
  function loading(file, loaded) {
    if (loaded[file] === 'done') return false;
    if (!loaded[file]) {
      loaded[file] = 'loading';
      var script = document.createElement('script');
      script.src = ((window.GuidekitConfig || {}).assets || '') + file;
      script.addEventListener('load', function () { loaded[file] = 'done'; GK.start(document); });
      script.addEventListener('error', function () { delete loaded[file]; });
      document.head.appendChild(script);
    }
    return true;
  }
  function fetching(kind) {
    var file = bundleOf(kind);
    return file ? loading(file, modules) : false;
  }
  /* An item's own compiled code (a calculator's formulas), named by its root: data-gk-needs,
     files under the assets folder. The root starts once they have run. */
  var items = {};
  function needing(root) {
    var files = (root.getAttribute('data-gk-needs') || '').split(' '), waiting = false;
    for (var i = 0; i < files.length; i++) {
      if (/^[\w-]+(\/[\w-][\w.-]*)*\.js$/.test(files[i]) && loading(files[i], items)) waiting = true;
    }
    return waiting;
  }

  /* The stylesheets the page's content needs, named by its data-gk-styles marker (the plugin
     links them in the head too, so a first load paints styled). After Material's instant
     navigation the new content's marker may name a stylesheet no page loaded yet: it is added
     to the head (where it stays for the pages after) and widgets start once it is in, so
     their controls never show unstyled. True while one is still loading. */
  var styles = {};
  function styling() {
    var config = window.GuidekitConfig || {};
    var names = [], waiting = false, i;
    var markers = document.querySelectorAll('[data-gk-styles]');
    for (i = 0; i < markers.length; i++) {
      names = names.concat(markers[i].getAttribute('data-gk-styles').split(/\s+/));
    }
    /* Where no adapter linked them (its pages link the print stylesheet too), those of each
       widget's bundle (after the parts widgets share: "guidekit-widgets.css guidekit-matrix.css")
       and every static part's (articles, index pages), whose classes only the adapter knows. */
    var linked = document.querySelector('link[href$="guidekit-print.css"]');
    var own = linked ? {} : config.styles || {};
    if (!linked && config.static) names = names.concat(config.static);
    var roots = document.querySelectorAll('[data-gk]:not([data-gk-ready])');
    for (i = 0; i < roots.length; i++) {
      var file = bundleOf(roots[i].getAttribute('data-gk'));
      if (file && Object.prototype.hasOwnProperty.call(own, file)) names = names.concat(own[file].split(' '));
    }
    for (i = 0; i < names.length; i++) {
      if (!/^[\w.-]+\.css$/.test(names[i])) continue;
      var url = new URL(names[i], config.assets || document.baseURI).href;
      if (!styles[url]) styles[url] = sheet(url);
      if (styles[url] !== 'done') waiting = true;
    }
    /* Until they are in, the content that names them stays hidden in its place (.gk-styling),
       as on a first load: new content shown unstyled would jump once they apply. */
    for (i = 0; i < markers.length; i++) markers[i].parentNode.classList.toggle('gk-styling', waiting);
    return waiting;
  }
  function sheet(url) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].href === url && links[i].sheet) return 'done';
    }
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    /* A stylesheet that fails must not keep the widgets from starting. */
    var done = function () { styles[url] = 'done'; GK.start(document); };
    link.addEventListener('load', done);
    link.addEventListener('error', done);
    /* Nor one that never answers: the content it holds hidden shows after a few seconds. */
    window.setTimeout(done, 4000);
    document.head.appendChild(link);
    return 'loading';
  }

  /* UI strings of the site's language: each bundle adds the ones its code asks for. */
  var strings = {};

  var GK = window.GK = {
    /* Storage that never throws: quota, private modes and corrupt JSON fall back to memory. */
    store: {
      key: function (root, kind) {
        return 'gk:' + (root.getAttribute('data-gk-ns') || 'guidekit') + ':' + kind + ':' +
          root.getAttribute('data-gk-id');
      },
      get: function (key) {
        var raw = null;
        try { raw = window.localStorage.getItem(key); } catch (e) { raw = null; }
        if (raw === null && Object.prototype.hasOwnProperty.call(memory, key)) raw = memory[key];
        if (raw === null) return null;
        try { return JSON.parse(raw); } catch (e) { return null; }
      },
      set: function (key, value) {
        var raw = JSON.stringify(value);
        memory[key] = raw;
        try { window.localStorage.setItem(key, raw); return true; } catch (e) { return false; }
      },
      remove: function (key) {
        delete memory[key];
        try { window.localStorage.removeItem(key); } catch (e) { /* memory copy is gone */ }
      },
      /* Every key saved under a prefix (e.g. a site's 'gk:<ns>:'), in storage or in memory. */
      keys: function (prefix) {
        var found = {};
        try {
          for (var i = 0; i < window.localStorage.length; i++) {
            var k = window.localStorage.key(i);
            if (k !== null && k.indexOf(prefix) === 0) found[k] = true;
          }
        } catch (e) { /* storage blocked: memory only */ }
        Object.keys(memory).forEach(function (k) { if (k.indexOf(prefix) === 0) found[k] = true; });
        return Object.keys(found).sort();
      },
      persistent: storageAvailable
    },
    say: function (el, text) { if (el) el.textContent = text; },
    strings: function (table) {
      for (var key in table) if (Object.prototype.hasOwnProperty.call(table, key)) strings[key] = table[key];
    },
    /* A UI string of the site's language (the bundles carry the ones their code uses):
       placeholders {name} filled from values; a key_one variant when values.count is 1. */
    t: function (key, values) {
      var table = strings;
      var has = function (k) { return Object.prototype.hasOwnProperty.call(table, k); };
      var text = values && values.count === 1 && has(key + '_one') ? table[key + '_one']
        : has(key) ? table[key] : key;
      return String(text).replace(/\{(\w+)\}/g, function (m, name) {
        return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : m;
      });
    },
    /* Several modules may add behaviour to one kind (the decision wizard and its flowchart). */
    register: function (kind, init) { (registry[kind] = registry[kind] || []).push(init); },
    /* Fetch the bundle of a kind no root on the page holds (yet), e.g. the reading ticks once
       the reader has marked something read: true while it is not there. */
    fetch: fetching,
    start: function (scope) {
      if (styling()) return;
      var roots = (scope || document).querySelectorAll('[data-gk]');
      for (var i = 0; i < roots.length; i++) {
        var root = roots[i];
        var kind = root.getAttribute('data-gk');
        if (root.hasAttribute('data-gk-ready')) continue;
        var waiting = fetching(kind);  // the bundle and the item's files load side by side
        if (needing(root) || waiting) continue;
        var inits = registry[kind];
        if (!inits) continue;
        root.setAttribute('data-gk-ready', '');
        var closed = root.querySelectorAll('details.gk-js-closed');
        for (var c = 0; c < closed.length; c++) closed[c].open = false;
        for (var j = 0; j < inits.length; j++) {
          try { inits[j](root); } catch (e) {
            if (window.console) window.console.error('guidekit:', e);
          }
        }
      }
    }
  };

  /* Material's instant navigation swaps the page body and emits on document$; without Material
     the DOMContentLoaded event is enough. A fresh body has fresh roots, so nothing runs twice. */
  function boot() {
    if (window.document$ && typeof window.document$.subscribe === 'function') {
      window.document$.subscribe(function () { GK.start(document); });
    } else if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', function () { GK.start(document); });
    } else {
      GK.start(document);
    }
  }
  window.setTimeout(boot, 0);
})();
