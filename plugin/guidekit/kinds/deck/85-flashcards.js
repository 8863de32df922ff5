/* guidekit flashcards: study the cards listed in the page with Leitner boxes. A card starts in
   box 1; a right answer moves it up a box and schedules it 1, 2, 4, 8 or 16 days later, a
   wrong one sends it back to box 1 and again in this session. State is saved per deck
   (gk:<ns>:flashcards:<deck> = {card id: [box, due day]}), so a deck's page and the page
   that studies every deck share it. Keys: Space/Enter flip, 1/← wrong, 2/→ right. */
(function () {
  'use strict';
  var INTERVAL = [0, 1, 2, 4, 8, 16];  /* days until a card in box n is due again */

  function today() {
    var now = new Date();
    return Math.floor((now.getTime() - now.getTimezoneOffset() * 60000) / 86400000);
  }
  function valid(entry) {
    return Array.isArray(entry) && entry.length === 2 && entry[0] >= 1 && entry[0] <= 5 &&
      Math.floor(entry[0]) === entry[0] && isFinite(entry[1]);
  }

  GK.register('flashcards', function (root) {
    var study = root.querySelector('[data-gk-study]');
    var cardBox = root.querySelector('[data-gk-card]');
    var front = root.querySelector('[data-gk-front]');
    var back = root.querySelector('[data-gk-back]');
    var backText = root.querySelector('[data-gk-back-text]');
    var status = root.querySelector('[data-gk-status]');
    if (!study || !cardBox) return;
    var buttons = {};
    [].forEach.call(root.querySelectorAll('[data-gk-action]'), function (b) {
      buttons[b.getAttribute('data-gk-action')] = b;
    });
    var cards = [].map.call(root.querySelectorAll('[data-gk-card-id]'), function (el) {
      return { id: el.getAttribute('data-gk-card-id'), deck: el.getAttribute('data-gk-deck'), el: el };
    });
    var decks = {};
    cards.forEach(function (c) { decks[c.deck] = true; });
    var state = {};
    Object.keys(decks).forEach(function (deck) {
      var saved = GK.store.get(key(deck));
      state[deck] = saved && typeof saved === 'object' && !Array.isArray(saved) ? saved : {};
    });
    var queue = [], current = null, flipped = false, ahead = false;

    function key(deck) {
      return 'gk:' + (root.getAttribute('data-gk-ns') || 'guidekit') + ':flashcards:' + deck;
    }
    function entry(card) {
      var e = state[card.deck][card.id];
      return valid(e) ? e : [1, today()];
    }
    function save(deck) { GK.store.set(key(deck), state[deck]); }

    function counts() {
      var n = [0, 0, 0, 0, 0, 0];
      cards.forEach(function (c) {
        var box = entry(c)[0];
        n[box]++;
        c.el.setAttribute('data-gk-box', String(box));
      });
      [].forEach.call(root.querySelectorAll('[data-gk-box]'), function (li) {
        if (li.hasAttribute('data-gk-card-id')) return;
        var out = li.querySelector('[data-gk-box-count]');
        if (out) out.textContent = String(n[+li.getAttribute('data-gk-box')]);
      });
    }
    /* Due cards, lowest box first (ties keep the page's order); studying ahead takes them all. */
    function build() {
      var day = today();
      queue = cards.filter(function (c) { return ahead || entry(c)[1] <= day; });
      queue.sort(function (a, b) { return entry(a)[0] - entry(b)[0]; });
    }
    function show(el, on) { if (el) el.hidden = !on; }
    function copy(target, source) {
      target.textContent = '';
      [].forEach.call(source.childNodes, function (n) { target.appendChild(n.cloneNode(true)); });
    }
    function render() {
      current = queue.length ? queue[0] : null;
      flipped = false;
      counts();
      show(cardBox, !!current);
      show(back, false);
      show(buttons.flip, !!current);
      show(buttons.right, false);
      show(buttons.wrong, false);
      show(buttons.ahead, !current);
      if (!current) {
        front.textContent = '';
        backText.textContent = '';
        ahead = false;
        GK.say(status, GK.t('flashcards.caught_up'));
        return;
      }
      cardBox.setAttribute('data-gk-current', current.id);
      copy(front, current.el.querySelector('[data-gk-q]'));
      copy(backText, current.el.querySelector('[data-gk-a]'));
    }
    function flip() {
      if (!current || flipped) return;
      flipped = true;
      show(back, true);
      show(buttons.flip, false);
      show(buttons.right, true);
      show(buttons.wrong, true);
      /* Read the answer out to screen readers; sighted readers see it on the card. */
      GK.say(root.querySelector('[data-gk-announce]'), backText.textContent.replace(/\s+/g, ' ').trim());
    }
    function grade(right) {
      if (!current || !flipped) return;
      var card = queue.shift(), box = right ? Math.min(entry(card)[0] + 1, 5) : 1;
      state[card.deck][card.id] = [box, today() + (right ? INTERVAL[box] : 0)];
      save(card.deck);
      if (!right) queue.push(card);
      render();
      var said = right ? GK.t('flashcards.moved_up', { box: box }) : GK.t('flashcards.moved_back');
      if (current) said += ' ' + GK.t('flashcards.left', { count: queue.length });
      GK.say(status, current ? said : said + ' ' + GK.t('flashcards.caught_up'));
      cardBox.focus();
    }
    function confirming(on) {
      show(buttons.reset, !on);
      show(buttons['confirm-reset'], on);
      show(buttons['cancel-reset'], on);
      (on ? buttons['confirm-reset'] : buttons.reset).focus();
    }

    study.addEventListener('click', function (e) {
      var t = e.target.closest('[data-gk-action]'), action = t && t.getAttribute('data-gk-action');
      if (action === 'flip') { flip(); cardBox.focus(); }
      else if (action === 'right' || action === 'wrong') grade(action === 'right');
      else if (action === 'ahead') { ahead = true; build(); render(); cardBox.focus(); }
      else if (action === 'reset') { GK.say(status, GK.t('flashcards.reset_question')); confirming(true); }
      else if (action === 'cancel-reset') { GK.say(status, ''); confirming(false); }
      else if (action === 'confirm-reset') {
        Object.keys(decks).forEach(function (deck) { state[deck] = {}; GK.store.remove(key(deck)); });
        build();
        render();
        confirming(false);
        GK.say(status, GK.t('flashcards.reset_done'));
      }
    });
    study.addEventListener('keydown', function (e) {
      var tag = e.target.tagName;
      if (e.altKey || e.ctrlKey || e.metaKey || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
      /* A focused button already acts on Space and Enter. */
      if (tag === 'BUTTON' && (e.key === ' ' || e.key === 'Enter')) return;
      if ((e.key === ' ' || e.key === 'Enter') && !flipped && current) flip();
      else if ((e.key === '2' || e.key === 'ArrowRight') && flipped) grade(true);
      else if ((e.key === '1' || e.key === 'ArrowLeft') && flipped) grade(false);
      else return;
      e.preventDefault();
    });

    build();
    render();
    if (current) GK.say(status, GK.t('flashcards.left', { count: queue.length }));
  });
})();
