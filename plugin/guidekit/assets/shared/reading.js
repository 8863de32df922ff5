/* guidekit reading progress, shared by the bundles that read or mark it (the "read" checkboxes
   and navigation ticks, assets/parts/reading/; the progress list, assets/lazy/progress/):
   bundled into each, so it may run twice on a page, defining the same functions again.
   Saved as gk:<ns>:progress:reading = {pages: {key: 1}, sections: {"key#id": 1}}, where a
   page's key is its URL relative to the site root ("" for the home page). Navigation links
   of finished pages and sections get a class (the tick is CSS: css/80-reading.css) and a
   hidden "(done)". */
(function () {
  'use strict';
  function all(root, sel) { return [].slice.call(root.querySelectorAll(sel)); }
  function isMap(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
  function prefix(ns) { return 'gk:' + ns + ':'; }
  function readingKey(ns) { return prefix(ns) + 'progress:reading'; }

  function load(ns) {
    var saved = GK.store.get(readingKey(ns));
    return {
      pages: isMap(saved) && isMap(saved.pages) ? saved.pages : {},
      sections: isMap(saved) && isMap(saved.sections) ? saved.sections : {}
    };
  }
  function save(ns, state) { GK.store.set(readingKey(ns), state); }

  /* The key of a link's page (and its #section) when it points inside the site, else null. */
  function target(href, root) {
    var url;
    try { url = new URL(href, window.location.href); } catch (e) { return null; }
    var path = url.origin + url.pathname;
    if (path.indexOf(root) !== 0) return null;
    var key = path.slice(root.length).replace(/(^|\/)index\.html$/, '$1');
    var hash = '';
    try { hash = decodeURIComponent(url.hash.slice(1)); } catch (e) { hash = url.hash.slice(1); }
    return { page: key, hash: hash };
  }
  function siteRoot(el) {
    var url = new URL(el.getAttribute('data-gk-root') || './', window.location.href);
    return url.origin + url.pathname;
  }

  /* Navigation links get a class (the theme-neutral tick is CSS) and a hidden "(done)". */
  function markNav(reading) {
    var ns = reading.getAttribute('data-gk-ns');
    var selector = reading.getAttribute('data-gk-nav');
    /* Set once the navigation shows what the reader saved (80-reading.js sets it at once when
       nothing is saved), for whatever waits on the ticks. */
    reading.setAttribute('data-gk-nav-ready', '');
    if (!selector) return;
    var root = siteRoot(reading), state = load(ns), links;
    try { links = all(document, selector); } catch (e) { return; }
    links.forEach(function (a) {
      var href = a.getAttribute('href');
      var to = href && href !== '#' ? target(href, root) : null;
      var done = !!to && (to.hash ? state.sections[to.page + '#' + to.hash] === 1
        : state.pages[to.page] === 1);
      a.classList.toggle('gk-nav-done', done);
      var note = a.querySelector('.gk-nav-done__note');
      if (done && !note) {
        note = document.createElement('span');
        note.className = 'gk-sr gk-nav-done__note';
        note.textContent = ' ' + GK.t('progress.nav_done');
        a.appendChild(note);
      } else if (!done && note) {
        note.parentNode.removeChild(note);
      }
    });
  }
  function markAllNav() { all(document, '[data-gk="reading"]').forEach(markNav); }

  GK.reading = { load: load, save: save, prefix: prefix, isMap: isMap, all: all, markNav: markNav,
    markAllNav: markAllNav };
})();
