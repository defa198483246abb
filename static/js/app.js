// Applyflow's page behaviour. Every page works without it; this adds htmx's CSRF header, visible errors for
// every failed request, the narrow-screen menu, the full-size screenshot viewer and the live notices (toasts).
document.documentElement.classList.add('js');

// Every htmx request carries the page's CSRF token (the server checks it against its cookie).
document.addEventListener('htmx:configRequest', function (e) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { e.detail.headers['X-CSRF-Token'] = meta.content; }
});

// Swap every answer: forms answer 400/409 with themselves re-rendered around the message, and server errors come
// back as a message that the server retargets into #app-error (HX-Retarget). Nothing fails silently.
htmx.config.responseHandling = [
  { code: '204', swap: false },
  { code: '[23]..', swap: true },
  { code: '[45]..', swap: true, error: true }
];

function showError(text) {
  var region = document.getElementById('app-error');
  if (!region) { window.alert(text); return; }
  region.innerHTML = '';
  var box = document.createElement('div');
  box.className = 'error';
  box.id = 'app-error-message';
  var span = document.createElement('span');
  span.textContent = text;
  var close = document.createElement('button');
  close.type = 'button';
  close.className = 'link dismiss';
  close.setAttribute('aria-label', 'Dismiss this message');
  close.textContent = '×';
  box.appendChild(span);
  box.appendChild(close);
  region.appendChild(box);
  region.scrollIntoView({ block: 'nearest' });
}

// An error answer that is not HTML (JSON from the API, a proxy's text page) is not swapped in; its message is shown.
document.addEventListener('htmx:beforeSwap', function (e) {
  var xhr = e.detail.xhr;
  if (xhr.status < 400) { return; }
  var type = xhr.getResponseHeader('content-type') || '';
  if (type.indexOf('text/html') === 0) { return; }
  e.detail.shouldSwap = false;
  var text = 'The server answered ' + xhr.status + '.';
  try {
    var body = JSON.parse(xhr.responseText);
    if (body && body.detail) { text = body.detail; }
  } catch (ignored) {
    if (xhr.responseText && xhr.responseText.length < 300) { text = xhr.responseText; }
  }
  showError(text);
});

document.addEventListener('htmx:sendError', function () {
  showError('Applyflow could not be reached. Is it still running? Nothing was changed; try again.');
});
document.addEventListener('htmx:timeout', function () {
  showError('Applyflow took too long to answer. Nothing may have been changed; reload the page to see.');
});

// A new request clears the previous message.
document.addEventListener('htmx:beforeRequest', function () {
  var region = document.getElementById('app-error');
  if (region) { region.innerHTML = ''; }
});

document.addEventListener('click', function (e) {
  var dismiss = e.target.closest('#app-error .dismiss, #app-error-message .dismiss');
  if (dismiss) {
    var box = dismiss.closest('#app-error-message');
    if (box) { box.remove(); }
    return;
  }
  // The narrow-screen menu: a disclosure button that shows and hides the links.
  var toggle = e.target.closest('.menu-toggle');
  if (toggle) {
    var open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    var menu = document.getElementById(toggle.getAttribute('aria-controls'));
    if (menu) { menu.classList.toggle('open', open); }
    return;
  }
  // Screenshots open at full size in a dialog; without JavaScript the link opens the image itself.
  var shot = e.target.closest('a.shot');
  if (shot && window.HTMLDialogElement) {
    e.preventDefault();
    var dialog = document.getElementById('shot-viewer');
    if (!dialog) {
      dialog = document.createElement('dialog');
      dialog.id = 'shot-viewer';
      dialog.innerHTML = '<form method="dialog"><button class="close" aria-label="Close">Close ×</button></form><img alt="">';
      document.body.appendChild(dialog);
      dialog.addEventListener('click', function (ev) { if (ev.target === dialog) { dialog.close(); } });
    }
    var img = dialog.querySelector('img');
    img.src = shot.getAttribute('href');
    img.alt = shot.getAttribute('data-caption') || 'screenshot';
    dialog.showModal();
  }
});

