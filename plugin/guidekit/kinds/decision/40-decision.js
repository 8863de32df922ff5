/* guidekit decision wizard: one question at a time, built from the nested list (which stays
   the no-JS reading). ?gk-decision-<id>=0.1.0 is the path of answer indexes; it is kept in sync
   and restored on load, step by step, stopping at the first step that does not fit the tree. */
(function () {
  'use strict';
  function kids(li) { return [].slice.call(li.querySelectorAll(':scope > ul > [data-gk-node]')); }
  function part(li, sel) { return li.querySelector(':scope > ' + sel); }
  function el(tag, cls, txt) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt) e.textContent = txt;
    return e;
  }
  function text(e) { return e ? e.textContent.replace(/\s+/g, ' ').trim() : ''; }

  GK.register('decision', function (root) {
    var tree = root.querySelector('[data-gk-tree]');
    var wizard = root.querySelector('[data-gk-wizard]');
    var start = tree && tree.querySelector(':scope > [data-gk-node]');
    if (!start || !wizard) return;
    var param = GK.url.param('decision', root);
    var qid = 'gk-q-' + root.getAttribute('data-gk-id');
    var path = [];

    function nodeAt(steps) {
      var li = start;
      for (var i = 0; i < steps.length; i++) li = kids(li)[steps[i]];
      return li;
    }

    function render(focus) {
      var li = nodeAt(path), step = el('div', 'gk-wizard__step'), target;
      wizard.textContent = '';
      if (path.length) {
        var trail = el('ol', 'gk-wizard__path');
        trail.setAttribute('aria-label', GK.t('decision.your_answers'));
        var at = start;
        path.forEach(function (i) {
          var next = kids(at)[i];
          trail.appendChild(el('li', '', text(part(at, '[data-gk-question]')) + ' \u2192 ' + next.getAttribute('data-gk-via')));
          at = next;
        });
        wizard.appendChild(trail);
      }
      var q = part(li, '[data-gk-question]');
      if (q) {
        target = el('p', 'gk-wizard__question');
        target.id = qid;
        target.appendChild(q.cloneNode(true));
        step.appendChild(target);
        var help = part(li, '.gk-help');
        if (help) step.appendChild(help.cloneNode(true));
        var answers = el('div', 'gk-wizard__answers');
        answers.setAttribute('role', 'group');
        answers.setAttribute('aria-labelledby', qid);
        kids(li).forEach(function (child, i) {
          var b = el('button', 'md-button md-button--primary', child.getAttribute('data-gk-via'));
          b.type = 'button';
          b.setAttribute('data-gk-answer', i);
          answers.appendChild(b);
        });
        step.appendChild(answers);
      } else {
        target = el('div', 'gk-wizard__outcome');
        target.appendChild(el('p', 'gk-wizard__label', GK.t('decision.recommendation')));
        ['[data-gk-outcome]', '[data-gk-refs]', '[data-gk-rationale]', '[data-gk-alternatives]', '[data-gk-rows]']
          .forEach(function (sel) {
            var found = part(li, sel);
            if (found) target.appendChild(found.cloneNode(true));
          });
        step.appendChild(target);
      }
      target.tabIndex = -1;
      wizard.appendChild(step);
      if (path.length) {
        var bar = el('div', 'gk-toolbar');
        [['back', GK.t('decision.back')], ['restart', GK.t('decision.restart')]].forEach(function (a) {
          var b = el('button', 'md-button', a[1]);
          b.type = 'button';
          b.setAttribute('data-gk-action', a[0]);
          bar.appendChild(b);
        });
        wizard.appendChild(bar);
      }
      if (focus) target.focus();
    }

    function go(steps) {
      path = steps;
      GK.url.replace(param, path.length ? path.join('.') : null);
      render(true);
    }

    var saved = GK.url.get(param);
    if (saved) {
      saved.split('.').every(function (s) {
        var li = nodeAt(path);
        if (!/^\d{1,3}$/.test(s) || +s >= kids(li).length) return false;
        path.push(+s);
        return true;
      });
      if (path.join('.') !== saved) GK.url.replace(param, path.length ? path.join('.') : null);
    }

    wizard.addEventListener('click', function (e) {
      var b = e.target.closest('button');
      if (!b) return;
      var answer = b.getAttribute('data-gk-answer'), action = b.getAttribute('data-gk-action');
      if (answer !== null) go(path.concat(+answer));
      else if (action === 'back') go(path.slice(0, -1));
      else if (action === 'restart') go([]);
    });

    render(false);
  });
})();
