// Every htmx request carries the page's CSRF token (the server checks it against its cookie).
document.addEventListener('htmx:configRequest', function (e) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { e.detail.headers['X-CSRF-Token'] = meta.content; }
});

// Forms answer 400/409 with themselves re-rendered around the error message: swap those in too.
// Server errors (5xx) are JSON for the log, not markup, so they are not swapped.
htmx.config.responseHandling = [
  { code: '204', swap: false },
  { code: '[23]..', swap: true },
  { code: '4..', swap: true, error: true },
  { code: '...', swap: false, error: true }
];
