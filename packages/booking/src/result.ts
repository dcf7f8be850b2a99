// Expected failures are values, never exceptions: callers map `code` to a status (VALIDATION 400,
// FORBIDDEN 403, NOT_FOUND 404, CONFLICT / INVALID_STATE / EXPIRED 409, RATE_LIMITED 429) and show
// `fieldErrors` next to inputs.
import { z } from "zod";

export type FailureCode =
  | "VALIDATION"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_STATE"
  | "EXPIRED"
  | "RATE_LIMITED";

/** Messages per input field, as z.flattenError gives them. */
export type FieldErrors = Partial<Record<string, string[]>>;

export interface Failure {
  ok: false;
  code: FailureCode;
  message: string;
  fieldErrors?: FieldErrors;
}

export type Result<T extends object> = ({ ok: true } & T) | Failure;

export function failure(code: FailureCode, message: string, fieldErrors?: FieldErrors): Failure {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

export function invalid(fieldErrors: FieldErrors, message = "Please correct the highlighted fields"): Failure {
  return failure("VALIDATION", message, fieldErrors);
}

/** The field errors of a failed zod parse as a VALIDATION failure. */
export function invalidInput(error: z.ZodError): Failure {
  return invalid(z.flattenError(error).fieldErrors as FieldErrors);
}
