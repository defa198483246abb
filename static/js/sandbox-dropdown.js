/*
 * Applyflow sandbox: a dropdown whose list lives in a popover at the end of <body> (templates/sandbox/job.html,
 * questions rendered as "portal"), the way many component libraries render menus so no container clips them. The
 * input says role=combobox and aria-expanded but, like many such widgets in the wild, names no listbox (no
 * aria-controls, no aria-owns): the open list is a role=listbox appended to body, found only by looking for it. The
 * list opens on focus and on click, typing filters it, ArrowDown/ArrowUp move (aria-activedescendant), Enter or a click
 * picks, Escape closes. The value is the hidden input's, set only by picking an option: text typed or pasted into the
 * box without picking is dropped when the box loses focus. Vanilla JS, no dependencies.
 */
(function () {
  'use strict';

  var count = 0;

  function Dropdown(root) {
    this.root = root;
    this.input = root.querySelector('input[role="combobox"]');
    this.hidden = root.querySelector('input[type="hidden"]');
    this.data = Array.prototype.map.call(root.querySelector('template').content.querySelectorAll('.dropdown__option'),
      function (o) { return { value: o.dataset.value, label: o.textContent.trim() }; });
    this.popoverId = 'dropdown-popover-' + (++count);
    this.popover = null;
    this.shown = [];
    this.active = -1;
    this.label = '';
    this.bind();
  }

  Dropdown.prototype.bind = function () {
    var self = this;
    this.input.addEventListener('focus', function () { self.show(''); });
    this.input.addEventListener('mousedown', function () {
      if (!self.popover && document.activeElement === self.input) { self.show(''); }
    });
    this.input.addEventListener('input', function () {
      if (self.hidden.value) {
        self.hidden.value = '';
        self.hidden.dispatchEvent(new Event('change', { bubbles: true }));
      }
      self.label = '';
      self.show(self.input.value);
    });
    this.input.addEventListener('keydown', function (e) { self.onKey(e); });
    this.input.addEventListener('blur', function () {
      self.hide();
      if (self.input.value !== self.label) { self.input.value = self.label; }
    });
    window.addEventListener('resize', function () { self.place(); });
    window.addEventListener('scroll', function () { self.place(); }, true);
  };

  Dropdown.prototype.show = function (filter) {
    var self = this;
    var needle = (filter || '').trim().toLowerCase();
    this.hide();
    var pop = document.createElement('div');
    pop.className = 'dropdown-popover';
    pop.id = this.popoverId;
    pop.setAttribute('role', 'listbox');
    var labelEl = document.getElementById(this.input.id + '-label');
    if (labelEl) { pop.setAttribute('aria-labelledby', labelEl.id); }
    this.shown = this.data.filter(function (d) { return !needle || d.label.toLowerCase().indexOf(needle) >= 0; });
    this.shown.forEach(function (d, i) {
      var o = document.createElement('div');
      o.id = self.popoverId + '-option-' + i;
      o.className = 'dropdown-popover__option';
      o.setAttribute('role', 'option');
      o.setAttribute('aria-selected', String(d.value === self.hidden.value));
      o.textContent = d.label;
      o.addEventListener('mousedown', function (e) { e.preventDefault(); });
      o.addEventListener('click', function () { self.pick(d); });
      pop.appendChild(o);
    });
    if (!this.shown.length) {
      var none = document.createElement('div');
      none.className = 'dropdown-popover__empty';
      none.textContent = 'No results found';
      pop.appendChild(none);
    }
    document.body.appendChild(pop);
    this.popover = pop;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'true');
    this.place();
  };

  Dropdown.prototype.place = function () {
    if (!this.popover) { return; }
    var r = this.input.getBoundingClientRect();
    this.popover.style.left = (r.left + window.scrollX) + 'px';
    this.popover.style.top = (r.bottom + window.scrollY + 4) + 'px';
    this.popover.style.width = r.width + 'px';
  };

  Dropdown.prototype.hide = function () {
    if (this.popover) { this.popover.remove(); this.popover = null; }
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  };

  Dropdown.prototype.move = function (delta) {
    if (!this.popover || !this.shown.length) { return; }
    this.active = this.active < 0 && delta < 0 ? this.shown.length - 1
      : (this.active + delta + this.shown.length) % this.shown.length;
    var opts = this.popover.querySelectorAll('[role="option"]');
    var self = this;
    opts.forEach(function (o, i) { o.classList.toggle('dropdown-popover__option--active', i === self.active); });
    this.input.setAttribute('aria-activedescendant', opts[this.active].id);
    opts[this.active].scrollIntoView({ block: 'nearest' });
  };

  Dropdown.prototype.pick = function (d) {
    this.label = d.label;
    this.input.value = d.label;
    this.hide();
    if (this.hidden.value !== d.value) {
      this.hidden.value = d.value;
      this.hidden.dispatchEvent(new Event('change', { bubbles: true }));
    }
  };

  Dropdown.prototype.onKey = function (e) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!this.popover) { this.show(this.label ? '' : this.input.value); }
      this.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      if (this.popover) {
        e.preventDefault();
        if (this.active >= 0) { this.pick(this.shown[this.active]); }
      }
    } else if (e.key === 'Escape') {
      if (this.popover) {
        e.preventDefault();
        this.hide();
      }
    } else if (e.key === 'Tab') {
      this.hide();
    }
  };

  function init() {
    document.querySelectorAll('.dropdown[data-field]').forEach(function (root) { new Dropdown(root); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
