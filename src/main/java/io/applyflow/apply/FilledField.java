package io.applyflow.apply;

/**
 * One field the filler set: the field's id on the page, its visible label, the value given and where
 * the value came from ({@code profile:email}, {@code document:resume}...), for the job's timeline.
 */
public record FilledField(String field, String label, String value, String provenance) {
}
