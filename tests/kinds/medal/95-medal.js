/* Medals: mark each one awake, once (Material's instant navigation calls this again). */
GK.register('medal', function (root) {
  root.setAttribute('data-gk-medal-awake', '');
});
