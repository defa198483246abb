package io.applyflow.apply;

/**
 * The parts of the {@link FormEngine} that run inside the page, as JavaScript text blocks so one round trip answers a
 * whole question instead of dozens of locator calls. Nothing here knows an ATS: controls are found by their HTML and
 * WAI-ARIA semantics (roles, {@code aria-controls}/{@code aria-owns}, {@code aria-labelledby}, {@code aria-selected},
 * {@code aria-pressed}, labels and legends), as the WAI-ARIA Authoring Practices describe the widgets.
 *
 * <p>{@link #READ} puts a {@code data-applyflow-key} on each control it reports; the other scripts take that key.
 */
final class FormScripts {
  /** Helpers every script starts with. */
  private static final String LIB = """
      const KEY = 'data-applyflow-key';
      const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
      const byId = id => (id ? document.getElementById(id) : null);
      const ids = v => (v || '').split(/\\s+/).filter(Boolean);
      const byKey = k => document.querySelector('[' + KEY + '="' + k + '"]');
      const rendered = el => !!el && el.isConnected && el.getClientRects().length > 0
          && getComputedStyle(el).visibility !== 'hidden';
      const seen = el => {
        if (!rendered(el) || el.closest('[aria-hidden="true"]')) return false;
        const r = el.getBoundingClientRect();
        if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return false;
        return r.width > 1 && r.height > 1;
      };
      const text = n => {
        if (!n) return '';
        const c = n.cloneNode(true);
        c.querySelectorAll('[aria-hidden="true"], select, textarea, input, [role=listbox], script, style, template')
            .forEach(x => x.remove());
        return norm(c.textContent);
      };
      const unmark = s => norm(norm(s).replace(/\\(required\\)\\s*$/i, '').replace(/^[\\s*\\u2731]+|[\\s*\\u2731]+$/g, ''));
      // a marker drawn by CSS (label::after { content: "*" }) is shown to the person, though not in the text
      const drawn = n => ['::before', '::after'].some(p => {
        const c = n.nodeType === 1 ? getComputedStyle(n, p).content : 'none';
        return c && c !== 'none' && c !== 'normal' && /[*\\u2731]/.test(c);
      });
      const marked = nodes => nodes.some(n => {
        const raw = norm(n.textContent);
        return /[*\\u2731]$/.test(raw) || /^[*\\u2731]/.test(raw) || /\\(required\\)$/i.test(raw) || drawn(n);
      });
      const labelsFor = el => {
        const out = el.labels ? Array.from(el.labels) : [];
        if (!out.length && el.id) out.push(...document.querySelectorAll('label[for="' + CSS.escape(el.id) + '"]'));
        return out;
      };
      /** {text, nodes}: the accessible name (aria-labelledby, aria-label, label, legend, title, placeholder). */
      const nameOf = el => {
        const lb = ids(el.getAttribute('aria-labelledby')).map(byId).filter(Boolean);
        if (lb.length) return { text: unmark(lb.map(text).join(' ')), nodes: lb };
        const al = el.getAttribute('aria-label');
        if (al && al.trim()) return { text: unmark(al), nodes: [] };
        const ls = labelsFor(el);
        const lt = unmark(ls.map(text).filter(Boolean).join(' '));
        if (lt) return { text: lt, nodes: ls };
        if (el.tagName === 'FIELDSET') {
          const lg = el.querySelector(':scope > legend');
          if (lg) return { text: unmark(text(lg)), nodes: [lg] };
        }
        const t = el.getAttribute('title') || el.getAttribute('placeholder');
        return { text: unmark(t), nodes: [] };
      };
      const role = el => el.getAttribute('data-applyflow-role');
      const inner = el => el.matches('input, textarea, [role=textbox], [contenteditable="true"]') ? el
          : el.querySelector('input:not([type=hidden]), textarea, [role=textbox], [contenteditable="true"]');
      const container = el => byKey(el.getAttribute(KEY) + '~') || el;
      const boxOf = el => document.querySelector('[data-applyflow-box="' + el.getAttribute(KEY) + '"]') || container(el);
      const listboxesOf = el => {
        const out = [];
        const input = inner(el);
        for (const n of [el, input]) {
          if (!n) continue;
          for (const id of [...ids(n.getAttribute('aria-controls')), ...ids(n.getAttribute('aria-owns'))]) {
            const l = byId(id);
            const lb = l && (l.matches('[role=listbox]') ? l : l.querySelector('[role=listbox]'));
            if (lb && !out.includes(lb)) out.push(lb);
          }
        }
        boxOf(el).querySelectorAll('[role=listbox]').forEach(l => { if (!out.includes(l)) out.push(l); });
        return out;
      };
      const optionText = o => norm(text(o) || o.getAttribute('aria-label'));
      /** A state only a class shows (a button pair styled as chosen): "active", "selected", "checked", "pressed". */
      const STATE_CLASS = /(^|[\\s_-])(active|selected|checked|pressed|is-active|is-selected)([\\s_-]|$)/i;
      const checkedOf = m => m.matches('input') ? m.checked
          : ['true', 'mixed'].includes(m.getAttribute('aria-checked')) || m.getAttribute('aria-pressed') === 'true'
            || m.getAttribute('aria-selected') === 'true'
            || (m.matches('button') && !m.hasAttribute('aria-pressed') && !m.hasAttribute('role') && STATE_CLASS.test(m.className));
      /** Plain buttons that together answer one question: two or more type=button siblings and nothing else to fill. */
      const choiceButtons = p => {
        const bs = Array.from(p.children).filter(b => b.matches('button[type=button]:not([aria-pressed]):not([aria-haspopup]):not([aria-expanded]):not([role])'));
        return bs.length >= 2 && bs.length === Array.from(p.children).filter(b => b.matches('button')).length
            && !p.querySelector('input:not([type=hidden]), select, textarea, [role=combobox], [role=listbox]')
            && bs.every(b => norm(b.textContent).length > 0 && norm(b.textContent).length <= 40
              && !/\\b(attach|upload|browse|remove|delete|cancel|submit|next|back)\\b/i.test(b.textContent)) ? bs : null;
      };
      const memberLabel = m => {
        if (m.matches('input')) {
          const n = nameOf(m).text;
          return n || norm(m.value);
        }
        return optionText(m);
      };
      const members = el => {
        switch (role(el)) {
          case 'radio': case 'checkbox': {
            if (el.matches('input')) return [el];
            const name = el.getAttribute('data-applyflow-name');
            const q = name ? 'input[name="' + CSS.escape(name) + '"]' : 'input[type=radio], input[type=checkbox], [role=radio], [role=checkbox]';
            return Array.from(el.querySelectorAll(q));
          }
          case 'buttons': {
            const pressed = Array.from(el.querySelectorAll('[aria-pressed], [role=radio], [role=switch]'));
            return pressed.length ? pressed : (choiceButtons(el) || []);
          }
          case 'listbox': return Array.from(el.querySelectorAll('[role=option]'));
          default: return [];
        }
      };
      const skipShown = el => {
        const out = [...nameOf(el).nodes];
        const input = inner(el);
        for (const n of [el, input]) if (n) ids(n.getAttribute('aria-describedby')).map(byId).filter(Boolean).forEach(d => out.push(d));
        return out;
      };
      /** Visible texts inside a widget other than its label, options, buttons, descriptions and placeholder. */
      const shownIn = (box, skip) => {
        const parents = new Set();
        const w = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        while (w.nextNode()) {
          const p = w.currentNode.parentElement;
          if (!p || !norm(w.currentNode.nodeValue) || parents.has(p)) continue;
          if (!rendered(p) || p.closest('[role=listbox], [role=option], label, legend, button, [role=button], [role=alert], '
              + '[aria-hidden="true"], [class*="placeholder"], template, script, style')) continue;
          if (skip.some(s => s.contains(p))) continue;
          parents.add(p);
        }
        return Array.from(parents).filter(p => !Array.from(parents).some(q => q !== p && p.contains(q)))
            .map(p => norm(p.textContent)).filter(Boolean);
      };
      const hiddenIn = el => Array.from(container(el).querySelectorAll('input[type=hidden]'))
          .map(h => [h.getAttribute('name') || h.id || '', h.value]);
      const errorOf = el => {
        const input = inner(el) || el;
        const refs = [...ids(input.getAttribute('aria-errormessage')), ...ids(el.getAttribute('aria-errormessage'))]
            .map(byId).filter(n => n && seen(n));
        const alerts = Array.from(container(el).querySelectorAll('[role=alert]')).filter(seen);
        return norm([...refs, ...alerts].map(n => n.textContent).filter(Boolean).join(' '));
      };
      const placeholderish = s => /^(select|choose|pick|please select|--)\\b/i.test(s) || /^-+$/.test(s) || /\\.\\.\\.$|\\u2026$/.test(s);
      /** {values, empty, carriers, error}: what the control shows now. */
      const stateOf = el => {
        const r = role(el);
        let values = [];
        if (r === 'text' || r === 'textarea' || r === 'date') {
          const v = el.isContentEditable ? el.innerText : el.value;
          values = norm(v) ? [v] : [];
        } else if (r === 'select') {
          values = Array.from(el.selectedOptions || []).filter(o => o.value !== '').map(o => norm(o.textContent));
        } else if (r === 'radio' || r === 'checkbox' || r === 'buttons' || r === 'listbox') {
          const ms = members(el);
          values = ms.length === 1 && r === 'checkbox' ? (checkedOf(ms[0]) ? ['checked'] : [])
              : ms.filter(checkedOf).map(memberLabel);
        } else if (r === 'file') {
          const input = el.matches('input[type=file]') ? el : container(el).querySelector('input[type=file]');
          const names = input && input.files ? Array.from(input.files).map(f => f.name) : [];
          const chips = shownIn(container(el), skipShown(el)).filter(s => /\\.[A-Za-z0-9]{2,5}$/.test(s));
          values = [...names, ...chips];
        } else if (r === 'combobox') {
          const input = inner(el);
          const selected = listboxesOf(el).flatMap(l => Array.from(l.querySelectorAll('[role=option][aria-selected="true"]')))
              .map(optionText);
          if (!input) {
            const t = text(el);
            values = t && !(placeholderish(t) && !selected.length) ? [t] : [];
          } else {
            values = shownIn(boxOf(el), skipShown(el));
            if (norm(input.value)) values.unshift(norm(input.value));
          }
          values = [...values, ...selected.filter(s => !values.includes(s))];
        }
        const carriers = r === 'combobox' || r === 'listbox' || r === 'buttons'
            ? hiddenIn(el).map(h => h[1]) : [];
        return { values, empty: values.length === 0, carriers, error: errorOf(el) };
      };
      """;

