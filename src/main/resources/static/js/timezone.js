/*
 * Token Portal: tells the server the browser's time zone (cookie "tz"), so that pages show
 * times in it. Without this script, or before its first answer, pages show UTC.
 */
(function () {
  'use strict';

  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (ignored) {
    return;
  }
  if (!zone) {
    return;
  }
  var value = encodeURIComponent(zone);
  if (('; ' + document.cookie + ';').indexOf('; tz=' + value + ';') >= 0) {
    return;
  }
  document.cookie = 'tz=' + value + '; path=/; max-age=31536000; SameSite=Lax'
    + (window.location.protocol === 'https:' ? '; Secure' : '');
}());
