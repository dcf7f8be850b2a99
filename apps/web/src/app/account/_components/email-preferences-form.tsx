"use client";

import { EMAIL_KIND_NAMES, EMAIL_KINDS } from "@burrow/events";
import { choice } from "@burrow/ui/classes";
import { useActionState } from "react";
import type { EmailPreferences } from "@/server/mongo/email-preferences";
import { type EmailPreferencesState, saveEmailPreferences } from "../actions";

export function EmailPreferencesForm({ current }: { current: EmailPreferences }) {
  const [state, action, pending] = useActionState<EmailPreferencesState, FormData>(saveEmailPreferences, {
    preferences: current,
  });
  const preferences = state.preferences ?? current;
  return (
    <form action={action} className="form" aria-labelledby="email">
      <fieldset className="m-0 grid w-full justify-items-start gap-2 rounded-card border border-border px-4 pt-3 pb-4">
        <legend>E-mail me when</legend>
        {EMAIL_KIND_NAMES.map((kind) => (
          <label key={`${kind}:${preferences[kind]}`} className={choice}>
            <input type="checkbox" name="on" value={kind} defaultChecked={preferences[kind]} />
            <span>{EMAIL_KINDS[kind]}</span>
          </label>
        ))}
      </fieldset>
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
      {state.saved && <output className="success">E-mail settings saved.</output>}
      <button type="submit" className="button" disabled={pending}>
        Save e-mail settings
      </button>
    </form>
  );
}
