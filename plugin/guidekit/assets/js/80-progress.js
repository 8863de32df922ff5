/* guidekit reading progress. Every page ends with a "reading" root: it marks the navigation
   links of finished pages and sections and, on a page that counts, adds an "I have read this
   page" checkbox plus one per section marker. The "progress" widget lists the pages with the
   reader's progress and moves everything the site saved (pages, sections, checklists, other
   widgets under gk:<ns>:) out and back in as one JSON file.
   Saved as gk:<ns>:progress:reading = {pages: {key: 1}, sections: {"key#id": 1}}, where a
   page's key is its URL relative to the site root ("" for the home page). */
(function () {
  'use strict';
  var FORMAT = 'guidekit-progress';
  var VERSION = 1;
  var MAX_BYTES = 5 * 1024 * 1024;
  var ENTRY = /^[A-Za-z0-9_-]+:\S{1,300}$/;

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

  /* ---------------------------------------------------------------- the progress widget */

  function slug(text) { return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'site'; }

  function exportData(ns) {
    var items = {};
    GK.store.keys(prefix(ns)).forEach(function (key) {
      var value = GK.store.get(key);
      if (value !== null) items[key.slice(prefix(ns).length)] = value;
    });
    return { format: FORMAT, version: VERSION, site: ns, exported: new Date().toISOString(), items: items };
  }

  /* The file's entries if it is a progress file of this site, else {error: message}. */
  function validate(text, ns, name) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return { error: GK.t('progress.import_bad_json', { file: name }) }; }
    if (!isMap(data) || data.format !== FORMAT || !isMap(data.items)) {
      return { error: GK.t('progress.import_bad_format', { file: name }) };
    }
    if (data.version !== VERSION) {
      return { error: GK.t('progress.import_bad_version', {
        file: name, version: String(data.version), supported: VERSION }) };
    }
    if (data.site !== ns) {
      return { error: GK.t('progress.import_other_site', { file: name, site: String(data.site) }) };
    }
    var keys = Object.keys(data.items);
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i], value = data.items[key];
      var bad = !ENTRY.test(key) || value === null || value === undefined ||
        (key === 'progress:reading' && !(isMap(value) && isMap(value.pages || {}) && isMap(value.sections || {})));
      if (bad) return { error: GK.t('progress.import_bad_entry', { file: name, key: key.slice(0, 80) }) };
    }
    return { items: data.items };
  }

  function replaceAll(ns, items) {
    GK.store.keys(prefix(ns)).forEach(GK.store.remove);
    Object.keys(items || {}).forEach(function (key) { GK.store.set(prefix(ns) + key, items[key]); });
  }

  function download(name, text) {
    var blob = new Blob([text], { type: 'application/json' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.parentNode.removeChild(link);
    }, 1000);
  }


  GK.register('progress', function (root) {
    var ns = root.getAttribute('data-gk-ns');
    var msg = root.querySelector('[data-gk-message]');
    var controls = root.querySelector('[data-gk-controls]');
    var clearBtn = root.querySelector('[data-gk-action="clear"]');
    var fileInput = root.querySelector('[data-gk-action="import"]');
    var pages = all(root, '[data-gk-page]');

    function update() {
      var state = load(ns), done = 0;
      pages.forEach(function (li) {
        var key = li.getAttribute('data-gk-page');
        var ids = [];
        try { ids = JSON.parse(li.getAttribute('data-gk-sections') || '[]'); } catch (e) { ids = []; }
        var read = ids.filter(function (id) { return state.sections[key + '#' + id] === 1; }).length;
        var finished = state.pages[key] === 1;
        if (finished) done++;
        li.classList.toggle('gk-done', finished);
        GK.say(li.querySelector('[data-gk-page-state]'), finished ? GK.t('progress.page_state_done')
          : read ? GK.t('progress.page_state_sections', { done: read, total: ids.length }) : '');
      });
      all(root, '[data-gk-group]').forEach(function (group) {
        var mine = all(group, '[data-gk-page]');
        var n = mine.filter(function (li) { return li.classList.contains('gk-done'); }).length;
        GK.say(group.querySelector('[data-gk-group-count]'), GK.t('progress.group_count', { done: n, total: mine.length }));
      });
      var bar = root.querySelector('[data-gk-progress]');
      if (bar) { bar.max = pages.length; bar.value = done; }
      GK.say(root.querySelector('[data-gk-progress-text]'), GK.t('progress.pages_done', { done: done, total: pages.length }));
      markAllNav();
    }
    update();
    if (!GK.store.persistent()) GK.say(msg, GK.t('progress.not_saved'));

    var askClear = GK.confirmation(controls, clearBtn, msg, {
      question: GK.t('progress.clear_question'),
      confirm: GK.t('progress.confirm_clear'),
      cancel: GK.t('progress.cancel')
    }, function () {
      replaceAll(ns, {});
      update();
      GK.say(msg, GK.t('progress.cleared'));
    });
    controls.addEventListener('click', function (e) {
      var t = e.target.closest('button');
      if (!t) return;
      var action = t.getAttribute('data-gk-action');
      if (action === 'export') {
        var data = exportData(ns), name = slug(ns) + '-progress.json';
        download(name, JSON.stringify(data, null, 2) + '\n');
        GK.say(msg, GK.t('progress.exported', { count: Object.keys(data.items).length, file: name }));
      } else if (action === 'clear') askClear();
    });
    fileInput.addEventListener('change', function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      var name = file.name;
      var done = function (text) {
        var result = validate(text, ns, name);
        if (result.error) {
          GK.say(msg, result.error);
        } else {
          replaceAll(ns, result.items);
          update();
          GK.say(msg, GK.t('progress.imported', { count: Object.keys(result.items).length }));
        }
        fileInput.value = '';
      };
      if (file.size > MAX_BYTES) { GK.say(msg, GK.t('progress.import_too_big', { file: name })); fileInput.value = ''; return; }
      var reader = new FileReader();
      reader.onload = function () { done(String(reader.result)); };
      reader.onerror = function () { done(''); };
      reader.readAsText(file);
    });
    controls.hidden = false;
  });
})();
