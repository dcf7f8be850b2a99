"use client";

import { useActionState } from "react";
import { type DeleteAccountState, deleteMyAccount } from "../actions";

export function DeleteAccountForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState<DeleteAccountState, FormData>(deleteMyAccount, {});
  const fieldError = state.fieldErrors?.confirmEmail?.[0];
  return (
    <form action={action} className="form" noValidate>
      <label className="field">
        <span>
          Type <strong>{email}</strong> to confirm
        </span>
        <input
          name="confirmEmail"
          type="email"
          autoComplete="off"
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "confirm-error" : undefined}
        />
      </label>
      {fieldError && (
        <p id="confirm-error" className="field-error" role="alert">
          {fieldError}
        </p>
      )}
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
      <button type="submit" className="button button--danger" disabled={pending}>
        {pending ? "Deleting…" : "Delete my account"}
      </button>
    </form>
  );
}
