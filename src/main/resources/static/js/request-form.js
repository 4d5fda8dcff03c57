/*
 * Token Portal: the request form's live policy preview. The same server code that decides at
 * submit answers GET /requests/preview; this script only asks it while the form changes and
 * shows the answer. Without JavaScript the form's "Check policy" button does the same.
 */
(function () {
  'use strict';

  var form = document.getElementById('request-form');
  if (!form || !window.fetch || !window.URLSearchParams || !window.FormData) {
    return;
  }
  var url = form.getAttribute('data-preview-url');
  var box = document.getElementById('policy-preview');
  var summary = document.getElementById('policy-preview-text');
  var reason = document.getElementById('policy-preview-reason');
  var version = document.getElementById('policy-preview-version');
  var expiry = document.getElementById('expiresOn');
  var fields = ['target', 'scopes', 'accessLevel', 'expiresOn', 'lifetimeHours'];
  var allowed = ['LOW', 'STANDARD', 'HIGH'];
  var timer = null;
  var latest = 0;
  // what the last preview was asked for: a change event that repeats the input events
  // before it, or a field set back to what it was, asks nothing
  var asked = null;
  // a pause in typing, not every keystroke; the justification, name and description do
  // not change the decision and are never sent
  var pause = 400;

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (fields.indexOf(name) >= 0) {
        params.append(name, value);
      }
    });
    return params.toString();
  }

  function show(preview) {
    box.setAttribute('data-outcome', preview.outcome);
    summary.textContent = preview.summary;
    reason.textContent = (allowed.indexOf(preview.outcome) >= 0 && preview.reason) ? preview.reason : '';
    // version 0 is the built-in policy, which no admin has saved yet
    version.textContent = (preview.policyVersion === null || preview.policyVersion === undefined) ? ''
      : (preview.policyVersion === 0) ? (box.getAttribute('data-builtin-text') || '')
        : (box.getAttribute('data-version-text') || '{0}').replace('{0}', preview.policyVersion);
    if (expiry && preview.maxExpiresOn) {
      expiry.max = preview.maxExpiresOn;
    }
  }

  function refresh() {
    var current = query();
    if (current === asked) {
      return;
    }
    asked = current;
    var ticket = ++latest;
    box.setAttribute('aria-busy', 'true');
    fetch(url + '?' + current, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        // 429 carries a preview that says how long to wait
        if (!response.ok && response.status !== 429) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (preview) {
        if (ticket === latest) {
          show(preview);
        }
        if (preview.outcome === 'LIMITED') {
          asked = null;
        }
      })
      .catch(function () {
        // keep the last answer and ask again at the next change; "Check policy" still
        // asks the server without this script
        asked = null;
      })
      .then(function () {
        if (ticket === latest) {
          box.removeAttribute('aria-busy');
        }
      });
  }

  function schedule(event) {
    if (!event.target || fields.indexOf(event.target.name) < 0) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, pause);
  }

  form.addEventListener('change', schedule);
  form.addEventListener('input', schedule);
}());
