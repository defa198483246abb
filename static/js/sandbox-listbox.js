/*
 * Applyflow sandbox: a select-only combobox (templates/sandbox/job.html, questions rendered as "listbox"), written
 * after the WAI-ARIA Authoring Practices "Select-Only Combobox" pattern, as design systems that follow the APG ship it:
 * a focusable div[role=combobox] that names its listbox with aria-controls and points at the option in view with
 * aria-activedescendant. The options exist only while the listbox is open. The chosen value is kept in the hidden
 * input next to it, which is what the form posts. Vanilla JS, no dependencies.
 *
 * Keyboard (closed): ArrowDown, Enter, Space open; ArrowUp and Home open on the first option, End on the last;
 * a printable character opens and jumps to the first option starting with what was typed.
 * Keyboard (open): ArrowDown/ArrowUp move, PageDown/PageUp move ten, Home/End, Enter or Space select and close,
 * Alt+ArrowUp selects and closes, Tab selects and moves on, Escape closes without selecting; typing jumps.
 */
(function () {
  'use strict';

  var PAGE = 10;

  function SelectOnly(root) {
    this.root = root;
    this.combo = root.querySelector('[role="combobox"]');
    this.listbox = document.getElementById(this.combo.getAttribute('aria-controls'));
    this.hidden = root.querySelector('input[type="hidden"]');
    this.data = Array.prototype.map.call(root.querySelector('template').content.querySelectorAll('[role="option"]'),
      function (o) { return { value: o.dataset.value, label: o.textContent.trim() }; });
    this.placeholder = this.combo.textContent.trim();
    this.selected = -1;
    this.active = 0;
    this.open = false;
    this.typed = '';
    this.typedAt = 0;
    this.bind();
  }

  SelectOnly.prototype.bind = function () {
    var self = this;
    this.combo.addEventListener('keydown', function (e) { self.onKey(e); });
    this.combo.addEventListener('click', function () { self.setOpen(!self.open); });
    this.combo.addEventListener('blur', function () { self.onBlur(); });
    // a press inside the list keeps focus on the combobox (no blur, so no select-on-blur before the click)
    this.listbox.addEventListener('mousedown', function (e) { e.preventDefault(); });
  };

  SelectOnly.prototype.render = function () {
    var self = this;
    this.listbox.textContent = '';
    this.data.forEach(function (d, i) {
      var o = document.createElement('div');
      o.id = self.combo.id + '-option-' + i;
      o.className = 'select-only__option';
      o.setAttribute('role', 'option');
      o.setAttribute('aria-selected', 'false');
      o.dataset.value = d.value;
      o.textContent = d.label;
      o.addEventListener('click', function () { self.select(i); self.setOpen(false); });
      self.listbox.appendChild(o);
    });
  };

  SelectOnly.prototype.setOpen = function (open) {
    if (this.open === open) { return; }
    this.open = open;
    this.combo.setAttribute('aria-expanded', String(open));
    if (open) {
      this.render();
      this.listbox.hidden = false;
      this.setActive(this.selected >= 0 ? this.selected : 0);
    } else {
      this.listbox.hidden = true;
      this.listbox.textContent = '';
      this.combo.removeAttribute('aria-activedescendant');
    }
  };

  SelectOnly.prototype.setActive = function (index) {
    this.active = Math.max(0, Math.min(this.data.length - 1, index));
    if (!this.open) { return; }
    var opts = this.listbox.querySelectorAll('[role="option"]');
    var self = this;
    opts.forEach(function (o, i) {
      var on = i === self.active;
      o.setAttribute('aria-selected', String(on));
      o.classList.toggle('select-only__option--current', on);
    });
    var current = opts[this.active];
    if (current) {
      this.combo.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    }
  };

  SelectOnly.prototype.select = function (index) {
    var d = this.data[index];
    if (!d) { return; }
    this.selected = index;
    this.active = index;
    this.combo.textContent = d.label;
    this.combo.classList.add('select-only__combo--filled');
    if (this.hidden.value !== d.value) {
      this.hidden.value = d.value;
      this.hidden.dispatchEvent(new Event('change', { bubbles: true }));
    }
  };

  SelectOnly.prototype.typeAhead = function (ch) {
    var now = Date.now();
    this.typed = now - this.typedAt > 500 ? ch : this.typed + ch;
    this.typedAt = now;
    var needle = this.typed.toLowerCase();
    var start = this.typed.length === 1 ? this.active + 1 : this.active;
    for (var k = 0; k < this.data.length; k++) {
      var i = (start + k) % this.data.length;
      if (this.data[i].label.toLowerCase().indexOf(needle) === 0) { return i; }
    }
    return -1;
  };

  SelectOnly.prototype.onKey = function (e) {
    var key = e.key;
    var printable = key.length === 1 && key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey;
    if (!this.open) {
      if (key === 'ArrowDown' || key === 'Enter' || key === ' ') {
        e.preventDefault();
        this.setOpen(true);
      } else if (key === 'ArrowUp' || key === 'Home') {
        e.preventDefault();
        this.setOpen(true);
        this.setActive(0);
      } else if (key === 'End') {
        e.preventDefault();
        this.setOpen(true);
        this.setActive(this.data.length - 1);
      } else if (printable) {
        this.setOpen(true);
        var found = this.typeAhead(key);
        if (found >= 0) { this.setActive(found); }
      }
      return;
    }
    if (key === 'ArrowUp' && e.altKey) {
      e.preventDefault();
      this.select(this.active);
      this.setOpen(false);
    } else if (key === 'ArrowDown') {
      e.preventDefault();
      this.setActive(this.active + 1);
    } else if (key === 'ArrowUp') {
      e.preventDefault();
      this.setActive(this.active - 1);
    } else if (key === 'PageDown') {
      e.preventDefault();
      this.setActive(this.active + PAGE);
    } else if (key === 'PageUp') {
      e.preventDefault();
      this.setActive(this.active - PAGE);
    } else if (key === 'Home') {
      e.preventDefault();
      this.setActive(0);
    } else if (key === 'End') {
      e.preventDefault();
      this.setActive(this.data.length - 1);
    } else if (key === 'Enter' || key === ' ') {
      e.preventDefault();
      this.select(this.active);
      this.setOpen(false);
    } else if (key === 'Escape') {
      e.preventDefault();
      this.setOpen(false);
    } else if (key === 'Tab') {
      this.select(this.active);
      this.setOpen(false);
    } else if (printable) {
      var found = this.typeAhead(key);
      if (found >= 0) { this.setActive(found); }
    }
  };

  SelectOnly.prototype.onBlur = function () {
    if (this.open) {
      this.select(this.active);
      this.setOpen(false);
    }
  };

  function init() {
    document.querySelectorAll('.select-only[data-field]').forEach(function (root) { new SelectOnly(root); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
