// Widgets of the "Indie Works" careers site: a Greenhouse-compatible board written for Applyflow's tests without
// looking at Applyflow's filler or sandbox. Each widget keeps its value in a hidden input that the form posts, the
// way many hand-made career sites and component libraries do. Written from the WAI-ARIA Authoring Practices
// combobox, listbox, radio and button patterns.
(function () {
  'use strict';

  function choose(root, input, hidden, option) {
    hidden.value = option.dataset.value;
    input.dataset.label = option.textContent.trim();
    if ('value' in input && input.tagName === 'INPUT') {
      input.value = option.textContent.trim();
    } else {
      input.textContent = option.textContent.trim();
    }
    root.querySelectorAll('[role=option]').forEach(function (o) {
      o.setAttribute('aria-selected', String(o === option));
    });
  }

  // (a) editable combobox, listbox named by aria-controls, options shown on focus
  document.querySelectorAll('[data-widget=combo-controls]').forEach(function (row) {
    var input = row.querySelector('[role=combobox]');
    var list = document.getElementById(input.getAttribute('aria-controls'));
    var hidden = row.querySelector('input[type=hidden]');
    function open() { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
    function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); }
    input.addEventListener('focus', open);
    input.addEventListener('click', open);
    input.addEventListener('input', function () {
      open();
      var typed = input.value.trim().toLowerCase();
      list.querySelectorAll('[role=option]').forEach(function (o) {
        o.hidden = typed !== '' && o.textContent.trim().toLowerCase().indexOf(typed) !== 0;
      });
      if (input.value.trim() !== input.dataset.label) { hidden.value = ''; }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
    list.querySelectorAll('[role=option]').forEach(function (o) {
      o.addEventListener('mousedown', function (e) { e.preventDefault(); });
      o.addEventListener('click', function () { choose(list, input, hidden, o); close(); });
    });
  });

  // (b) editable combobox without aria-controls: the listbox is created at the end of <body> when it opens
  document.querySelectorAll('[data-widget=combo-portal]').forEach(function (row) {
    var input = row.querySelector('[role=combobox]');
    var hidden = row.querySelector('input[type=hidden]');
    var choices = JSON.parse(row.dataset.options);
    var list = null;
    function close() {
      if (list) { list.remove(); list = null; }
      input.setAttribute('aria-expanded', 'false');
    }
    function open() {
      if (list) { return; }
      list = document.createElement('div');
      list.setAttribute('role', 'listbox');
      list.className = 'floating-list';
      var r = input.getBoundingClientRect();
      list.style.top = (window.scrollY + r.bottom) + 'px';
      list.style.left = (window.scrollX + r.left) + 'px';
      choices.forEach(function (c) {
        var o = document.createElement('div');
        o.setAttribute('role', 'option');
        o.dataset.value = c.value;
        o.textContent = c.label;
        o.addEventListener('mousedown', function (e) { e.preventDefault(); });
        o.addEventListener('click', function () { choose(list, input, hidden, o); close(); });
        list.appendChild(o);
      });
      document.body.appendChild(list);
      input.setAttribute('aria-expanded', 'true');
    }
    input.addEventListener('focus', open);
    input.addEventListener('click', open);
    input.addEventListener('input', function () {
      open();
      if (input.value.trim() !== input.dataset.label) { hidden.value = ''; }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  });

  // (c) select-only combobox: a focusable element, no typing; keyboard and mouse open the listbox
  document.querySelectorAll('[data-widget=select-only]').forEach(function (row) {
    var box = row.querySelector('[role=combobox]');
    var list = document.getElementById(box.getAttribute('aria-controls'));
    var hidden = row.querySelector('input[type=hidden]');
    var options = Array.prototype.slice.call(list.querySelectorAll('[role=option]'));
    var active = -1;
    function setActive(i) {
      active = Math.max(0, Math.min(options.length - 1, i));
      options.forEach(function (o, j) { o.classList.toggle('active', j === active); });
      box.setAttribute('aria-activedescendant', options[active].id);
    }
    function open() { list.hidden = false; box.setAttribute('aria-expanded', 'true'); if (active < 0) { setActive(0); } }
    function close() { list.hidden = true; box.setAttribute('aria-expanded', 'false'); box.removeAttribute('aria-activedescendant'); }
    box.addEventListener('click', function () { if (list.hidden) { open(); } else { close(); } });
    box.addEventListener('keydown', function (e) {
      var isOpen = !list.hidden;
      if (!isOpen && (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); open(); return; }
      if (!isOpen) { return; }
      if (e.key === 'ArrowDown') { e.preventDefault(); setActive(active + 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(active - 1); }
      else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(list, box, hidden, options[active]); close(); }
      else if (e.key === 'Escape') { close(); }
    });
    box.addEventListener('blur', function () { setTimeout(close, 150); });
    options.forEach(function (o, i) {
      o.addEventListener('mousedown', function (e) { e.preventDefault(); });
      o.addEventListener('click', function () { setActive(i); choose(list, box, hidden, o); close(); });
    });
  });

  // (e) two toggle buttons for yes/no
  document.querySelectorAll('[data-widget=yes-no-buttons]').forEach(function (row) {
    var hidden = row.querySelector('input[type=hidden]');
    var buttons = row.querySelectorAll('button');
    buttons.forEach(function (b) {
      b.addEventListener('click', function () {
        buttons.forEach(function (x) { x.setAttribute('aria-pressed', String(x === b)); });
        hidden.value = b.dataset.value;
      });
    });
  });
})();
