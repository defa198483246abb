package io.applyflow.apply;

/**
 * The bits of the form filler that must run inside the page: what kind of widget an element is, its visible
 * label, and which fields the page itself marks required (and whether they are still empty). Kept as
 * JavaScript text blocks so one round trip answers a whole question instead of dozens of locator calls.
 * Both Greenhouse renderers are understood: the hosted job-boards form ({@code #application-form}, fields by
 * id) and the classic boards form ({@code #application_form}, fields by {@code job_application[...]} name).
 */
final class FormScripts {
  /** {@code el => kind}: combobox, select, text, file, checkbox, radio, hidden, group (checkboxes inside), unknown. */
  static final String KIND = """
      el => {
        if (el.getAttribute('role') === 'combobox') return 'combobox';
        const tag = el.tagName.toLowerCase();
        if (tag === 'select') return 'select';
        if (tag === 'textarea') return 'text';
        if (tag === 'input') {
          const t = (el.getAttribute('type') || 'text').toLowerCase();
          if (t === 'file' || t === 'checkbox' || t === 'radio' || t === 'hidden') return t;
          return 'text';
        }
        if (el.querySelector('input[type=checkbox], input[type=radio]')) return 'group';
        if (el.querySelector('input[role=combobox]')) return 'inner-combobox';
        return 'unknown';
      }
      """;

  /** {@code el => label text} without the required marker, as the employer wrote it. */
  static final String LABEL = """
      el => {
        const clean = n => {
          const c = n.cloneNode(true);
          c.querySelectorAll('[aria-hidden="true"], .asterisk, .required').forEach(x => x.remove());
          return c.textContent.replace(/\\*/g, '').replace(/\\s+/g, ' ').trim();
        };
        const byId = id => (id ? document.getElementById(id) : null);
        let l = null;
        const group = el.closest('.file-upload');
        if (group) l = byId((group.getAttribute('aria-labelledby') || '').split(' ')[0]);
        if (!l && el.id) l = byId(el.id + '-label') || document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
        if (!l && el.getAttribute('aria-labelledby')) l = byId(el.getAttribute('aria-labelledby').split(' ')[0]);
        if (!l && el.tagName === 'FIELDSET') l = el.querySelector('legend');
        if (!l) {
          const f = el.closest('.field, .field-wrapper');
          l = f && f.querySelector('label, legend');
        }
        return l ? clean(l) : '';
      }
      """;

  /**
   * {@code classic => [{field, empty}]}: every field the page marks required ({@code aria-required="true"},
   * {@code required}, a label ending in {@code *} or holding {@code span.required} / {@code .asterisk}), in page
   * order, named as the API names them ({@code first_name}, {@code question_123}, {@code location}, {@code resume},
   * a demographic id), skipping fields the page hides.
   */
  static final String REQUIRED = """
      classic => {
        const form = document.querySelector(classic ? '#application_form' : '#application-form');
        if (!form) return [];
        const isHidden = el => !!el.closest('[hidden]')
            || (!el.closest('.file-upload') && el.getAttribute('type') !== 'file' && el.getClientRects().length === 0);
        const marked = l => !!l.querySelector('span.required, .asterisk') || /\\*\\s*$/.test(l.textContent.trim());
        const candidates = [];
        form.querySelectorAll('[aria-required="true"], [required]').forEach(el => candidates.push(el));
        form.querySelectorAll('label, legend, .label, .upload-label').forEach(l => {
          if (!marked(l)) return;
          let t = null;
          if (l.htmlFor) t = document.getElementById(l.htmlFor);
          if (!t && l.id && l.id.startsWith('upload-label-')) {
            t = form.querySelector('.file-upload[aria-labelledby="' + l.id + '"]') || document.getElementById(l.id.substring(13));
          } else if (!t && l.id && l.id.endsWith('-label')) {
            t = document.getElementById(l.id.slice(0, -6));
          }
          if (!t && l.tagName === 'LEGEND') t = l.parentElement;
          if (!t) {
            const f = l.closest('.field, .field-wrapper');
            t = f && f.querySelector('input:not([type=hidden]), select, textarea');
          }
          if (t) candidates.push(t);
        });
        const questionOfRow = n => {
          const row = form.querySelector('input[type=hidden][name="job_application[answers_attributes][' + n + '][question_id]"]');
          return row ? 'question_' + row.value : null;
        };
        const nameOf = el => {
          const group = el.closest('.file-upload');
          if (group && group.dataset.field) return [group.dataset.field, group];
          if (el.id === 'candidate-location') return ['location', el];
          const name = el.getAttribute('name') || '';
          let m = name.match(/^job_application\\[answers_attributes\\]\\[(\\d+)\\]/) || (el.id || '').match(/^job_application_answers_attributes_(\\d+)_/);
          if (m) return [questionOfRow(m[1]), el];
          m = name.match(/^job_application\\[([a-z_]+)\\]$/);
          if (m) return [m[1], el];
          if (el.type === 'checkbox' || el.type === 'radio') {
            const g = el.closest('fieldset[id], .checkbox-group[id]');
            return g ? nameOf(g) : [null, el];
          }
          if (classic && el.id && el.id.startsWith('job_application_')) return [el.id.substring(16), el];
          return [el.id || null, el];
        };
        const isEmpty = el => {
          if (el.classList.contains('file-upload')) {
            const f = el.querySelector('input[type=file]');
            const chip = el.querySelector('.file-upload__filename');
            const ta = el.querySelector('textarea');
            return !(f && f.files && f.files.length) && !(chip && chip.textContent.trim() && !chip.closest('[hidden]'))
                && !(ta && !ta.hidden && ta.value.trim());
          }
          if (el.getAttribute('role') === 'combobox') {
            const c = el.closest('.select__control') || el.closest('.select') || el.parentElement;
            const shown = Array.from(c.querySelectorAll('.select__single-value, .select__multi-value'))
                .some(v => !v.hidden && v.textContent.trim());
            return !shown && !(el.dataset && el.dataset.value);
          }
          const tag = el.tagName;
          if (tag === 'SELECT') return !el.value;
          if (tag === 'INPUT' && el.type === 'file') {
            if (el.files && el.files.length) return false;
            const box = el.closest('fieldset, .field');
            const ta = box && box.querySelector('textarea');
            return !(ta && ta.value.trim());
          }
          if (tag === 'INPUT' || tag === 'TEXTAREA') return !el.value.trim();
          if (el.querySelector('input[type=checkbox], input[type=radio]')) return !el.querySelector('input:checked');
          const inner = el.querySelector('input:not([type=hidden]), select, textarea');
          return inner ? isEmpty(inner) : false;
        };
        const named = [];
        for (const c of candidates) {
          if (isHidden(c)) continue;
          const [field, el] = nameOf(c);
          if (field) named.push({ field, el });
        }
        named.sort((a, b) => (a.el === b.el ? 0
            : (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1)));
        const seen = new Set();
        const out = [];
        for (const n of named) {
          if (seen.has(n.field)) continue;
          seen.add(n.field);
          out.push({ field: n.field, empty: isEmpty(n.el) });
        }
        return out;
      }
      """;

  private FormScripts() {
  }
}
