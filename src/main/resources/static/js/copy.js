// Copies a token value to the clipboard from a button with data-copy-target="<input id>".
// Loaded with <script src>, as the Content-Security-Policy allows no inline script.
(function () {
  'use strict';

  function announce(button, text) {
    var status = document.getElementById('copy-status');
    if (status) {
      status.textContent = text;
    }
  }

  function fallbackCopy(input) {
    input.focus();
    input.select();
    try {
      return document.execCommand('copy');
    } catch (e) {
      return false;
    }
  }

  function onClick(event) {
    var button = event.currentTarget;
    var input = document.getElementById(button.getAttribute('data-copy-target'));
    if (!input) {
      return;
    }
    var copied = button.getAttribute('data-copied-text') || 'Copied';
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(function () {
        announce(button, copied);
      }, function () {
        if (fallbackCopy(input)) {
          announce(button, copied);
        }
      });
    } else if (fallbackCopy(input)) {
      announce(button, copied);
    }
  }

  function init() {
    var buttons = document.querySelectorAll('[data-copy-target]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', onClick);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
