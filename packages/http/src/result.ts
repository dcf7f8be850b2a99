// Expected failures are values, never exceptions, in both apps and every package: route handlers map
// `code` to a status with HTTP_STATUS and forms show `fieldErrors` next to their inputs.
import { z } from "zod";

export type FailureCode =
  | "VALIDATION"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  /** The booking or listing is not in a state that allows this (a transition refused). */
  | "INVALID_STATE"
  | "EXPIRED"
  /** A store the operation needs is unreachable. */
  | "UNAVAILABLE"
  /** Too many requests of this user (e.g. messages sent): try again later. */
  | "RATE_LIMITED"
  /** An upload that is too big (bytes or pixels). */
  | "TOO_LARGE"
  /** An upload whose bytes are not an image we take. */
  | "UNSUPPORTED_MEDIA";

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

/**
 * A failed zod parse as a VALIDATION failure; errors not tied to a field (unknown keys) become the
 * message. `fieldErrors` are keyed by the top-level field (`pets`), or with `byPath` by the issue's
 * whole path (`pets.1.name`), so a form of rows can show each error next to its own input.
 */
export function invalidInput(error: z.ZodError, { byPath = false } = {}): Failure {
  const { formErrors, fieldErrors } = byPath ? errorsByPath(error) : z.flattenError(error);
  const message = formErrors.length > 0 ? formErrors.join("; ") : "Please correct the highlighted fields";
  return failure("VALIDATION", message, fieldErrors as FieldErrors);
}

function errorsByPath(error: z.ZodError): { formErrors: string[]; fieldErrors: Record<string, string[]> } {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const { path, message } of error.issues) {
    if (path.length === 0) {
      formErrors.push(message);
      continue;
    }
    const key = path.map(String).join(".");
    fieldErrors[key] = [...(fieldErrors[key] ?? []), message];
  }
  return { formErrors, fieldErrors };
}

export const HTTP_STATUS: Record<FailureCode, number> = {
  VALIDATION: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  EXPIRED: 409,
  UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
};
