/*
 * Applyflow sandbox, Ashby-like job page and application form (templates/sandbox/ashby-job.html). Like
 * jobs.ashbyhq.com, the server sends an empty shell and this script builds the page from the posting and its form
 * definition (GET /sandbox/ashby/api/non-user-graphql?op=ApiJobPosting), then posts the application as multipart
 * with fetch (op=ApiSubmitSingleApplicationFormAction) and shows the outcome in place: the confirmation instead of
 * the form, or each field's error beside it with the form kept.
 *
 * Widgets, after Ashby's own: text/email/tel inputs, a textarea, a date input, the resume's file input behind an
 * "Upload File" button, yes/no as two toggle buttons (aria-pressed), single-select and location as an editable
 * combobox (input role=combobox, aria-controls naming a listbox of role=option, aria-activedescendant while moving
 * with the arrow keys; the location's options come from the server as the user types), multi-select as checkboxes
 * in a fieldset. Required fields carry a "*" after the title (CSS) and aria-required.
 */
(function () {
  'use strict';

  var GRAPHQL = '/sandbox/ashby/api/non-user-graphql';
  var TYPES = { FullTime: 'Full time', PartTime: 'Part time', Intern: 'Internship', Contract: 'Contract', Temporary: 'Temporary' };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === 'className') e.className = attrs[k];
      else e.setAttribute(k, attrs[k] === true ? '' : String(attrs[k]));
    });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // --- combobox (single select and location) ---------------------------------------------------------

  function combobox(path, label, required, source) {
    var wrap = el('div', { className: '_combobox' });
    var listId = path + '-listbox';
    var input = el('input', {
      id: path, type: 'text', role: 'combobox', className: 'ashby-application-form-input-autocomplete _input',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, autocomplete: 'off',
      placeholder: 'Start typing...', 'aria-required': required ? 'true' : null
    });
    var list = el('div', { id: listId, role: 'listbox', className: '_listbox', 'aria-label': label });
    list.hidden = true;
    wrap.appendChild(input);
    wrap.appendChild(list);
    var state = { value: '', label: '' };
    var options = [];
    var active = -1;
    var ticket = 0;

    function setActive(i) {
      active = i;
      options.forEach(function (o, k) { o.el.classList.toggle('_active', k === i); });
      if (i >= 0) {
        input.setAttribute('aria-activedescendant', options[i].el.id);
        options[i].el.scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
    }

    function pick(o) {
      state.value = o.value;
      state.label = o.label;
      input.value = o.label;
      close();
      input.dispatchEvent(new Event('ashby:change', { bubbles: true }));
    }

    function render(items) {
      list.textContent = '';
      options = items.map(function (item, k) {
        var o = el('div', {
          id: path + '-option-' + k, role: 'option', className: '_option',
          'aria-selected': item.value === state.value ? 'true' : 'false'
        }, item.label);
        o.addEventListener('mousedown', function (e) { e.preventDefault(); });
        o.addEventListener('click', function () { pick(item); });
        list.appendChild(o);
        return { el: o, value: item.value, label: item.label };
      });
      if (!options.length) list.appendChild(el('div', { className: '_noResults' }, 'No results'));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      setActive(-1);
    }

    function open(text, highlightFirst) {
      var mine = ++ticket;
      source(text).then(function (items) {
        if (mine !== ticket || document.activeElement !== input) return;
        render(items);
        if (highlightFirst && options.length) setActive(0);
      });
    }

    input.addEventListener('focus', function () { if (!source.remote) open(''); });
    input.addEventListener('click', function () { if (list.hidden && !source.remote) open(''); });
    input.addEventListener('input', function () {
      var text = input.value.trim();
      if (source.remote && !text) { close(); return; }
      open(text, true);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (list.hidden) { if (!source.remote || input.value.trim()) open(source.remote ? input.value.trim() : '', true); return; }
        if (options.length) setActive(Math.min(options.length - 1, active + 1));
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        if (!list.hidden && options.length) setActive(Math.max(0, active - 1));
      } else if (e.key === 'Enter') {
        if (!list.hidden) {
          e.preventDefault();
          if (active >= 0) pick(options[active]);
        }
      } else if (e.key === 'Escape') {
        if (!list.hidden) { e.preventDefault(); close(); input.value = state.label; }
      }
    });
    input.addEventListener('blur', function () {
      ticket++;
      close();
      input.value = state.label;
    });
    return { node: wrap, input: input, value: function () { return state.value; } };
  }

  function localOptions(values) {
    var all = values.map(function (v) { return { value: v.value, label: v.label }; });
    var f = function (text) {
      var t = (text || '').toLowerCase();
      return Promise.resolve(all.filter(function (o) { return !t || o.label.toLowerCase().indexOf(t) >= 0; }));
    };
    f.remote = false;
    return f;
  }

  function remoteLocations(text) {
    return fetch(GRAPHQL + '?op=ApiLocationSearch&query=' + encodeURIComponent(text))
      .then(function (r) { return r.ok ? r.json() : { data: { locationSearch: [] } }; })
      .then(function (j) { return j.data.locationSearch.map(function (l) { return { value: l.title, label: l.title }; }); })
      .catch(function () { return []; });
  }
  remoteLocations.remote = true;

  // --- fields ---------------------------------------------------------------------------------------

  function title(field, required, forId, id) {
    var label = el('label', { className: 'ashby-application-form-question-title _label' + (required ? ' _required' : ''), 'for': forId, id: id }, field.title);
    return label;
  }

  function yesNo(path, labelId, required) {
    var group = el('div', { className: 'ashby-application-form-input-yesno _yesno', role: 'group', 'aria-labelledby': labelId });
    var state = { value: '' };
    var buttons = [['yes', 'Yes', 'true'], ['no', 'No', 'false']].map(function (b) {
      var button = el('button', { type: 'button', className: 'ashby-application-form-input-yesno-option _option', 'data-option': b[0], 'aria-pressed': 'false' }, b[1]);
      button.addEventListener('click', function () {
        state.value = b[2];
        buttons.forEach(function (other) {
          var on = other === button;
          other.setAttribute('aria-pressed', on ? 'true' : 'false');
          other.classList.toggle('_active', on);
        });
      });
      group.appendChild(button);
      return button;
    });
    return { node: group, focusTarget: buttons[0], value: function () { return state.value; } };
  }

  function fileInput(path, labelId) {
    var box = el('div', { className: 'ashby-application-form-input-file _fileUpload' });
    var input = el('input', { type: 'file', id: path, name: path, className: '_fileInput', accept: '.pdf,.doc,.docx,.txt,.rtf', 'aria-labelledby': labelId });
    var button = el('button', { type: 'button', className: '_uploadButton', 'aria-describedby': path + '-filename' }, 'Upload File');
    var drop = el('span', { className: '_dropText' }, 'or drag and drop here');
    var name = el('p', { id: path + '-filename', className: '_fileName', 'aria-live': 'polite' });
    button.addEventListener('click', function () { input.click(); });
    input.addEventListener('change', function () { name.textContent = input.files.length ? input.files[0].name : ''; });
    box.appendChild(button);
    box.appendChild(drop);
    box.appendChild(input);
    box.appendChild(name);
    return { node: box, focusTarget: button, files: function () { return input.files; } };
  }

  function buildField(entry) {
    var f = entry.field;
    var path = f.path;
    var required = entry.isRequired;
    var labelId = path + '-label';
    var wrapper;
    var control = { path: path, type: f.type };
    if (f.type === 'MultiValueSelect') {
      wrapper = el('fieldset', { className: 'ashby-application-form-field-entry _fieldEntry', 'data-field-path': path });
      var legend = el('legend', { className: 'ashby-application-form-question-title _label' + (required ? ' _required' : ''), id: labelId }, f.title);
      wrapper.appendChild(legend);
      var boxes = (f.selectableValues || []).map(function (v, k) {
        var row = el('div', { className: '_checkboxOption' });
        var box = el('input', { type: 'checkbox', id: path + '-' + k, name: path, value: v.value });
        row.appendChild(box);
        row.appendChild(el('label', { 'for': path + '-' + k }, v.label));
        wrapper.appendChild(row);
        return box;
      });
      control.values = function () { return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); };
      control.focusTarget = boxes[0];
    } else {
      wrapper = el('div', { className: 'ashby-application-form-field-entry _fieldEntry', 'data-field-path': path });
      if (f.type === 'Boolean') {
        wrapper.appendChild(title(f, required, null, labelId));
        var yn = yesNo(path, labelId, required);
        wrapper.appendChild(yn.node);
        control.values = function () { return yn.value() ? [yn.value()] : []; };
        control.focusTarget = yn.focusTarget;
      } else if (f.type === 'File') {
        wrapper.appendChild(title(f, required, path, labelId));
        var fi = fileInput(path, labelId);
        wrapper.appendChild(fi.node);
        control.files = fi.files;
        control.focusTarget = fi.focusTarget;
      } else if (f.type === 'ValueSelect' || f.type === 'Location') {
        wrapper.appendChild(title(f, required, path, labelId));
        var cb = combobox(path, f.title, required, f.type === 'Location' ? remoteLocations : localOptions(f.selectableValues || []));
        wrapper.appendChild(cb.node);
        control.values = function () { return cb.value() ? [cb.value()] : []; };
        control.focusTarget = cb.input;
      } else {
        wrapper.appendChild(title(f, required, path, labelId));
        var attrs = { id: path, name: path, className: '_input', 'aria-required': required ? 'true' : null };
        var input;
        if (f.type === 'LongText') {
          input = el('textarea', Object.assign(attrs, { className: '_textarea', placeholder: 'Type here...' }));
        } else if (f.type === 'Date') {
          input = el('input', Object.assign(attrs, { type: 'date' }));
        } else {
          var kinds = { Email: ['email', 'hello@example.com...', 'email'], Phone: ['tel', '1-415-555-1234...', 'tel'] };
          var kind = kinds[f.type] || ['text', 'Type here...', path === '_systemfield_name' ? 'name' : null];
          input = el('input', Object.assign(attrs, { type: kind[0], placeholder: kind[1], autocomplete: kind[2] }));
        }
        wrapper.appendChild(input);
        control.values = function () { return input.value.trim() ? [input.value] : []; };
        control.focusTarget = input;
      }
    }
    var error = el('p', { id: path + '-error', className: '_error', role: 'alert' });
    error.hidden = true;
    wrapper.appendChild(error);
    control.wrapper = wrapper;
    control.error = error;
    return control;
  }

  // --- page -----------------------------------------------------------------------------------------

  function header(root, posting, board, view) {
    var base = '/sandbox/ashby/' + encodeURIComponent(board) + '/' + posting.id;
    var head = el('header', { className: '_jobHeader' });
    head.appendChild(el('p', { className: '_orgName' }, posting.organizationName));
    head.appendChild(el('h1', { className: 'ashby-job-posting-heading _title' }, posting.title));
    var tabs = el('nav', { className: '_tabs', 'aria-label': 'Job posting' });
    var overview = el('a', { href: base, className: '_tab', 'aria-current': view === 'overview' ? 'page' : null }, 'Overview');
    var application = el('a', { href: base + '/application', className: '_tab', 'aria-current': view === 'application' ? 'page' : null }, 'Application');
    tabs.appendChild(overview);
    tabs.appendChild(application);
    head.appendChild(tabs);
    root.appendChild(head);
    var side = el('aside', { className: '_details' });
    [['Location', posting.locationName + (posting.isRemote ? ' (Remote)' : '')],
      ['Employment Type', TYPES[posting.employmentType] || posting.employmentType],
      ['Department', posting.departmentName],
      ['Compensation', posting.compensationTierSummary]].forEach(function (d) {
      if (!d[1]) return;
      var block = el('div', { className: '_section' });
      block.appendChild(el('h2', { className: '_heading' }, d[0]));
      block.appendChild(el('p', {}, d[1]));
      side.appendChild(block);
    });
    root.appendChild(side);
    return base;
  }

  function showOverview(main, posting, base) {
    var body = el('div', { className: '_descriptionText' });
    body.innerHTML = posting.descriptionHtml; // the board's own posting text, from its own API
    main.appendChild(body);
    main.appendChild(el('a', { href: base + '/application', className: '_applyButton ashby-job-posting-apply-button' }, 'Apply for this Job'));
  }

  function showApplication(main, posting, board) {
    var form = el('form', { className: 'ashby-application-form-container _form', novalidate: true, 'aria-label': 'Application' });
    var banner = el('div', { className: '_errorBanner', role: 'alert', id: 'ashby-form-errors' });
    banner.hidden = true;
    form.appendChild(banner);
    var controls = [];
    posting.applicationForm.sections.forEach(function (section) {
      section.fieldEntries.forEach(function (entry) {
        var c = buildField(entry);
        controls.push(c);
        form.appendChild(c.wrapper);
      });
    });
    var submit = el('button', { type: 'submit', className: 'ashby-application-form-submit-button _submitButton' }, 'Submit Application');
    form.appendChild(submit);
    main.appendChild(form);

    function clearErrors() {
      banner.hidden = true;
      banner.textContent = '';
      controls.forEach(function (c) {
        c.error.hidden = true;
        c.error.textContent = '';
        c.wrapper.classList.remove('_hasError');
        var target = c.wrapper.querySelector('input:not([type=checkbox]):not([type=file]), textarea');
        if (target) { target.removeAttribute('aria-invalid'); target.removeAttribute('aria-describedby'); }
      });
    }

    function showErrors(body) {
      banner.appendChild(el('p', { className: '_errorTitle' }, 'Your form needs corrections'));
      var ul = el('ul');
      (body.errors || ['The application could not be submitted.']).forEach(function (m) { ul.appendChild(el('li', {}, m)); });
      banner.appendChild(ul);
      banner.hidden = false;
      var fieldErrors = body.fieldErrors || {};
      controls.forEach(function (c) {
        var message = fieldErrors[c.path];
        if (!message) return;
        c.error.textContent = message;
        c.error.hidden = false;
        c.wrapper.classList.add('_hasError');
        var target = c.wrapper.querySelector('input:not([type=checkbox]):not([type=file]), textarea');
        if (target) { target.setAttribute('aria-invalid', 'true'); target.setAttribute('aria-describedby', c.error.id); }
      });
      banner.scrollIntoView({ block: 'start' });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (submit.disabled) return;
      clearErrors();
      var data = new FormData();
      data.append('organizationHostedJobsPageName', board);
      data.append('jobPostingId', posting.id);
      controls.forEach(function (c) {
        if (c.files) {
          var files = c.files();
          if (files && files.length) data.append(c.path, files[0], files[0].name);
          return;
        }
        c.values().forEach(function (v) { data.append(c.path, v); });
      });
      submit.disabled = true;
      submit.textContent = 'Submitting...';
      fetch(GRAPHQL + '?op=ApiSubmitSingleApplicationFormAction', { method: 'POST', body: data })
        .then(function (r) {
          return r.json().catch(function () { return {}; }).then(function (body) { return { ok: r.ok, status: r.status, body: body }; });
        })
        .then(function (res) {
          if (res.ok) {
            var done = el('div', { className: 'ashby-application-form-success-container _success', role: 'status' });
            done.appendChild(el('h2', { className: '_successTitle' }, 'Thank you for applying'));
            done.appendChild(el('p', {}, 'Your application was successfully submitted. We\u2019ll contact you if there are next steps.'));
            form.replaceWith(done);
            return;
          }
          if (!res.body.errors && res.body.detail) res.body.errors = [res.body.detail];
          showErrors(res.body);
          submit.disabled = false;
          submit.textContent = 'Submit Application';
        })
        .catch(function () {
          showErrors({ errors: ['The application could not be sent. Check your connection and try again.'] });
          submit.disabled = false;
          submit.textContent = 'Submit Application';
        });
    });
  }

  // --- the board's page: its listed jobs, by department ------------------------------------------------

  function showBoard(root, board) {
    fetch('/sandbox/ashby-api/posting-api/job-board/' + encodeURIComponent(board))
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (j) {
        root.textContent = '';
        var main = el('main', { className: '_content _board' });
        main.appendChild(el('h1', { className: '_title' }, 'Open Positions'));
        var groups = {};
        var order = [];
        j.jobs.filter(function (job) { return job.isListed; }).forEach(function (job) {
          if (!groups[job.department]) { groups[job.department] = []; order.push(job.department); }
          groups[job.department].push(job);
        });
        order.forEach(function (dept) {
          var section = el('section', { className: '_departmentSection', 'aria-label': dept });
          section.appendChild(el('h2', { className: '_departmentHeading' }, dept));
          groups[dept].forEach(function (job) {
            var a = el('a', { className: '_jobLink', href: '/sandbox/ashby/' + encodeURIComponent(board) + '/' + job.id });
            a.appendChild(el('h3', { className: '_jobTitle' }, job.title));
            a.appendChild(el('p', { className: '_jobMeta' }, [job.location, TYPES[job.employmentType] || job.employmentType].join(' \u2022 ')));
            section.appendChild(a);
          });
          main.appendChild(section);
        });
        root.appendChild(main);
      })
      .catch(function () {
        root.textContent = '';
        root.appendChild(el('p', { className: '_error', role: 'alert' }, 'The jobs could not be loaded.'));
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var root = document.getElementById('root');
    if (!root) return;
    var board = root.getAttribute('data-board');
    var id = root.getAttribute('data-posting');
    var view = root.getAttribute('data-view');
    if (view === 'board') { showBoard(root, board); return; }
    fetch(GRAPHQL + '?op=ApiJobPosting&organizationHostedJobsPageName=' + encodeURIComponent(board)
      + '&jobPostingId=' + encodeURIComponent(id))
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (j) {
        var posting = j.data.jobPosting;
        root.textContent = '';
        var base = header(root, posting, board, view);
        var main = el('main', { className: '_content' });
        root.appendChild(main);
        if (view === 'application') showApplication(main, posting, board);
        else showOverview(main, posting, base);
      })
      .catch(function () {
        root.textContent = '';
        root.appendChild(el('p', { className: '_error', role: 'alert' }, 'This job could not be loaded.'));
      });
  });
})();
