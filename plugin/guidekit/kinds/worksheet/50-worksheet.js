/* Worksheet: remembers the chosen entity and the notes, and exports everything the reader
   entered in the page (its checklists, calculators, choice, notes) as one Markdown document. */
(function () {
  'use strict';
  function text(el) { return el ? el.textContent.replace(/\s+/g, ' ').trim() : ''; }
  function absolute(href) { try { return new URL(href, window.location.href).href; } catch (e) { return href; } }

  function choiceMarkdown(select) {
    var option = select.options[select.selectedIndex];
    var raw = option && option.getAttribute('data-gk-option');
    if (!raw) return [];
    var data;
    try { data = JSON.parse(raw); } catch (e) { return []; }
    var out = ['### ' + text(select.labels && select.labels[0]) + ': [' + data.name + '](' + absolute(data.url) + ')', ''];
    (data.uses || []).forEach(function (use) {
      out.push('- [' + use.name + '](' + absolute(use.url) + ')' + (use.note ? ' — ' + use.note : ''));
    });
    return out.concat(['']);
  }

  function showChoice(select) {
    var box = select.parentNode.querySelector('[data-gk-chosen]');
    if (!box) return;
    box.textContent = '';
    var option = select.options[select.selectedIndex];
    var raw = option && option.getAttribute('data-gk-option');
    if (!raw) return;
    var data;
    try { data = JSON.parse(raw); } catch (e) { return; }
    var link = document.createElement('a');
    link.href = data.url;
    link.textContent = data.name;
    var p = document.createElement('p');
    // The translated sentence is split at {name} so the entity name can be a real link.
    var parts = GK.t('worksheet.starting_from', { uses: (data.uses || []).map(function (u) { return u.name; }).join(', ') }).split('{name}');
    p.appendChild(document.createTextNode(parts[0]));
    p.appendChild(link);
    p.appendChild(document.createTextNode(parts.slice(1).join('')));
    box.appendChild(p);
  }

  GK.register('worksheet', function (root) {
    var key = GK.store.key(root, 'worksheet');
    var saved = GK.store.get(key);
    var state = (saved && typeof saved === 'object') ? saved : {};
    state.choices = (state.choices && typeof state.choices === 'object') ? state.choices : {};
    state.notes = (state.notes && typeof state.notes === 'object') ? state.notes : {};
    // The worksheet's own toolbar and message, not those of the widgets it embeds.
    var message = root.querySelector(':scope > [data-gk-message]');
    var selects = root.querySelectorAll('[data-gk-choice]');
    var notes = root.querySelectorAll('[data-gk-notes]');

    selects.forEach(function (select) {
      var wanted = state.choices[select.getAttribute('data-gk-choice')];
      if (typeof wanted === 'string') {
        for (var i = 0; i < select.options.length; i++) if (select.options[i].value === wanted) select.selectedIndex = i;
      }
      showChoice(select);
      select.addEventListener('change', function () {
        state.choices[select.getAttribute('data-gk-choice')] = select.value;
        GK.store.set(key, state);
        showChoice(select);
      });
    });
    notes.forEach(function (area) {
      var value = state.notes[area.getAttribute('data-gk-notes')];
      if (GK.changed(area)) {  // typed before this script started: keep and save it
        state.notes[area.getAttribute('data-gk-notes')] = area.value;
        GK.store.set(key, state);
      } else if (typeof value === 'string') area.value = value;
      area.addEventListener('input', function () {
        state.notes[area.getAttribute('data-gk-notes')] = area.value;
        GK.store.set(key, state);
      });
    });

    function documentMarkdown() {
      var out = ['# ' + root.getAttribute('data-gk-document-title'), ''];
      root.querySelectorAll('[data-gk-step]').forEach(function (step) {
        out.push('## ' + step.getAttribute('data-gk-step-title'), '');
        step.querySelectorAll('[data-gk-choice]').forEach(function (s) { out = out.concat(choiceMarkdown(s)); });
        // The widgets' own exporters, one heading level down.
        step.querySelectorAll('[data-gk="checklist"]').forEach(function (c) { out.push(GK.markdown.checklist(c, 3)); });
        step.querySelectorAll('[data-gk="calculator"]').forEach(function (c) { out.push(GK.markdown.calculator(c, 3)); });
        step.querySelectorAll('[data-gk-notes]').forEach(function (area) {
          if (area.value.trim()) out.push('### ' + text(area.labels && area.labels[0]), '', area.value.trim(), '');
        });
      });
      return out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
    }
    root.documentMarkdown = documentMarkdown;

    var controls = root.querySelector(':scope > [data-gk-controls]');
    root.addEventListener('click', function (event) {
      var button = event.target.closest && event.target.closest('[data-gk-action]');
      if (!button || button.closest('[data-gk]') !== root) return;
      var action = button.getAttribute('data-gk-action');
      if (action === 'download') {
        var blob = new Blob([documentMarkdown()], { type: 'text/markdown' });
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = (root.getAttribute('data-gk-id') || 'design') + '-document.md';
        document.body.appendChild(link);
        link.click();
        window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
        GK.say(message, GK.t('worksheet.downloaded'));
      } else if (action === 'export') {
        GK.copy(documentMarkdown(), message, GK.t('worksheet.what_document'));
      } else if (action === 'reset') {
        state = { choices: {}, notes: {} };
        GK.store.remove(key);
        selects.forEach(function (s) { s.selectedIndex = 0; showChoice(s); });
        notes.forEach(function (a) { a.value = ''; });
        GK.say(message, GK.t('worksheet.cleared'));
      }
    });
  });
})();
