/*
 * Applyflow sandbox, Lever apply page (templates/sandbox/lever-apply.html): what jobs.lever.co's page script does
 * for the server-rendered form. The location typeahead asks /sandbox/lever/searchLocations as the user types and
 * keeps the picked place in the hidden selectedLocation (the typed text alone is also accepted, as on Lever); the
 * "Attach resume/CV" button opens the file input; on the captcha posting an invisible hCaptcha challenge appears on
 * submit and cannot be passed, so the form never posts from the page.
 */
(function () {
  'use strict';

  function setupLocation(form) {
    var input = form.querySelector('#location-input');
    var hidden = form.querySelector('#selected-location');
    var container = form.querySelector('.location-dropdown-container');
    if (!input || !hidden || !container) return;
    var results = container.querySelector('.dropdown-results');
    var items = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      container.hidden = true;
      results.textContent = '';
      items = [];
      active = -1;
    }

    function highlight(i) {
      items.forEach(function (el, k) { el.classList.toggle('dropdown-location-active', k === i); });
      active = i;
    }

    function pick(name) {
      input.value = name;
      hidden.value = JSON.stringify({ name: name });
      close();
    }

    function show(list) {
      results.textContent = '';
      items = list.map(function (loc) {
        var el = document.createElement('div');
        el.className = 'dropdown-location';
        el.textContent = loc.name;
        el.addEventListener('mousedown', function (e) { e.preventDefault(); pick(loc.name); });
        results.appendChild(el);
        return el;
      });
      if (!items.length) {
        var none = document.createElement('div');
        none.className = 'dropdown-no-results';
        none.textContent = 'No location found. Try entering a different location';
        results.appendChild(none);
      }
      container.hidden = false;
      active = -1;
    }

    input.addEventListener('input', function () {
      hidden.value = '';
      clearTimeout(timer);
      var text = input.value.trim();
      if (!text) { close(); return; }
      timer = setTimeout(function () {
        var ticket = ++asked;
        fetch('/sandbox/lever/searchLocations?text=' + encodeURIComponent(text))
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (list) { if (ticket === asked && document.activeElement === input) show(list); })
          .catch(function () { close(); });
      }, 150);
    });
    input.addEventListener('keydown', function (e) {
      if (container.hidden || !items.length) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight(Math.min(items.length - 1, active + 1)); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(Math.max(0, active - 1)); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); pick(items[active].textContent); }
      else if (e.key === 'Escape') { close(); }
    });
    input.addEventListener('blur', function () { setTimeout(close, 100); });
  }

  function setupResume(form) {
    var button = form.querySelector('.visible-resume-upload');
    var file = form.querySelector('#resume-upload-input');
    var name = form.querySelector('#resume-filename');
    if (!button || !file) return;
    button.addEventListener('click', function (e) { e.preventDefault(); file.click(); });
    file.addEventListener('change', function () {
      if (name) name.textContent = file.files.length ? file.files[0].name : '';
    });
  }

  function setupCaptcha(form) {
    if (form.getAttribute('data-captcha') !== 'true') return;
    var challenge = form.querySelector('#h-captcha-challenge');
    form.addEventListener('submit', function (e) {
      var token = form.querySelector('#h-captcha-response');
      if (!token || !token.value) {
        e.preventDefault();
        if (challenge) challenge.hidden = false;
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('application-form');
    if (!form) return;
    setupLocation(form);
    setupResume(form);
    setupCaptcha(form);
  });
})();
