import type { FormState } from "@/lib/form-state";

/** The errors of one field, announced when they appear; `id` is what the input's aria-describedby names. */
export function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {messages.join(" ")}
    </p>
  );
}

/**
 * The form-wide outcome: the error message, errors of fields the form has no input for (e.g. a
 * paused listing's `listingId`), and the success note.
 */
export function FormMessage({ state, fields }: { state: FormState; fields: readonly string[] }) {
  const others = Object.entries(state.fieldErrors ?? {})
    .filter(([field]) => !fields.includes(field))
    .flatMap(([, messages]) => messages ?? []);
  return (
    <>
      {state.error && (
        <div className="notice notice--error" role="alert" data-testid="form-error">
          <p className="m-0">{state.error}</p>
          {others.length > 0 && (
            <ul className="m-0">
              {others.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state.done && <output className="success">{state.done}</output>}
    </>
  );
}

/** aria attributes of a control whose errors FieldError shows under `errorId`, and whose hint (if any) is `hintId`. */
export function invalidProps(messages: string[] | undefined, errorId: string, hintId?: string) {
  const invalid = Boolean(messages?.length);
  const describedBy = [invalid ? errorId : undefined, hintId].filter(Boolean).join(" ");
  return {
    ...(invalid ? { "aria-invalid": true as const } : {}),
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
  };
}

/**
 * The same for a fieldset of checkboxes or radios: the group is described by its errors, and each
 * control in it gets `invalid` (a group itself has no invalid state in ARIA).
 */
export function groupProps(messages: string[] | undefined, errorId: string) {
  return messages?.length
    ? { group: { "aria-describedby": errorId }, invalid: { "aria-invalid": true as const } }
    : { group: {}, invalid: {} };
}
