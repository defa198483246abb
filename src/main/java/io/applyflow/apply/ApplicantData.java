package io.applyflow.apply;

/**
 * What the filler may type into a hosted form about the applicant. Only these values are ever used;
 * a null or blank value leaves its field untouched. {@code country} is the country's English name
 * ("United States"), matched against the phone-country combobox's option labels.
 */
public record ApplicantData(String firstName, String lastName, String preferredName, String email, String phone,
    String country) {
}