  /**
   * {@code ({form}) => [control]}: every control in the form, in page order, with a key put on it. A control is
   * {@code {key, name, id, label, role, required, multiple, options, autocomplete, inputType, empty, value, visible,
   * hidden: [[name, value]]}}; {@code hidden} lists the hidden inputs that sit with the control (its value carrier, or
   * inputs that identify its row). Radios and checkboxes are grouped under their fieldset/group, ARIA 1.1 comboboxes
   * under their container, a combobox's listbox belongs to the combobox. Returns null when there is no such form.
   */
  static final String READ = "({form}) => {\n" + LIB + """
      const root = document.querySelector(form);
      if (!root) return null;
      let next = Number(document.documentElement.getAttribute('data-applyflow-next') || '0');
      const fields = [];
      const taken = new Set();
      const owned = new Set();
      const add = (el, r, extra) => { taken.add(el); fields.push(Object.assign({ el, role: r }, extra || {})); };
      root.querySelectorAll('[role=combobox]').forEach(cb => {
        for (const n of [cb, inner(cb)]) if (n) for (const id of [...ids(n.getAttribute('aria-controls')), ...ids(n.getAttribute('aria-owns'))]) {
          const l = byId(id);
          if (l) owned.add(l);
        }
      });
      const labelled = n => n.matches('fieldset, [role=group], [role=radiogroup]') || n.hasAttribute('aria-labelledby')
          || n.hasAttribute('aria-label') || (n.id && document.querySelector('label[for="' + CSS.escape(n.id) + '"]'));
      const groupOf = (el, sel) => {
        for (let n = el.parentElement; n && n !== root && root.contains(n); n = n.parentElement) {
          if (labelled(n) && n.querySelectorAll(sel).length > 1) return n;
        }
        return null;
      };
      const commonAncestor = els => {
        let a = els[0].parentElement;
        while (a && !els.every(e => a.contains(e))) a = a.parentElement;
        return a || root;
      };
      const all = root.querySelectorAll('input, select, textarea, button, [role=combobox], [role=listbox], [role=radio], '
          + '[role=checkbox], [role=switch], [role=button][aria-pressed]');
      const radioNames = new Set();
      for (const el of all) {
        if (taken.has(el) || el.closest('template')) continue;
        if (fields.some(f => f.group && f.el.contains(el))) continue;
        if (el.parentElement && el.parentElement.closest('[role=combobox]')) continue;
        const listbox = el.closest('[role=listbox]');
        if (listbox && listbox !== el) continue;
        const tag = el.tagName.toLowerCase();
        const type = (el.getAttribute('type') || '').toLowerCase();
        const r = el.getAttribute('role');
        if (tag === 'input' && ['hidden', 'submit', 'reset', 'image', 'button'].includes(type)) continue;
        if (r === 'combobox') { add(el, 'combobox'); continue; }
        if (r === 'listbox') {
          if (owned.has(el) || (el.parentElement && el.parentElement.querySelector('[role=combobox]'))) continue;
          add(el, 'listbox');
          continue;
        }
        if (tag === 'input' && type === 'radio') {
          const name = el.getAttribute('name') || '';
          if (name && radioNames.has(name)) continue;
          radioNames.add(name);
          const same = name ? Array.from(root.querySelectorAll('input[type=radio][name="' + CSS.escape(name) + '"]')) : [el];
          let g = el.closest('[role=radiogroup], fieldset, [role=group]');
          if (!g || !same.every(s => g.contains(s))) g = same.length > 1 ? commonAncestor(same) : (groupOf(el, 'input[type=radio]') || el.parentElement);
          add(g, 'radio', { group: true, inputName: name });
          continue;
        }
        if ((tag === 'input' && type === 'checkbox') || r === 'checkbox' || r === 'switch') {
          const g = groupOf(el, 'input[type=checkbox], [role=checkbox]');
          if (g) add(g, 'checkbox', { group: true }); else add(el, 'checkbox');
          continue;
        }
        if (r === 'radio') {
          const g = el.closest('[role=radiogroup]') || el.parentElement;
          add(g, 'radio', { group: true });
          continue;
        }
        if (tag === 'button' || r === 'button') {
          if (el.hasAttribute('aria-pressed')) {
            let g = el.parentElement;
            while (g && g !== root && g.querySelectorAll('[aria-pressed]').length < 2) g = g.parentElement;
            add(g && g.querySelectorAll('[aria-pressed]').length > 1 ? g : el, 'buttons', { group: true });
          } else if (el.parentElement && el.parentElement !== root && choiceButtons(el.parentElement)) {
            add(el.parentElement, 'buttons', { group: true });
          } else if (/\\b(attach|upload|browse|choose file|select file)\\b/i.test(text(el) || el.getAttribute('aria-label') || '')) {
            let n = el.parentElement;
            while (n && n !== root && !n.querySelector('input[type=file], label, legend, [id$="label"]')) n = n.parentElement;
            if (n && !n.querySelector('input[type=file]')) add(el, 'file', { chooser: true });
          }
          continue;
        }
        if (tag === 'select') { add(el, 'select'); continue; }
        if (tag === 'textarea') { add(el, 'textarea'); continue; }
        if (tag === 'input') { add(el, type === 'file' ? 'file' : type === 'date' ? 'date' : 'text'); }
      }
      const counts = new Map();
      for (const f of fields) for (let n = f.el; n; n = n.parentElement) counts.set(n, (counts.get(n) || 0) + 1);
      const out = [];
      for (const f of fields) {
        const el = f.el;
        let key = el.getAttribute(KEY);
        if (!key) { key = 'f' + (next++); el.setAttribute(KEY, key); }
        el.setAttribute('data-applyflow-role', f.role);
        if (f.inputName) el.setAttribute('data-applyflow-name', f.inputName);
        let c = el;
        while (c.parentElement && c !== root && counts.get(c.parentElement) === 1) c = c.parentElement;
        if (f.role === 'file' && el.matches('input')) {
          const g = el.closest('[role=group], fieldset');
          if (g && g.querySelectorAll('input[type=file]').length === 1 && g.contains(c)) c = g;
        }
        document.querySelectorAll('[' + KEY + '="' + key + '~"]').forEach(n => { if (n !== c) n.removeAttribute(KEY); });
        if (c !== el) c.setAttribute(KEY, key + '~');
        const ms = members(el);
        const input = f.role === 'combobox' ? inner(el) : null;
        let named = nameOf(el);
        if (!named.text && input && input !== el) named = nameOf(input);
        if (f.role === 'file') {
          const g = el.closest('[role=group], fieldset');
          if (g && g.querySelectorAll('input[type=file]').length <= 1 && nameOf(g).text) named = nameOf(g);
        }
        if (!named.text && c !== el) {
          const l = Array.from(c.querySelectorAll('label, legend, [class*="label"], h1, h2, h3, h4, h5, h6, p'))
              .find(n => !n.querySelector('input, [role=radio], [role=checkbox], [aria-pressed]') && text(n));
          if (l) named = { text: unmark(text(l)), nodes: [l] };
        }
        if (f.role === 'combobox') {
          let b = el;
          while (b.parentElement && c.contains(b.parentElement) && b.parentElement !== c
              && !named.nodes.some(n => b.parentElement.contains(n))) b = b.parentElement;
          if (named.nodes.some(n => b.contains(n))) b = el;
          document.querySelectorAll('[data-applyflow-box="' + key + '"]').forEach(n => n.removeAttribute('data-applyflow-box'));
          b.setAttribute('data-applyflow-box', key);
        }
        const req = n => !!n && (n.required === true || n.getAttribute('aria-required') === 'true');
        const required = req(el) || req(input) || ms.some(req) || marked(named.nodes)
            || /(\\(required\\)|[*\u2731])$/i.test(norm(el.getAttribute('aria-label')))
            || (f.role === 'file' && req(el.closest('[role=group], fieldset')));
        let options = [];
        if (f.role === 'select') options = Array.from(el.options).filter(o => o.value !== '').map(o => norm(o.textContent));
        else if (f.group || f.role === 'listbox') options = ms.map(memberLabel);
        else if (f.role === 'combobox') options = listboxesOf(el).flatMap(l => Array.from(l.querySelectorAll('[role=option]'))).map(optionText);
        const hidden = hiddenIn(el);
        let name = el.getAttribute('name') || (input && input.getAttribute('name')) || f.inputName || '';
        if (!name && (f.role === 'combobox' || f.role === 'listbox' || f.role === 'buttons')) {
          const h = hidden.filter(x => x[0]);
          if (h.length) name = h[h.length - 1][0];
        }
        let visible;
        if (f.role === 'file') visible = seen(el) || seen(c);
        else if (f.group || f.role === 'checkbox') visible = seen(el) || ms.some(m => seen(m) || labelsFor(m).some(seen));
        else if (f.role === 'combobox') visible = rendered(el) && (seen(el) || seen(boxOf(el)));
        else visible = seen(el);
        const st = stateOf(el);
        out.push({ key, name, id: el.id || '', label: named.text, role: f.role, required,
          multiple: !!el.multiple || (f.role === 'checkbox' && ms.length > 1) || el.getAttribute('aria-multiselectable') === 'true'
            || listboxesOf(el).some(l => l.getAttribute('aria-multiselectable') === 'true'),
          options, autocomplete: (input || el).getAttribute('autocomplete') || '',
          inputType: el.matches('input') ? (el.getAttribute('type') || 'text').toLowerCase() : '',
          empty: st.empty, value: st.values.join('; '), visible, hidden,
          editable: f.role === 'combobox' ? !!input && !input.readOnly : false, chooser: !!f.chooser });
      }
      document.documentElement.setAttribute('data-applyflow-next', String(next));
      return out;
    }
    """;

