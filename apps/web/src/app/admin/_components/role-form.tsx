"use client";

import { useActionState } from "react";
import { changeRole, type RoleFormState } from "../actions";

const ROLES = [
  { value: "TENANT", label: "Pet owner (TENANT)" },
  { value: "SITTER", label: "Sitter (SITTER)" },
  { value: "ADMIN", label: "Administrator (ADMIN)" },
] as const;

export function RoleForm({ userId, role, disabledReason }: { userId: string; role: string; disabledReason?: string }) {
  const [state, action, pending] = useActionState<RoleFormState, FormData>(changeRole, {});
  return (
    <form action={action} className="form">
      <input type="hidden" name="userId" value={userId} />
      <label className="field">
        <span>Role</span>
        <select name="role" defaultValue={role} disabled={Boolean(disabledReason)} aria-describedby="role-hint">
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {disabledReason && (
        <p id="role-hint" className="text-muted">
          {disabledReason}
        </p>
      )}
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
      {state.saved && <output className="success">Role saved.</output>}
      <button type="submit" className="button" disabled={pending || Boolean(disabledReason)}>
        Change role
      </button>
    </form>
  );
}
