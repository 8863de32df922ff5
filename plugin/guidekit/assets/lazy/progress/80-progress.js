/* guidekit progress widget: lists the pages with the reader's progress and moves everything
   the site saved (pages, sections, checklists, other widgets under gk:<ns>:) out and back in
   as one JSON file. Reads and marks through GK.reading (assets/shared/reading.js). */
(function () {
  'use strict';
  var FORMAT = 'guidekit-progress';
  var VERSION = 1;
  var MAX_BYTES = 5 * 1024 * 1024;
  var ENTRY = /^[A-Za-z0-9_-]+:\S{1,300}$/;
  var R = GK.reading, load = R.load, prefix = R.prefix, isMap = R.isMap, all = R.all;
  function markAllNav() { R.markAllNav(); }

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
