/* guidekit reading progress. Every page ends with a "reading" root: it marks the navigation
   links of finished pages and sections and, on a page that counts, adds an "I have read this
   page" checkbox plus one per section marker. The "progress" widget (assets/lazy/progress/,
   fetched by the pages holding one) uses GK.reading to list the pages with the reader's
   progress.
   Saved as gk:<ns>:progress:reading = {pages: {key: 1}, sections: {"key#id": 1}}, where a
   page's key is its URL relative to the site root ("" for the home page). */
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

  function checkbox(id, label, checked) {
    var wrap = document.createElement('p');
    wrap.className = 'gk-reading__check';
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.checked = checked;
    var text = document.createElement('label');
    text.htmlFor = id;
    text.textContent = label;
    wrap.appendChild(box);
    wrap.appendChild(document.createTextNode(' '));
    wrap.appendChild(text);
    return wrap;
  }

  GK.register('reading', function (reading) {
    var ns = reading.getAttribute('data-gk-ns');
    var page = reading.getAttribute('data-gk-page') || '';
    if (reading.hasAttribute('data-gk-counted')) {
      var state = load(ns);
      var markers = all(document, '[data-gk-reading-section]');
      var status = document.createElement('p');
      status.className = 'gk-reading__status';
      status.setAttribute('role', 'status');
      status.setAttribute('aria-live', 'polite');
      var sectionBoxes = markers.map(function (marker, index) {
        var id = marker.getAttribute('data-gk-reading-section');
        var row = checkbox('gk-read-' + index, GK.t('progress.section_done', {
          title: marker.getAttribute('data-gk-title') || id
        }), state.sections[page + '#' + id] === 1);
        marker.appendChild(row);
        var box = row.querySelector('input');
        box.setAttribute('data-gk-read-section', id);
        return box;
      });
      var pageRow = checkbox('gk-read-page', GK.t('progress.page_done'), state.pages[page] === 1);
      pageRow.querySelector('input').setAttribute('data-gk-read-page', '');
      reading.className += ' gk';
      reading.appendChild(pageRow);
      reading.appendChild(status);
      var describe = function () {
        var done = sectionBoxes.filter(function (b) { return b.checked; }).length;
        var text = sectionBoxes.length ? GK.t('progress.sections_done', {
          done: done, total: sectionBoxes.length }) : '';
        if (!GK.store.persistent()) text = (text ? text + ' ' : '') + GK.t('progress.not_saved');
        GK.say(status, text);
      };
      describe();
      var toggle = function (e) {
        var box = e.target;
        var isPage = box.hasAttribute('data-gk-read-page');
        var now = load(ns);  // another tab or the progress widget may have changed it
        var map = isPage ? now.pages : now.sections;
        var key = isPage ? page : page + '#' + box.getAttribute('data-gk-read-section');
        if (box.checked) map[key] = 1; else delete map[key];
        save(ns, now);
        describe();
        markAllNav();
      };
      sectionBoxes.concat([pageRow.querySelector('input')]).forEach(function (box) {
        box.addEventListener('change', toggle);
      });
    }
    markNav(reading);
  });

  GK.reading = { load: load, save: save, prefix: prefix, isMap: isMap, all: all, markAllNav: markAllNav };
})();
