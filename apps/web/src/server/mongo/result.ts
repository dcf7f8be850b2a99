// Expected failures of the Mongo-backed features are values, like @burrow/booking's: route
// handlers map `code` to a status (VALIDATION 400, FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409,
// UNAVAILABLE 503 while MongoDB is unreachable) and forms show `fieldErrors` next to their inputs.
import { z } from "zod";

export type FailureCode = "VALIDATION" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "UNAVAILABLE";

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
  UNAVAILABLE: 503,
};

/** E11000: a write lost against a unique index. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === 11000;
}

/**
 * Two upserts racing to insert the same key: one wins, the other fails on the unique index.
 * Run once more and it matches the winner's document instead of inserting.
 */
export async function retryOnDuplicateKey<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return await upsert();
  }
}
