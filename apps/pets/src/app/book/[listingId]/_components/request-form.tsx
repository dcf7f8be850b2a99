"use client";

import { fieldRow } from "@burrow/ui/classes";
import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { FieldError, FormMessage, invalidProps } from "../../../_components/form-feedback";
import { requestStay } from "../actions";

export interface RequestFormDefaults {
  start: string;
  end: string;
  pets: string;
}

export function RequestForm({
  listingId,
  defaults,
  minDate,
  maxPets,
}: {
  listingId: string;
  defaults: RequestFormDefaults;
  minDate: string;
  maxPets: number;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(requestStay, {});
  const errors = state.fieldErrors ?? {};
  const value = (name: keyof RequestFormDefaults | "message") =>
    (state.values?.[name] as string | undefined) ?? (name === "message" ? "" : defaults[name]);
  return (
    <form action={action} className="form" noValidate>
      <input type="hidden" name="listingId" value={listingId} />
      <FormMessage state={state} fields={["start", "end", "pets", "message"]} />
      <div className={fieldRow}>
        <div className="field">
          <label htmlFor="stay-start">Arrival</label>
          <input
            id="stay-start"
            name="start"
            type="date"
            min={minDate}
            defaultValue={value("start")}
            {...invalidProps(errors.start, "stay-start-error")}
          />
          <FieldError id="stay-start-error" messages={errors.start} />
        </div>
        <div className="field">
          <label htmlFor="stay-end">Departure</label>
          <input
            id="stay-end"
            name="end"
            type="date"
            min={minDate}
            defaultValue={value("end")}
            {...invalidProps(errors.end, "stay-end-error")}
          />
          <FieldError id="stay-end-error" messages={errors.end} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="stay-pets">Number of pets</label>
        <input
          id="stay-pets"
          name="pets"
          type="number"
          min={1}
          max={maxPets}
          inputMode="numeric"
          defaultValue={value("pets")}
          {...invalidProps(errors.pets, "stay-pets-error")}
        />
        <FieldError id="stay-pets-error" messages={errors.pets} />
      </div>
      <div className="field">
        <label htmlFor="stay-message">Message to the sitter (optional)</label>
        <textarea
          id="stay-message"
          name="message"
          rows={4}
          maxLength={2000}
          defaultValue={value("message")}
          {...invalidProps(errors.message, "stay-message-error")}
        />
        <FieldError id="stay-message-error" messages={errors.message} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        Request this stay
      </button>
    </form>
  );
}
