package io.applyflow.apply;

import java.util.List;

/**
 * One labelled control of a form as {@link FormEngine#read} found it on the page.
 *
 * @param key          a handle the engine put on the control ({@code data-applyflow-key}) for this page load
 * @param name         the control's {@code name}, or for a custom widget the name of the hidden input carrying its
 *                     value; "" when none
 * @param id           the control's (or its group's) id; "" when none
 * @param label        its accessible name (aria-labelledby, aria-label, label, legend), required markers removed
 * @param role         text, textarea, date, select, combobox, listbox, radio, checkbox (group or single), buttons
 *                     (a yes/no pair or any group of pressable buttons), file or hidden
 * @param required     whether the page marks it required ({@code required}, {@code aria-required}, a marker in the
 *                     label)
 * @param multiple     whether it takes several choices
 * @param options      the choices the page offers without being operated (native select, radios, checkboxes,
 *                     buttons, options already in the DOM); empty when only opening the widget would tell
 * @param autocomplete its {@code autocomplete} attribute, "" when none
 * @param inputType    the {@code type} of an {@code input}, "" for other elements
 * @param empty        whether it shows no value now
 * @param value        what it shows now (several choices joined by "; ")
 */
public record PageField(String key, String name, String id, String label, String role, boolean required,
                        boolean multiple, List<String> options, String autocomplete, String inputType,
                        boolean empty, String value) {
  public PageField {
    options = options == null ? List.of() : List.copyOf(options);
  }
}
