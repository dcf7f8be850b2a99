"use client";

import { CANCELLATION_POLICIES, REFUND_POLICIES, SPECIES } from "@burrow/booking";
import { choices, fieldRow } from "@burrow/ui/classes";
import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { policySummary } from "@/lib/policy";
import { FieldError, FormMessage, groupProps, invalidProps } from "../../_components/form-feedback";

export interface ListingFormValues {
  title: string;
  description: string;
  city: string;
  timeZone: string;
  price: string;
  currency: string;
  species: string[];
  maxPets: string;
  cancellationPolicy: string;
  photoUrls: string;
}

const FIELDS: readonly (keyof ListingFormValues)[] = [
  "title",
  "description",
  "city",
  "timeZone",
  "price",
  "currency",
  "species",
  "maxPets",
  "cancellationPolicy",
  "photoUrls",
];

/**
 * Create and edit share this form; `listingId` makes it an edit. The legacy photo addresses are
 * offered only while a listing has no uploaded photos (`photoUrlsField`).
 */
export function ListingForm({
  action,
  initial,
  listingId,
  submitLabel,
  photoUrlsField = true,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  initial: ListingFormValues;
  listingId?: string;
  submitLabel: string;
  photoUrlsField?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const values = { ...initial, ...(state.values as Partial<ListingFormValues> | undefined) };
  const errors = state.fieldErrors ?? {};
  const speciesGroup = groupProps(errors.species, "listing-species-error");
  const text = (name: keyof ListingFormValues, label: string, props: Record<string, unknown> = {}, hint?: string) => (
    <div className="field">
      <label htmlFor={`listing-${name}`}>{label}</label>
      <input
        id={`listing-${name}`}
        name={name}
        defaultValue={values[name] as string}
        {...invalidProps(errors[name], `listing-${name}-error`, hint ? `listing-${name}-hint` : undefined)}
        {...props}
      />
      {hint && (
        <p id={`listing-${name}-hint`} className="text-muted text-sm">
          {hint}
        </p>
      )}
      <FieldError id={`listing-${name}-error`} messages={errors[name]} />
    </div>
  );

  return (
    <form action={formAction} className="form" noValidate>
      {listingId && <input type="hidden" name="listingId" value={listingId} />}
      <FormMessage state={state} fields={[...FIELDS, "listingId"]} />
      {text("title", "Title", { maxLength: 120, required: true })}
      <div className="field">
        <label htmlFor="listing-description">Description</label>
        <textarea
          id="listing-description"
          name="description"
          rows={5}
          defaultValue={values.description}
          {...invalidProps(errors.description, "listing-description-error")}
        />
        <FieldError id="listing-description-error" messages={errors.description} />
      </div>
      {text("city", "City", { autoComplete: "address-level2" })}
      {text("timeZone", "Time zone", {}, "An IANA time zone, such as Europe/Berlin or America/New_York.")}
      <div className={fieldRow}>
        {text("price", "Nightly price", { inputMode: "decimal" }, "In the currency's main unit, e.g. 45.00.")}
        {text("currency", "Currency", { maxLength: 3, autoCapitalize: "characters" }, "ISO code, e.g. EUR.")}
      </div>
      <fieldset className="field" {...speciesGroup.group}>
        <legend>Species you take</legend>
        <div className={choices}>
          {SPECIES.map((species) => (
            <label key={species}>
              <input
                type="checkbox"
                name="species"
                value={species}
                defaultChecked={values.species.includes(species)}
                {...speciesGroup.invalid}
              />{" "}
              {species.charAt(0) + species.slice(1).toLowerCase()}
            </label>
          ))}
        </div>
        <FieldError id="listing-species-error" messages={errors.species} />
      </fieldset>
      {text("maxPets", "Most pets at once", { inputMode: "numeric" })}
      <div className="field">
        <label htmlFor="listing-cancellationPolicy">Cancellation policy</label>
        <select
          id="listing-cancellationPolicy"
          name="cancellationPolicy"
          defaultValue={values.cancellationPolicy}
          key={values.cancellationPolicy}
          {...invalidProps(errors.cancellationPolicy, "listing-cancellationPolicy-error")}
        >
          {CANCELLATION_POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {policy.charAt(0) + policy.slice(1).toLowerCase()}: {policySummary(REFUND_POLICIES[policy])}
            </option>
          ))}
        </select>
        <FieldError id="listing-cancellationPolicy-error" messages={errors.cancellationPolicy} />
      </div>
      {photoUrlsField && (
        <div className="field">
          <label htmlFor="listing-photoUrls">Photo addresses</label>
          <textarea
            id="listing-photoUrls"
            name="photoUrls"
            rows={3}
            defaultValue={values.photoUrls}
            {...invalidProps(errors.photoUrls, "listing-photoUrls-error", "listing-photoUrls-hint")}
          />
          <p id="listing-photoUrls-hint" className="text-muted text-sm">
            One https:// address per line, at most 10. Your first uploaded photo replaces them.
          </p>
          <FieldError id="listing-photoUrls-error" messages={errors.photoUrls} />
        </div>
      )}
      <button type="submit" className="button" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