  /**
   * {@code async ({key}) => state}: what the keyed control shows once the page has handled the events just sent (a
   * frame and a timer later: a widget may revert or re-render), ({@code stateOf}); null when the key is gone.
   */
  static final String STATE = "async ({key}) => {\n" + LIB + """
      await new Promise(r => requestAnimationFrame(() => setTimeout(r, 20)));
      const el = byKey(key);
      return el ? stateOf(el) : null;
    }
    """;

  /** {@code () => void}: marks every listbox shown now, so one that appears after opening a combobox can be told. */
  static final String MARK_LISTBOXES = "() => {\n" + LIB + """
      document.querySelectorAll('[role=listbox]').forEach(l => {
        if (seen(l)) l.setAttribute('data-applyflow-seen', ''); else l.removeAttribute('data-applyflow-seen');
      });
    }
    """;

  /**
   * {@code ({key}) => [{text, id, selected}]}: the options a combobox shows now, each marked
   * {@code data-applyflow-opt=<index>}: from the listbox it controls or owns, else one inside its widget, else the
   * nearest listbox that became visible after opening (a portal), else loose visible options that appeared.
   */
  static final String OPTIONS = "({key}) => {\n" + LIB + """
      const el = byKey(key);
      if (!el) return [];
      document.querySelectorAll('[data-applyflow-opt]').forEach(o => o.removeAttribute('data-applyflow-opt'));
      let lists = listboxesOf(el).filter(seen);
      const r0 = el.getBoundingClientRect();
      const dist = n => {
        const r = n.getBoundingClientRect();
        return Math.hypot(r.left - r0.left, r.top - r0.bottom);
      };
      if (!lists.length) {
        lists = Array.from(document.querySelectorAll('[role=listbox]'))
            .filter(l => seen(l) && !l.hasAttribute('data-applyflow-seen') && !l.closest('template'))
            .sort((a, b) => dist(a) - dist(b)).slice(0, 1);
      }
      let opts = lists.flatMap(l => Array.from(l.querySelectorAll('[role=option]')));
      if (!lists.length) {
        opts = Array.from(document.querySelectorAll('[role=option]'))
            .filter(o => !o.closest('[data-applyflow-seen], template'));
      }
      return opts.filter(o => seen(o) && o.getAttribute('aria-disabled') !== 'true').map((o, i) => {
        o.setAttribute('data-applyflow-opt', String(i));
        return { text: optionText(o), id: o.id || '', selected: o.getAttribute('aria-selected') === 'true' };
      });
    }
    """;

  /**
   * {@code ({key}) => [{text, checked, visible}]}: the choices of a radio/checkbox group, a button group or a listbox,
   * each marked {@code data-applyflow-opt=<index>}.
   */
  static final String MEMBERS = "({key}) => {\n" + LIB + """
      const el = byKey(key);
      if (!el) return [];
      document.querySelectorAll('[data-applyflow-opt]').forEach(o => o.removeAttribute('data-applyflow-opt'));
      return members(el).map((m, i) => {
        m.setAttribute('data-applyflow-opt', String(i));
        return { text: memberLabel(m), checked: checkedOf(m), visible: seen(m) };
      });
    }
    """;

  /** {@code ({key}) => id}: the id of the option a combobox's {@code aria-activedescendant} points at, or ''. */
  static final String ACTIVE = "({key}) => {\n" + LIB + """
      const el = byKey(key);
      if (!el) return '';
      const input = inner(el) || el;
      return input.getAttribute('aria-activedescendant') || el.getAttribute('aria-activedescendant') || '';
    }
    """;

  private FormScripts() {
  }
}
