/*
 * Applyflow sandbox: the board's embed loader for an employer's careers page (templates/sandbox/careers.html), in the
 * manner of boards.greenhouse.io/embed/job_board/js: when the page's address carries gh_jid, it puts
 * iframe#grnhse_iframe with that posting's application form (/sandbox/embed/job_app?for={board}&token={gh_jid}) into
 * div#grnhse_app, and grows the frame to the height the form reports. Vanilla JS, no dependencies.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var board = script && script.dataset.for;

  function load() {
    var app = document.getElementById('grnhse_app');
    var jid = new URLSearchParams(window.location.search).get('gh_jid');
    if (!app || !board || !jid) { return; }
    var frame = document.createElement('iframe');
    frame.id = 'grnhse_iframe';
    frame.title = 'Greenhouse Job Board';
    frame.width = '100%';
    frame.setAttribute('frameborder', '0');
    frame.setAttribute('scrolling', 'no');
    frame.src = '/sandbox/embed/job_app?for=' + encodeURIComponent(board) + '&token=' + encodeURIComponent(jid);
    app.appendChild(frame);
    window.addEventListener('message', function (e) {
      if (e.source !== frame.contentWindow || !e.data || e.data.type !== 'grnhse:resize') { return; }
      var h = Number(e.data.height);
      if (h > 0 && h < 100000) { frame.style.height = Math.ceil(h) + 'px'; }
    });
    app.scrollIntoView();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', load);
  } else {
    load();
  }
})();
