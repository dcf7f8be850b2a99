// What a server action hands back to its form (through useActionState): a message, field errors
// next to the inputs, and the values typed, so a rejected form keeps them.
import type { Failure, FieldErrors } from "@burrow/booking";
import { z } from "zod";

export interface FormState {
  error?: string;
  fieldErrors?: FieldErrors;
  /** What the user typed, by field name (multi-valued fields as arrays). */
  values?: Record<string, string | string[]>;
  /** A success note when the form stays on the page. */
  done?: string;
}

/** A repository failure as the form shows it; a conflict reads like the 409 it is. */
export function failureState(failure: Failure, values?: FormState["values"]): FormState {
  const error =
    failure.code === "CONFLICT"
      ? `Conflict (409): ${failure.message}`
      : failure.code === "NOT_FOUND"
        ? `Not found (404): ${failure.message}`
        : failure.message;
  return { error, ...(failure.fieldErrors ? { fieldErrors: failure.fieldErrors } : {}), ...(values ? { values } : {}) };
}

/** A failed parse of the action's schema as field errors. */
export function invalidState(error: z.ZodError, values?: FormState["values"]): FormState {
  return {
    error: "Please correct the highlighted fields",
    fieldErrors: z.flattenError(error).fieldErrors as FieldErrors,
    ...(values ? { values } : {}),
  };
}

/** The submitted fields as strings; `multi` names the fields that may repeat (checkboxes). */
export function formValues(form: FormData, multi: readonly string[] = []): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = multi.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of multi) values[key] ??= [];
  return values;
}
