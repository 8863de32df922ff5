/* guidekit checklist: ticks saved per item id, progress, in-page reset confirmation, Markdown
   export and share links. A link with ?gk-checklist-<id>=a,b ticks exactly those items, saves
   them, then drops the parameter from the address bar (storage holds the state from then on). */
(function () {
  'use strict';
  function all(root, sel) { return [].slice.call(root.querySelectorAll(sel)); }
  function text(el) { return el ? el.textContent.replace(/\s+/g, ' ').trim() : ''; }

  /* The checklist as a Markdown task list under a heading of level h (2: "##"). */
  function markdown(root, h) {
    var hashes = new Array(h + 1).join('#');
    var lines = [hashes + ' ' + (root.getAttribute('data-gk-title') || '')];
    all(root, '[data-gk-section]').forEach(function (s) {
      var legend = s.querySelector('legend'), title = '';
      if (legend) {
        [].forEach.call(legend.childNodes, function (n) { if (n.nodeType === 3) title += n.nodeValue; });
      }
      lines.push('', hashes + '# ' + title.replace(/\s+/g, ' ').trim(), '');
      all(s, '[data-gk-item]').forEach(function (li) {
        var box = li.querySelector('[data-gk-check]');
        lines.push('- [' + (box && box.checked ? 'x' : ' ') + '] ' + text(li.querySelector('label')));
      });
    });
    return lines.join('\n') + '\n';
  }
  GK.markdown = GK.markdown || {};
  GK.markdown.checklist = markdown;

  GK.register('checklist', function (root) {
    var key = GK.store.key(root, 'checklist');
    var param = GK.url.param('checklist', root);
    var boxes = all(root, '[data-gk-check]');
    var sections = all(root, '[data-gk-section]');
    var msg = root.querySelector('[data-gk-message]');
    var controls = root.querySelector('[data-gk-controls]');
    var resetBtn = root.querySelector('[data-gk-action="reset"]');
    var state = GK.store.get(key);
    if (!state || typeof state !== 'object' || Array.isArray(state)) state = {};

    var shared = GK.url.get(param);
    if (shared !== null) {
      state = {};
      var known = 0;
      shared.split(',').forEach(function (id) {
        if (boxes.some(function (b) { return b.getAttribute('data-gk-check') === id; })) {
          state[id] = true;
          known++;
        }
      });
      GK.store.set(key, state);
      GK.url.replace(param, null);
      GK.say(msg, GK.t('checklist.loaded_shared', { count: known }));
    }

    function update() {
      var done = 0;
      boxes.forEach(function (b) { if (b.checked) done++; });
      var bar = root.querySelector('[data-gk-progress]');
      if (bar) { bar.max = boxes.length; bar.value = done; }
      GK.say(root.querySelector('[data-gk-progress-text]'), GK.t('checklist.progress', { done: done, total: boxes.length }));
      sections.forEach(function (s) {
        var mine = all(s, '[data-gk-check]');
        var n = mine.filter(function (b) { return b.checked; }).length;
        GK.say(s.querySelector('[data-gk-section-progress]'), n + '/' + mine.length);
      });
    }

    // A box ticked (or unticked) before this script started keeps the reader's choice.
    var early = false;
    boxes.forEach(function (b) {
      var id = b.getAttribute('data-gk-check');
      if (!GK.changed(b)) { b.checked = state[id] === true; return; }
      early = true;
      if (b.checked) state[id] = true; else delete state[id];
    });
    if (early) GK.store.set(key, state);
    update();

    root.addEventListener('change', function (e) {
      var id = e.target.getAttribute && e.target.getAttribute('data-gk-check');
      if (!id) return;
      if (e.target.checked) state[id] = true; else delete state[id];
      GK.store.set(key, state);
      update();
    });

    if (controls && resetBtn) {
      var askReset = GK.confirmation(controls, resetBtn, msg, {
        question: GK.t('checklist.reset_question'),
        confirm: GK.t('checklist.confirm_reset'),
        cancel: GK.t('checklist.cancel')
      }, function () {
        state = {};
        GK.store.remove(key);
        boxes.forEach(function (b) { b.checked = false; });
        update();
        GK.say(msg, GK.t('checklist.cleared'));
      });
      controls.addEventListener('click', function (e) {
        var t = e.target.closest('button');
        if (!t) return;
        var action = t.getAttribute('data-gk-action');
        if (action === 'export') GK.copy(markdown(root, 2), msg, GK.t('checklist.what_checklist'));
        else if (action === 'share') {
          var ids = boxes.filter(function (b) { return b.checked; })
            .map(function (b) { return b.getAttribute('data-gk-check'); });
          var url = new URL(window.location.href);
          url.searchParams.set(param, ids.join(','));
          GK.copy(url.toString(), msg, GK.t('core.share_link'));
        } else if (action === 'reset') askReset();
      });
    }
  });
})();
