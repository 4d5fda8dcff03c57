/*
 * Token Portal: on the request form, shows the CI/CD variable's fields only while
 * "Put it into a CI/CD variable" is chosen. Without JavaScript they are always shown
 * and ignored when the token is to be shown once.
 */
(function () {
  'use strict';

  var fields = document.getElementById('variable-fields');
  var variable = document.getElementById('delivery-variable');
  var show = document.getElementById('delivery-show');
  if (!fields || !variable || !show) {
    return;
  }

  function update() {
    fields.hidden = !variable.checked;
  }

  variable.addEventListener('change', update);
  show.addEventListener('change', update);
  update();
})();
