"use client";

import { useActionState } from "react";
import { type ScreennameState, setScreenname } from "../actions";

export function ScreennameForm({ current }: { current: string | null }) {
  const [state, action, pending] = useActionState<ScreennameState, FormData>(setScreenname, {
    screenname: current ?? "",
  });
  const fieldError = state.fieldErrors?.screenname?.[0];
  return (
    <form action={action} className="form" noValidate>
      <label className="field">
        <span>Screenname</span>
        <input
          name="screenname"
          defaultValue={state.screenname}
          autoComplete="username"
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "screenname-error screenname-hint" : "screenname-hint"}
        />
      </label>
      <p id="screenname-hint" className="text-muted">
        3–30 characters: lowercase letters, digits and underscores. Others see it instead of your name.
      </p>
      {fieldError && (
        <p id="screenname-error" className="field-error" role="alert">
          {fieldError}
        </p>
      )}
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
      {state.saved && <output className="success">Screenname saved.</output>}
      <button type="submit" className="button" disabled={pending}>
        Save screenname
      </button>
    </form>
  );
}
