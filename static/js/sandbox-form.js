/*
 * Applyflow sandbox: behaviour of the hosted application form (templates/sandbox/job.html).
 * Mirrors the job-boards.greenhouse.io renderer closely enough for the same automation to work on both:
 * react-select-style comboboxes (single, multi, and the location typeahead), checkbox groups, file-upload groups,
 * questions answered through named controls (the hidden inputs of sandbox-listbox.js and sandbox-dropdown.js, radios),
 * client-side required checks and a multipart fetch submit. On the captcha scenario it only drives the fake
 * "I'm not a robot" box, which never passes. Vanilla JS, no dependencies.
 */
(function () {
  'use strict';

  var MESSAGES = {
    required: function (label) { return label + ' is required.'; },
    invalidEmail: 'Please enter a valid email address (example@domain.com).',
    invalidFiletype: 'Invalid file format selected.',
    fileTooLarge: '5 MB maximum file size.',
    countryRequired: 'Country is required.',
    genericFailure: 'There was an error processing your application. Please try again.'
  };
  // the renderer's "{{ file_size }} MB maximum file size." with the sandbox's own cap (5 MB per application)
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

  function labelText(id) {
    var el = document.getElementById(id + '-label') || document.getElementById('upload-label-' + id);
    if (!el) { return id; }
    var clone = el.cloneNode(true);
    clone.querySelectorAll('[aria-hidden="true"], .required').forEach(function (n) { n.remove(); });
    return clone.textContent.trim();
  }

  // ---- errors ---------------------------------------------------------------------------------------

  function errorHost(id) {
    var field = document.getElementById(id);
    if (!field) { return null; }
    return field.closest('.phone-input__country, .phone-input__phone, .file-upload, .field-wrapper, .eeoc__question__wrapper');
  }

  function showError(id, message) {
    var field = document.getElementById(id);
    var host = errorHost(id);
    if (!host) { return; }
    var err = document.getElementById(id + '-error');
    if (!err) {
      err = document.createElement('p');
      err.id = id + '-error';
      err.className = 'helper-text helper-text--error';
      err.setAttribute('role', 'alert');
      host.appendChild(err);
    }
    err.textContent = message;
    err.hidden = false;
    var target = field.getAttribute('type') === 'file' ? field.closest('.file-upload') : field;
    target.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-invalid', 'true');
  }

  function clearError(id) {
    var err = document.getElementById(id + '-error');
    if (err) { err.remove(); }
    var field = document.getElementById(id);
    if (field) {
      field.setAttribute('aria-invalid', 'false');
      var group = field.closest('.file-upload');
      if (group) { group.setAttribute('aria-invalid', 'false'); }
    }
  }

  function showFormError(message) {
    var box = document.getElementById('application-error');
    if (!box) { return; }
    box.textContent = message;
    box.hidden = !message;
  }

  // ---- comboboxes -----------------------------------------------------------------------------------

  function Combobox(root) {
    this.root = root;
    this.input = root.querySelector('input[role="combobox"]');
    this.id = this.input.id;
    this.shell = root.querySelector('.select-shell');
    this.single = root.querySelector('.select__single-value');
    this.placeholder = root.querySelector('.select__placeholder');
    this.template = root.querySelector('template.select__options');
    this.listboxId = this.input.getAttribute('aria-controls') || ('react-select-' + this.id + '-listbox');
    this.multi = root.dataset.multi === 'true';
    this.typeahead = root.dataset.typeahead === 'true';
    this.chips = root.querySelector('.select__multi-values');
    this.values = [];
    this.timer = null;
    this.menu = null;
    this.active = -1;
    this.input.dataset.value = '';
    this.input.combobox = this;
    this.bind();
  }

  /** The form field name: the API's name where it differs from the id (location), else the id. */
  Combobox.prototype.name = function () {
    return this.input.dataset.name || this.id;
  };

  Combobox.prototype.chosen = function (value) {
    return this.multi ? this.values.some(function (v) { return v.value === value; }) : value === this.input.dataset.value;
  };

  Combobox.prototype.options = function () {
    return Array.prototype.slice.call(this.template.content.querySelectorAll('[role="option"]'));
  };

  Combobox.prototype.bind = function () {
    var self = this;
    this.input.addEventListener('focus', function () { self.open(self.input.value); });
    this.input.addEventListener('input', function () {
      self.single.hidden = true;
      self.placeholder.hidden = self.input.value.length > 0 || !!self.input.dataset.value;
      if (self.typeahead) {
        // Like the Pelias-backed control: results arrive a moment after typing stops.
        clearTimeout(self.timer);
        self.timer = setTimeout(function () { self.open(self.input.value); }, 150);
      } else {
        self.open(self.input.value);
      }
    });
    this.input.addEventListener('keydown', function (e) { self.key(e); });
    this.input.addEventListener('blur', function () { self.close(); });
    this.root.querySelector('.select__control').addEventListener('mousedown', function (e) {
      if (e.target === self.input) { return; }
      e.preventDefault();
      if (self.menu) { self.close(); } else { self.input.focus(); self.open(''); }
    });
  };

  Combobox.prototype.open = function (filter) {
    var self = this;
    var needle = (filter || '').trim().toLowerCase();
    this.closeMenuOnly();
    var menu = document.createElement('div');
    menu.className = 'select__menu';
    var list = document.createElement('div');
    list.className = 'select__menu-list';
    list.id = this.listboxId;
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-labelledby', this.id + '-label');
    var n = 0;
    var tooShort = this.typeahead && needle.length < 2;
    this.options().forEach(function (tpl) {
      if (tooShort) { return; }
      if (needle && tpl.textContent.toLowerCase().indexOf(needle) < 0) { return; }
      if (self.multi && self.chosen(tpl.dataset.value)) { return; }
      var opt = tpl.cloneNode(true);
      opt.id = 'react-select-' + self.id + '-option-' + n++;
      opt.setAttribute('aria-selected', String(self.chosen(opt.dataset.value)));
      if (self.chosen(opt.dataset.value)) { opt.classList.add('select__option--is-selected'); }
      opt.addEventListener('mousedown', function (e) { e.preventDefault(); });
      opt.addEventListener('click', function () { self.choose(opt.dataset.value, opt.textContent, opt); });
      list.appendChild(opt);
    });
    if (n === 0) {
      var none = document.createElement('div');
      none.className = 'select__menu-notice';
      none.textContent = tooShort ? 'Type at least two characters' : 'No options';
      list.appendChild(none);
    }
    menu.appendChild(list);
    this.shell.appendChild(menu);
    this.menu = menu;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'true');
  };

  Combobox.prototype.closeMenuOnly = function () {
    if (this.menu) { this.menu.remove(); this.menu = null; }
    this.input.setAttribute('aria-expanded', 'false');
    this.input.setAttribute('aria-activedescendant', '');
  };

  Combobox.prototype.close = function () {
    this.closeMenuOnly();
    clearTimeout(this.timer);
    this.input.value = '';
    this.placeholder.hidden = !!this.input.dataset.value;
    this.single.hidden = this.multi || !this.input.dataset.value;
  };

  Combobox.prototype.key = function (e) {
    var opts = this.menu ? this.menu.querySelectorAll('[role="option"]') : [];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!this.menu) { this.open(this.input.value); return; }
      if (!opts.length) { return; }
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + opts.length) % opts.length;
      opts.forEach(function (o) { o.classList.remove('select__option--is-focused'); });
      opts[this.active].classList.add('select__option--is-focused');
      opts[this.active].scrollIntoView({ block: 'nearest' });
      this.input.setAttribute('aria-activedescendant', opts[this.active].id);
    } else if (e.key === 'Enter') {
      if (this.menu) {
        e.preventDefault();
        var pick = opts[this.active >= 0 ? this.active : 0];
        if (pick) { this.choose(pick.dataset.value, pick.textContent, pick); }
      }
    } else if (e.key === 'Escape') {
      this.close();
    }
  };

  Combobox.prototype.choose = function (value, label, opt) {
    if (this.multi) {
      if (!this.chosen(value)) { this.values.push({ value: value, label: label }); }
      this.renderChips();
      this.input.dataset.value = this.values.map(function (v) { return v.value; }).join(',');
    } else {
      this.input.dataset.value = value;
      this.single.textContent = label;
      if (this.typeahead) {
        var lat = document.getElementById('latitude');
        var lon = document.getElementById('longitude');
        if (lat) { lat.value = (opt && opt.dataset.latitude) || ''; }
        if (lon) { lon.value = (opt && opt.dataset.longitude) || ''; }
      }
    }
    this.close();
    clearError(this.id);
    document.querySelectorAll('[data-depends-on="' + this.id + '"]').forEach(function (dep) {
      dep.hidden = !value;
    });
    this.input.dispatchEvent(new CustomEvent('combobox:change', { bubbles: true, detail: { value: value, label: label } }));
  };

  Combobox.prototype.renderChips = function () {
    var self = this;
    this.chips.textContent = '';
    this.values.forEach(function (v) {
      var chip = document.createElement('div');
      chip.className = 'select__multi-value';
      chip.dataset.value = v.value;
      var text = document.createElement('div');
      text.className = 'select__multi-value__label';
      text.textContent = v.label;
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'select__multi-value__remove';
      remove.setAttribute('aria-label', 'Remove ' + v.label);
      remove.textContent = '\u00d7';
      remove.addEventListener('mousedown', function (e) { e.preventDefault(); e.stopPropagation(); });
      remove.addEventListener('click', function () {
        self.values = self.values.filter(function (x) { return x.value !== v.value; });
        self.input.dataset.value = self.values.map(function (x) { return x.value; }).join(',');
        self.renderChips();
        self.close();
      });
      chip.appendChild(text);
      chip.appendChild(remove);
      self.chips.appendChild(chip);
    });
  };

  // ---- file uploads ---------------------------------------------------------------------------------

  function FileUpload(group) {
    var field = group.dataset.field;
    var input = document.getElementById(field);
    var buttons = group.querySelector('.button-container');
    var selected = group.querySelector('.file-upload__selected');
    var name = group.querySelector('.file-upload__filename');
    var text = group.querySelector('.file-upload__text');
    var allowed = (input.getAttribute('accept') || '').split(',').map(function (s) { return s.trim().toLowerCase(); });

    group.querySelector('.file-upload__attach').addEventListener('click', function () { input.click(); });
    var manual = group.querySelector('.file-upload__manual');
    if (manual && text) {
      manual.addEventListener('click', function () {
        text.hidden = false;
        buttons.hidden = true;
        text.focus();
        clearError(field);
      });
    }
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      var dot = file.name.lastIndexOf('.');
      var ext = dot < 0 ? '' : file.name.substring(dot).toLowerCase();
      if (allowed.length && allowed[0] && allowed.indexOf(ext) < 0) {
        input.value = '';
        showError(field, MESSAGES.invalidFiletype);
        return;
      }
      if (file.size > MAX_FILE_BYTES) {
        input.value = '';
        showError(field, MESSAGES.fileTooLarge);
        return;
      }
      name.textContent = file.name;
      selected.hidden = false;
      buttons.hidden = true;
      clearError(field);
    });
    group.querySelector('.file-upload__remove').addEventListener('click', function () {
      input.value = '';
      name.textContent = '';
      selected.hidden = true;
      buttons.hidden = false;
    });
  }

  // ---- validation and submit ------------------------------------------------------------------------

  function validate(form) {
    var errors = [];
    function fail(id, message) { errors.push({ id: id, message: message }); }

    form.querySelectorAll('input.input[aria-required="true"], textarea.input[aria-required="true"]').forEach(function (el) {
      if (!el.value.trim()) { fail(el.id, MESSAGES.required(labelText(el.id))); }
    });
    var email = document.getElementById('email');
    if (email && email.value.trim() && !EMAIL.test(email.value.trim())) { fail('email', MESSAGES.invalidEmail); }

    form.querySelectorAll('input.select__input[role="combobox"]').forEach(function (el) {
      if (el.closest('[hidden]')) { return; }
      if (el.getAttribute('aria-required') === 'true' && !el.dataset.value) {
        fail(el.id, el.id === 'country' ? MESSAGES.countryRequired : MESSAGES.required(labelText(el.id)));
      }
    });
    var phone = document.getElementById('phone');
    var country = document.getElementById('country');
    if (phone && country && phone.value.trim() && !country.dataset.value
        && !errors.some(function (e) { return e.id === 'country'; })) {
      fail('country', MESSAGES.countryRequired);
    }

    form.querySelectorAll('.file-upload[aria-required="true"]').forEach(function (group) {
      var field = group.dataset.field;
      var input = document.getElementById(field);
      var text = group.querySelector('.file-upload__text');
      var hasFile = input && input.files && input.files.length > 0;
      var hasText = text && !text.hidden && text.value.trim();
      if (!hasFile && !hasText) { fail(field, MESSAGES.required(labelText(field))); }
    });

    // questions whose answer is a named control: a select-only or popover combobox's hidden input, a radio group
    form.querySelectorAll('input[type="hidden"][name][data-required="true"]').forEach(function (el) {
      if (!el.value) { fail(el.name, MESSAGES.required(labelText(el.name))); }
    });
    form.querySelectorAll('fieldset.radio-group').forEach(function (set) {
      if (set.querySelector('input[type="radio"][required]') && !set.querySelector('input[type="radio"]:checked')) {
        fail(set.id, MESSAGES.required(labelText(set.id)));
      }
    });

    form.querySelectorAll('fieldset.checkbox[aria-required="true"]').forEach(function (set) {
      if (!set.querySelector('input[type="checkbox"]:checked')) { fail(set.id, MESSAGES.required(labelText(set.id))); }
    });
    return errors;
  }

  function collect(form) {
    var data = new FormData();
    form.querySelectorAll('input.input, textarea.input').forEach(function (el) {
      if (el.hidden || !el.id || !el.value.trim()) { return; }
      data.append(el.id, el.value.trim());
    });
    form.querySelectorAll('input.select__input[role="combobox"]').forEach(function (el) {
      var box = el.combobox;
      if (!el.dataset.value || el.closest('[hidden]') || !box) { return; }
      if (box.multi) {
        box.values.forEach(function (v) { data.append(box.name() + '[]', v.value); });
      } else {
        data.append(box.name(), el.dataset.value);
      }
    });
    form.querySelectorAll('input[type="hidden"][id]').forEach(function (el) {
      if (el.value) { data.append(el.id, el.value); }
    });
    form.querySelectorAll('input[type="hidden"][name], input[type="radio"][name]:checked').forEach(function (el) {
      if (el.value) { data.append(el.name, el.value); }
    });
    form.querySelectorAll('fieldset.checkbox').forEach(function (set) {
      set.querySelectorAll('input[type="checkbox"]:checked').forEach(function (box) { data.append(set.id + '[]', box.value); });
    });
    form.querySelectorAll('input[type="file"]').forEach(function (el) {
      if (el.files && el.files[0]) { data.append(el.id, el.files[0], el.files[0].name); }
    });
    return data;
  }

  function report(errors) {
    errors.forEach(function (e) { showError(e.id, e.message); });
    showFormError('Please fix the following: ' + errors.map(function (e) { return e.message; }).join(' '));
    var first = document.getElementById(errors[0].id);
    if (first && first.type !== 'file') { first.focus({ preventScroll: false }); }
  }

  function submit(form, button, event) {
    event.preventDefault();
    form.querySelectorAll('.helper-text--error').forEach(function (n) { clearError(n.id.replace(/-error$/, '')); });
    showFormError('');
    var errors = validate(form);
    if (errors.length) { report(errors); return; }
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    fetch(form.dataset.submitPath, { method: 'POST', body: collect(form), headers: { Accept: 'application/json' } })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (body) { return { status: res.status, body: body }; });
      })
      .then(function (r) {
        if (r.status === 201 && r.body.confirmation_url) {
          window.location.assign(r.body.confirmation_url);
          return;
        }
        button.disabled = false;
        form.removeAttribute('aria-busy');
        if (r.status === 428 && r.body && r.body.security_code_recipient) {
          securityCode.show(form, r.body.security_code_recipient);
          return;
        }
        var fields = (r.body && r.body.fields) || {};
        var list = Object.keys(fields).map(function (id) { return { id: id, message: fields[id] }; });
        if (r.status === 400 && list.length) {
          report(list);
        } else {
          showFormError((r.body && r.body.detail) || MESSAGES.genericFailure);
        }
      })
      .catch(function () {
        button.disabled = false;
        form.removeAttribute('aria-busy');
        showFormError(MESSAGES.genericFailure);
      });
  }

  // ---- email security code -------------------------------------------------------------------------
  // After a POST answered 428 {code: "captcha-failed", security_code_recipient} the renderer asks for the code it
  // emailed (its i18n "email_verification" strings). The step is a required text field of the form, so the next
  // submit sends it as security_code with everything else; the server's field error (wrong or expired code) shows
  // under it like any other field's.
  var securityCode = {
    label: 'Security code',
    description: 'A verification code was sent to {{ email }}. To submit your application, enter the 8-character code'
      + ' to confirm you\'re a human.',
    show: function (form, email) {
      var id = 'security_code';
      var step = document.getElementById('email-verification');
      if (!step) {
        step = document.createElement('div');
        step.id = 'email-verification';
        step.className = 'field-wrapper email-verification';
        var wrapper = document.createElement('div');
        wrapper.className = 'text-input-wrapper';
        var inner = document.createElement('div');
        inner.className = 'input-wrapper';
        var label = document.createElement('label');
        label.id = id + '-label';
        label.className = 'label';
        label.htmlFor = id;
        label.textContent = this.label;
        var star = document.createElement('span');
        star.setAttribute('aria-hidden', 'true');
        star.textContent = '*';
        label.appendChild(star);
        var input = document.createElement('input');
        input.id = id;
        input.className = 'input input__single-line';
        input.type = 'text';
        input.maxLength = 8;
        input.autocomplete = 'one-time-code';
        input.setAttribute('aria-required', 'true');
        input.setAttribute('aria-invalid', 'false');
        input.setAttribute('aria-describedby', id + '-description ' + id + '-error');
        input.setAttribute('aria-errormessage', id + '-error');
        var text = document.createElement('p');
        text.id = id + '-description';
        text.className = 'body body__secondary';
        inner.appendChild(label);
        inner.appendChild(input);
        wrapper.appendChild(inner);
        step.appendChild(text);
        step.appendChild(wrapper);
        var submitRow = form.querySelector('.application--submit');
        if (submitRow) { submitRow.parentNode.insertBefore(step, submitRow); } else { form.appendChild(step); }
      }
      document.getElementById(id + '-description').textContent = this.description.replace('{{ email }}', email);
      var field = document.getElementById(id);
      field.value = '';
      field.focus();
    }
  };

  // A challenge nobody passes: the sandbox's stand-in for reCAPTCHA when the form is withheld.
  function initCaptcha() {
    var anchor = document.getElementById('recaptcha-anchor');
    var status = document.getElementById('recaptcha-status');
    if (!anchor || !status) { return; }
    anchor.addEventListener('change', function () {
      if (!anchor.checked) { return; }
      setTimeout(function () {
        anchor.checked = false;
        status.textContent = 'Verification expired. Check the checkbox again.';
        status.hidden = false;
      }, 800);
    });
  }

  function init() {
    initCaptcha();
    var form = document.getElementById('application-form');
    if (!form) { return; }
    document.querySelectorAll('.select[data-combobox]').forEach(function (root) { new Combobox(root); });
    document.querySelectorAll('.file-upload[data-field]').forEach(function (group) { new FileUpload(group); });
    form.addEventListener('input', function (e) {
      if (e.target.id && e.target.getAttribute('aria-invalid') === 'true' && e.target.getAttribute('role') !== 'combobox') {
        clearError(e.target.id);
      }
    });
    // a named control answered (a hidden input set by its widget, a radio checked): its question's error goes
    form.addEventListener('change', function (e) {
      if (e.target.name && (e.target.type === 'hidden' || e.target.type === 'radio') && e.target.value) {
        clearError(e.target.name);
      }
    });
    var button = form.querySelector('.application--submit button[type="submit"]');
    form.addEventListener('submit', function (e) { submit(form, button, e); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
