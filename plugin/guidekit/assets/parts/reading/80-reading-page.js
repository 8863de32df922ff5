/* guidekit reading progress on a page that counts: an "I have read this page" checkbox at its
   end and one "read" checkbox per section marker, saved where the navigation ticks read them
   (GK.reading, assets/shared/reading.js). Fetched by the pages that count (their reading
   marker holds a "reading-page" root) and, for the ticks, once the reader marked something. */
(function () {
  'use strict';
  var R = GK.reading, all = R.all, load = R.load, save = R.save;

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

  GK.register('reading-page', function (root) {
    var reading = root.parentNode;  // the page's reading marker, which names the page
    var ns = reading.getAttribute('data-gk-ns');
    var page = reading.getAttribute('data-gk-page') || '';
    var state = load(ns);
    var status = document.createElement('p');
    status.className = 'gk-reading__status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    var sectionBoxes = all(document, '[data-gk-reading-section]').map(function (marker, index) {
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
    reading.classList.add('gk');  // the marker's box: drawn once it holds something
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
      R.markAllNav();
    };
    sectionBoxes.concat([pageRow.querySelector('input')]).forEach(function (box) {
      box.addEventListener('change', toggle);
    });
  });
})();
