/*
 * Applyflow sandbox: runs inside iframe#grnhse_iframe (the classic form and its confirmation as the embed serves
 * them) and tells the careers page how tall the content is, so the frame shows it all without a scrollbar.
 */
(function () {
  'use strict';

  function report() {
    if (window.parent === window) { return; }
    window.parent.postMessage({ type: 'grnhse:resize', height: document.documentElement.scrollHeight }, '*');
  }

  window.addEventListener('load', report);
  window.addEventListener('resize', report);
  if (window.ResizeObserver) {
    new ResizeObserver(report).observe(document.documentElement);
  }
})();