document.addEventListener('keydown', function (e) {
  if (e.key === 'Escape') {
    var toggle = document.querySelector('.menu-toggle[aria-expanded="true"]');
    if (toggle) { toggle.click(); toggle.focus(); }
  }
});

// A live update does not replace a part of the page whose form is waiting for its answer. The update would detach
// the form, and htmx would then swap the answer, and the message that comes with it out of band, into the detached
// copy: the person would never see what their click did. The answer carries the fragment as it is after the action,
// so nothing is lost by skipping the update; later updates apply as usual.
document.addEventListener('htmx:sseBeforeMessage', function (e) {
  var part = e.target;
  if (part && part.querySelector && (part.classList.contains('htmx-request') || part.querySelector('.htmx-request'))) {
    e.preventDefault();
  }
});

// Live notices: a toast when one of the user's jobs is sent or needs them. They come as `notice` events (one line of
// JSON: id, job_id, title, company, status, label, href) on the page's one stream: the page's own live stream if it
// has one (every stream the SSE extension opens gets the listener), else /notices/events, opened here on the
// #notices region. A notice already shown in this tab (same id) is not shown again; a toast goes after 10 s unless
// the pointer or focus is on it, or when its × is pressed.
(function () {
  var shown = {};
  function already(id) {
    var key = 'applyflow-notice:' + id;
    try {
      if (window.sessionStorage.getItem(key)) { return true; }
      window.sessionStorage.setItem(key, '1');
    } catch (ignored) { /* storage off: remember for this page only */ }
    if (shown[id]) { return true; }
    shown[id] = true;
    return false;
  }
  function dismiss(toast) {
    if (toast.parentNode) { toast.parentNode.removeChild(toast); }
  }
  function show(n) {
    var region = document.getElementById('notices');
    if (!region || !n || !n.id || already(n.id)) { return; }
    var toast = document.createElement('div');
    toast.className = 'toast toast-' + String(n.status || '').replace(/[^a-z_]/g, '');
    toast.setAttribute('data-notice', n.id);
    toast.setAttribute('data-job', String(n.job_id));
    var text = document.createElement('p');
    var what = document.createElement('strong');
    what.textContent = (n.label || n.status) + ': ';
    var link = document.createElement('a');
    link.href = n.href && n.href.charAt(0) === '/' && n.href.charAt(1) !== '/' ? n.href : '/jobs/' + Number(n.job_id);
    link.textContent = n.title + ' at ' + n.company;
    text.appendChild(what);
    text.appendChild(link);
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'link dismiss';
    close.setAttribute('aria-label', 'Dismiss this notice');
    close.textContent = '×';
    close.addEventListener('click', function () { dismiss(toast); });
    toast.appendChild(text);
    toast.appendChild(close);
    region.appendChild(toast);
    var hold = false;
    function later() { window.setTimeout(function () { if (hold) { later(); } else { dismiss(toast); } }, 10000); }
    toast.addEventListener('mouseenter', function () { hold = true; });
    toast.addEventListener('mouseleave', function () { hold = false; });
    toast.addEventListener('focusin', function () { hold = true; });
    toast.addEventListener('focusout', function () { hold = false; });
    later();
  }
  function listen(source) {
    source.addEventListener('notice', function (e) {
      try { show(JSON.parse(e.data)); } catch (ignored) { /* not a notice */ }
    });
    return source;
  }
  var create = htmx.createEventSource;
  htmx.createEventSource = function (url) {
    return listen(create ? create(url) : new EventSource(url, { withCredentials: true }));
  };
  function noticesStream(region) {
    region.setAttribute('hx-ext', 'sse');
    region.setAttribute('sse-connect', region.getAttribute('data-stream'));
    htmx.process(region);
  }
  document.addEventListener('DOMContentLoaded', function () {
    var region = document.getElementById('notices');
    if (!region || document.querySelector('[sse-connect]')) { return; }
    noticesStream(region);
  });
  // The page's own stream ended (`done`: its run finished, sse-close): the tab's notices go on /notices/events.
  document.addEventListener('htmx:sseClose', function (e) {
    var region = document.getElementById('notices');
    if (!region || e.target === region || region.hasAttribute('sse-connect')) { return; }
    noticesStream(region);
  });
})();
