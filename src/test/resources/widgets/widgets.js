/*
 * Test fixtures for the form engine: widgets written for these tests from the WAI-ARIA Authoring Practices patterns
 * (combobox: select-only, list autocomplete, ARIA 1.1 container; listbox; radio group; checkbox; toggle button),
 * plus markup like react-select's and a few widgets that misbehave on purpose. Each widget is set up from data-*
 * attributes so one script serves every fixture page. Vanilla JS.
 */
(function () {
  'use strict';
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var seq = 0;

  /* A listbox popup shared by the combobox variants: shows options, tracks the active one by aria-activedescendant. */
  function Popup(owner, listbox) {
    this.owner = owner; // the element focus stays on (input or select-only div)
    this.listbox = listbox;
    this.active = -1;
  }
  Popup.prototype.options = function () {
    return $$('[role=option]', this.listbox).filter(function (o) { return !o.hidden; });
  };
  Popup.prototype.show = function () { this.listbox.hidden = false; this.owner.setAttribute('aria-expanded', 'true'); };
  Popup.prototype.hide = function () {
    this.listbox.hidden = true; this.owner.setAttribute('aria-expanded', 'false');
    this.owner.setAttribute('aria-activedescendant', ''); this.active = -1;
  };
  Popup.prototype.isOpen = function () { return !this.listbox.hidden; };
  Popup.prototype.move = function (delta) {
    var opts = this.options();
    if (!opts.length) { return; }
    this.active = (this.active + delta + opts.length) % opts.length;
    opts.forEach(function (o) { o.classList.remove('focused'); });
    var o = opts[this.active];
    if (!o.id) { o.id = 'opt-' + (++seq); }
    o.classList.add('focused');
    this.owner.setAttribute('aria-activedescendant', o.id);
  };
  Popup.prototype.current = function () { return this.options()[this.active]; };

  function mark(listbox, chosen) {
    $$('[role=option]', listbox).forEach(function (o) { o.setAttribute('aria-selected', String(o === chosen)); });
  }

  /* APG select-only combobox: a focusable div showing the value; no typing. data-revert: the page refuses choices. */
  function selectOnly(combo) {
    var listbox = document.getElementById(combo.getAttribute('aria-controls'));
    var carrier = combo.dataset.input ? document.getElementById(combo.dataset.input) : null;
    var p = new Popup(combo, listbox);
    function choose(o) {
      if (combo.dataset.revert) { p.hide(); return; }
      mark(listbox, o);
      combo.textContent = o.textContent;
      if (carrier) { carrier.value = o.dataset.value || o.textContent; }
      p.hide();
    }
    combo.addEventListener('click', function () { if (p.isOpen()) { p.hide(); } else { p.show(); } });
    combo.addEventListener('keydown', function (e) {
      if (!p.isOpen() && (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); p.show(); return; }
      if (!p.isOpen()) { return; }
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); p.move(e.key === 'ArrowDown' ? 1 : -1); }
      else if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); if (p.current()) { choose(p.current()); } }
      else if (e.key === 'Escape') { p.hide(); }
    });
    $$('[role=option]', listbox).forEach(function (o) {
      o.addEventListener('mousedown', function (e) { e.preventDefault(); });
      o.addEventListener('click', function () { choose(o); });
    });
    combo.addEventListener('blur', function () { setTimeout(function () { p.hide(); }, 150); });
  }

  /*
   * Editable combobox with list autocomplete (APG), the listbox named by aria-controls or aria-owns (on the input or on
   * an ARIA 1.1 container). data-open: when the list shows (focus, click, type, arrow). data-filter=prefix filters
   * by what was typed. data-keyboard-only: options ignore the mouse (choose with arrows and Enter).
   */
  function autocomplete(input) {
    var container = input.closest('[role=combobox]') || input;
    var ref = input.getAttribute('aria-controls') || container.getAttribute('aria-owns') || input.getAttribute('aria-owns');
    var listbox = document.getElementById(ref);
    var carrier = input.dataset.input ? document.getElementById(input.dataset.input) : null;
    var open = input.dataset.open || 'arrow';
    var p = new Popup(input, listbox);
    function filter() {
      var v = input.value.trim().toLowerCase();
      $$('[role=option]', listbox).forEach(function (o) {
        o.hidden = input.dataset.filter === 'prefix' && v && o.textContent.toLowerCase().indexOf(v) !== 0;
      });
    }
    function choose(o) {
      mark(listbox, o);
      input.value = o.textContent;
      if (carrier) { carrier.value = o.dataset.value || o.textContent; }
      p.hide();
    }
    if (open === 'focus') { input.addEventListener('focus', function () { filter(); p.show(); }); }
    if (open === 'click') { input.addEventListener('click', function () { filter(); p.show(); }); }
    input.addEventListener('input', function () {
      if (carrier) { carrier.value = ''; }
      filter();
      if (open !== 'arrow' || input.value) { p.show(); }
    });
    input.addEventListener('keydown', function (e) {
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        if (!p.isOpen()) { filter(); p.show(); if (!e.altKey) { p.move(1); } return; }
        p.move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'Enter') {
        if (p.isOpen() && p.current()) { e.preventDefault(); choose(p.current()); }
      } else if (e.key === 'Escape') {
        if (p.isOpen()) { p.hide(); } else { input.value = ''; if (carrier) { carrier.value = ''; } }
      }
    });
    input.addEventListener('blur', function () { setTimeout(function () { p.hide(); }, 150); });
    $$('[role=option]', listbox).forEach(function (o) {
      o.addEventListener('mousedown', function (e) { e.preventDefault(); });
      if (!input.dataset.keyboardOnly) { o.addEventListener('click', function () { choose(o); }); }
    });
    var button = container.parentElement.querySelector('button[tabindex="-1"]');
    if (button) { button.addEventListener('click', function () { input.focus(); filter(); p.show(); }); }
  }

  /*
   * A combobox whose list is rendered in a portal at the end of <body> while open, with no aria-controls: only the
   * listbox appearing tells where the options are. data-options: "Yes|No"; data-async: results arrive later and only
   * after typing (a typeahead fetching suggestions), filtered by what was typed.
   */
  function portal(input) {
    var carrier = input.dataset.input ? document.getElementById(input.dataset.input) : null;
    var labels = input.dataset.options.split('|');
    var async = !!input.dataset.async;
    var list = null;
    var timer = null;
    function close() { if (list) { list.remove(); list = null; } input.setAttribute('aria-expanded', 'false'); }
    function render(needle) {
      close();
      list = document.createElement('ul');
      list.setAttribute('role', 'listbox');
      list.className = 'portal-list';
      var r = input.getBoundingClientRect();
      list.style.cssText = 'position:absolute;left:' + (r.left + scrollX) + 'px;top:' + (r.bottom + scrollY) + 'px;';
      labels.filter(function (l) { return !needle || l.toLowerCase().indexOf(needle.toLowerCase()) >= 0; })
        .forEach(function (l, i) {
          var li = document.createElement('li');
          li.setAttribute('role', 'option');
          li.id = input.id + '-o' + i;
          li.textContent = l;
          li.addEventListener('mousedown', function (e) { e.preventDefault(); });
          li.addEventListener('click', function () {
            input.value = l;
            if (carrier) { carrier.value = String(labels.indexOf(l) + 1); }
            close();
          });
          list.appendChild(li);
        });
      document.body.appendChild(list);
      input.setAttribute('aria-expanded', 'true');
    }
    if (!async) { input.addEventListener('focus', function () { render(''); }); }
    input.addEventListener('input', function () {
      if (carrier) { carrier.value = ''; }
      clearTimeout(timer);
      if (async) {
        var v = input.value;
        close();
        if (v.length >= 2) { timer = setTimeout(function () { render(v); }, 200); }
      } else {
        render(input.value);
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }

  /* Markup like react-select's: value shown in a single-value div (or chips when multi), the input emptied. */
  function reactSelect(root) {
    var input = $('input[role=combobox]', root);
    var single = $('.rs__single-value', root);
    var placeholder = $('.rs__placeholder', root);
    var chips = $('.rs__multi-values', root);
    var carrier = $('input[type=hidden]', root);
    var labels = root.dataset.options.split('|');
    var multi = root.dataset.multi === 'true';
    var values = [];
    var menu = null;
    function close() { if (menu) { menu.remove(); menu = null; } input.setAttribute('aria-expanded', 'false'); input.value = ''; }
    function show() {
      placeholder.hidden = values.length > 0;
      if (!multi) { single.hidden = !values.length; single.textContent = values[0] || ''; }
      else {
        chips.textContent = '';
        values.forEach(function (v) {
          var c = document.createElement('div'); c.className = 'rs__multi-value';
          var l = document.createElement('div'); l.className = 'rs__multi-value__label'; l.textContent = v;
          var x = document.createElement('div'); x.setAttribute('role', 'button'); x.setAttribute('aria-label', 'Remove ' + v); x.textContent = '\u00d7';
          c.appendChild(l); c.appendChild(x); chips.appendChild(c);
        });
      }
      if (carrier) { carrier.value = values.join(','); }
    }
    function open(needle) {
      if (menu) { menu.remove(); }
      menu = document.createElement('div');
      menu.className = 'rs__menu';
      var list = document.createElement('div');
      list.setAttribute('role', 'listbox');
      list.id = input.getAttribute('aria-controls');
      labels.filter(function (l) { return (!needle || l.toLowerCase().indexOf(needle.toLowerCase()) >= 0) && !(multi && values.indexOf(l) >= 0); })
        .forEach(function (l, i) {
          var o = document.createElement('div');
          o.setAttribute('role', 'option'); o.id = list.id + '-option-' + i; o.textContent = l;
          o.addEventListener('mousedown', function (e) { e.preventDefault(); });
          o.addEventListener('click', function () { if (multi) { values.push(l); } else { values = [l]; } show(); close(); });
          list.appendChild(o);
        });
      menu.appendChild(list);
      root.appendChild(menu);
      input.setAttribute('aria-expanded', 'true');
    }
    input.addEventListener('focus', function () { open(''); });
    input.addEventListener('input', function () { open(input.value); });
    input.addEventListener('blur', close);
  }

  /* APG listbox: click selects (single) or toggles (aria-multiselectable). */
  function listbox(lb) {
    var multi = lb.getAttribute('aria-multiselectable') === 'true';
    $$('[role=option]', lb).forEach(function (o) {
      o.addEventListener('click', function () {
        if (multi) { o.setAttribute('aria-selected', String(o.getAttribute('aria-selected') !== 'true')); }
        else { mark(lb, o); }
        lb.setAttribute('aria-activedescendant', o.id);
      });
    });
  }

  /* APG radio group made of role=radio elements (aria-checked). */
  function radiogroup(g) {
    var radios = $$('[role=radio]', g);
    radios.forEach(function (r) {
      r.addEventListener('click', function () {
        radios.forEach(function (x) { x.setAttribute('aria-checked', String(x === r)); x.tabIndex = x === r ? 0 : -1; });
      });
    });
  }

  /* Toggle buttons (aria-pressed) answering one question: pressing one releases the others. */
  function toggles(g) {
    var buttons = $$('button[aria-pressed]', g);
    var carrier = $('input[type=hidden]', g);
    buttons.forEach(function (b) {
      b.addEventListener('click', function () {
        buttons.forEach(function (x) { x.setAttribute('aria-pressed', String(x === b)); });
        if (carrier) { carrier.value = b.value || b.textContent; }
      });
    });
  }

  /* Plain buttons answering yes/no that show the choice only by a class (as CSS-module pages do), plus a hidden input. */
  function plainButtons(g) {
    var buttons = $$('button', g);
    var carrier = g.parentElement.querySelector('input[type=hidden]');
    buttons.forEach(function (b) {
      b.addEventListener('click', function () {
        buttons.forEach(function (x) { x.classList.toggle('_active_x7k2q_1', x === b); });
        if (carrier) { carrier.value = b.textContent === 'Yes' ? 'true' : 'false'; }
      });
    });
  }

  /* A file input behind a button: the button opens the hidden input; the chosen file shows as a chip. */
  function attach(group) {
    var input = $('input[type=file]', group);
    var chip = $('.chip', group);
    $('button', group).addEventListener('click', function () { input.click(); });
    input.addEventListener('change', function () {
      var f = input.files[0];
      if (!f) { return; }
      if (group.dataset.accept && !f.name.endsWith(group.dataset.accept)) {
        input.value = '';
        $('[role=alert]', group).textContent = 'Only ' + group.dataset.accept + ' files are accepted.';
        return;
      }
      chip.textContent = f.name; chip.hidden = false;
    });
  }

  /* A button that creates its file input only when clicked (so only the file chooser can take a file). */
  function chooser(group) {
    var chip = $('.chip', group);
    $('button', group).addEventListener('click', function () {
      var input = document.createElement('input');
      input.type = 'file';
      input.addEventListener('change', function () { chip.textContent = input.files[0].name; chip.hidden = false; });
      input.click();
    });
  }

  /* A question shown only once another is answered "Yes". */
  function dependent(el) {
    var on = document.getElementById(el.dataset.after);
    on.addEventListener('change', function () { el.hidden = on.value !== 'Yes'; });
  }

  function init() {
    $$('[data-widget=select-only]').forEach(selectOnly);
    $$('[data-widget=autocomplete]').forEach(autocomplete);
    $$('[data-widget=portal]').forEach(portal);
    $$('[data-widget=react-select]').forEach(reactSelect);
    $$('[data-widget=listbox]').forEach(listbox);
    $$('[data-widget=radiogroup]').forEach(radiogroup);
    $$('[data-widget=toggles]').forEach(toggles);
    $$('[data-widget=plain-buttons]').forEach(plainButtons);
    $$('[data-widget=attach]').forEach(attach);
    $$('[data-widget=chooser]').forEach(chooser);
    $$('[data-widget=dependent]').forEach(dependent);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
