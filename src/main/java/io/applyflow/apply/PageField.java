package io.applyflow.apply;

import java.util.List;

/**
 * One labelled control of an application form as the page shows it, read before anything is typed.
 *
 * @param key          a handle the engine put on the control for this page load
 * @param name         the control's {@code name} attribute, or null
 * @param id           the control's {@code id}, or null
 * @param label        its accessible name, required markers removed
 * @param role         text, textarea, date, select, combobox, listbox, radio, checkbox, buttons, file or hidden
 * @param required     whether the page marks it required
 * @param multiple     whether it takes several values
 * @param options      the option labels, when the page shows them without interaction
 * @param autocomplete the control's {@code autocomplete} tokens, or null
 * @param inputType    the input's {@code type}, or null
 * @param empty        whether it holds no value now
 * @param value        the value it holds now, as shown
 */
public record PageField(String key, String name, String id, String label, String role, boolean required,
                        boolean multiple, List<String> options, String autocomplete, String inputType,
                        boolean empty, String value) {
  public PageField {
    options = options == null ? List.of() : List.copyOf(options);
  }
}
