"use client";

import type { FieldErrors } from "@burrow/http/result";
import { choice, choices } from "@burrow/ui/classes";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import type { ProfileView } from "@/server/mongo/profile";
import { type ProfileFormState, saveProfile } from "../actions";

interface Props {
  profile: ProfileView;
  species: readonly string[];
  categories: readonly string[];
  limits: { bio: number; socialLinks: number; pets: number };
}

const SPECIES_NAMES: Record<string, string> = {
  DOG: "Dog",
  CAT: "Cat",
  BIRD: "Bird",
  RABBIT: "Rabbit",
  RODENT: "Rodent",
  REPTILE: "Reptile",
  FISH: "Fish",
  OTHER: "Other",
};

/** A group of the form's fields, boxed. */
const GROUP = "m-0 grid w-full justify-items-start gap-3 rounded-card border border-border px-4 pt-3 pb-4";
/** One link or pet of a group, with its remove button. */
const ROW = "grid w-full justify-items-start gap-2 border-border border-b border-dashed pb-3";

/**
 * Rows get a stable key, also the number in their inputs' names (`pets.<key>.name`), so removing
 * one keeps the others' typed values and error messages in place.
 */
function useRows<T>(initial: T[], blank: T) {
  const [rows, setRows] = useState(() => initial.map((value, key) => ({ key, value })));
  const [nextKey, setNextKey] = useState(initial.length);
  return {
    rows,
    add: () => {
      setRows((current) => [...current, { key: nextKey, value: blank }]);
      setNextKey((k) => k + 1);
    },
    remove: (key: number) => setRows((current) => current.filter((row) => row.key !== key)),
  };
}

function Errors({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {messages.join(" ")}
    </p>
  );
}

/** Errors about a whole list (`pets`) or one row's entry of it (`categories.2`), not about one input. */
function listErrors(errors: FieldErrors, list: string): string[] | undefined {
  const messages = Object.entries(errors).flatMap(([name, m]) =>
    name === list || new RegExp(`^${list}\\.\\d+$`).test(name) ? (m ?? []) : [],
  );
  return messages.length > 0 ? messages : undefined;
}

/** The id of the error message of the input named `name`. */
const errorId = (name: string) => `${name.replaceAll(".", "-")}-error`;

/** A row input's name and ARIA: invalid, and described by its own error message, while it has one. */
function rowInput(errors: FieldErrors, name: string) {
  return errors[name] ? { name, "aria-invalid": true, "aria-describedby": errorId(name) } : { name };
}

function RowError({ errors, name }: { errors: FieldErrors; name: string }) {
  return <Errors id={errorId(name)} messages={errors[name]} />;
}

export function ProfileForm({ profile, species, categories, limits }: Props) {
  const [state, action, pending] = useActionState<ProfileFormState, FormData>(saveProfile, {});
  const links = useRows(profile.socialLinks, { label: "", url: "" });
  const pets = useRows(
    profile.pets.map((p) => ({ ...p, age: p.age === null ? "" : String(p.age), notes: p.notes ?? "" })),
    { name: "", species: "DOG", age: "", notes: "" },
  );
  const errors = state.fieldErrors ?? {};
  const invalid = (field: string) => (errors[field] ? true : undefined);
  // Submitting through a transition keeps what was typed: a plain form action resets the form,
  // which would blank rows added since the page loaded and every field after a validation error.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };

  return (
    <form action={action} onSubmit={submit} className="form" noValidate>
      <label className="field">
        <span>About you</span>
        <textarea
          name="bio"
          rows={6}
          maxLength={limits.bio}
          defaultValue={profile.bio}
          aria-invalid={invalid("bio")}
          aria-describedby="bio-hint bio-error"
        />
      </label>
      <p id="bio-hint" className="text-muted">
        Up to {limits.bio} characters.
      </p>
      <Errors id="bio-error" messages={errors.bio} />

      <label className="field">
        <span>Avatar URL</span>
        <input
          name="avatarUrl"
          type="url"
          inputMode="url"
          placeholder="https://"
          defaultValue={profile.avatarUrl ?? ""}
          aria-invalid={invalid("avatarUrl")}
          aria-describedby="avatarUrl-error"
        />
      </label>
      <Errors id="avatarUrl-error" messages={errors.avatarUrl} />

      <fieldset className={GROUP} aria-describedby="categories-error">
        <legend>What you offer</legend>
        <div className={choices}>
          {categories.map((category) => (
            <label key={category} className={choice}>
              <input
                type="checkbox"
                name="categories"
                value={category}
                defaultChecked={profile.categories.includes(category as never)}
              />
              {category}
            </label>
          ))}
        </div>
        <Errors id="categories-error" messages={listErrors(errors, "categories")} />
      </fieldset>

      <fieldset className={GROUP} aria-describedby="socialLinks-error">
        <legend>Links</legend>
        {links.rows.length === 0 && <p className="text-muted">No links yet.</p>}
        {links.rows.map(({ key, value }, i) => (
          <div key={key} className={ROW}>
            <label className="field">
              <span>Link {i + 1} label</span>
              <input {...rowInput(errors, `socialLinks.${key}.label`)} defaultValue={value.label} maxLength={40} />
            </label>
            <RowError errors={errors} name={`socialLinks.${key}.label`} />
            <label className="field">
              <span>Link {i + 1} URL</span>
              <input
                {...rowInput(errors, `socialLinks.${key}.url`)}
                type="url"
                placeholder="https://"
                defaultValue={value.url}
              />
            </label>
            <RowError errors={errors} name={`socialLinks.${key}.url`} />
            <button type="button" className="button button--secondary" onClick={() => links.remove(key)}>
              Remove link {i + 1}
            </button>
          </div>
        ))}
        {links.rows.length < limits.socialLinks && (
          <button type="button" className="button button--secondary" onClick={links.add}>
            Add a link
          </button>
        )}
        <Errors id="socialLinks-error" messages={listErrors(errors, "socialLinks")} />
      </fieldset>

      <fieldset className={GROUP} aria-describedby="pets-error">
        <legend>Your pets</legend>
        {pets.rows.length === 0 && <p className="text-muted">No pets yet.</p>}
        {pets.rows.map(({ key, value }, i) => (
          <div key={key} className={ROW}>
            <label className="field">
              <span>Pet {i + 1} name</span>
              <input {...rowInput(errors, `pets.${key}.name`)} defaultValue={value.name} maxLength={60} />
            </label>
            <RowError errors={errors} name={`pets.${key}.name`} />
            <label className="field">
              <span>Pet {i + 1} species</span>
              <select {...rowInput(errors, `pets.${key}.species`)} defaultValue={value.species}>
                {species.map((s) => (
                  <option key={s} value={s}>
                    {SPECIES_NAMES[s] ?? s}
                  </option>
                ))}
              </select>
            </label>
            <RowError errors={errors} name={`pets.${key}.species`} />
            <label className="field">
              <span>Pet {i + 1} age (years)</span>
              <input {...rowInput(errors, `pets.${key}.age`)} inputMode="numeric" defaultValue={value.age} />
            </label>
            <RowError errors={errors} name={`pets.${key}.age`} />
            <label className="field">
              <span>Pet {i + 1} notes</span>
              <input {...rowInput(errors, `pets.${key}.notes`)} defaultValue={value.notes} maxLength={1000} />
            </label>
            <RowError errors={errors} name={`pets.${key}.notes`} />
            <button type="button" className="button button--secondary" onClick={() => pets.remove(key)}>
              Remove pet {i + 1}
            </button>
          </div>
        ))}
        {pets.rows.length < limits.pets && (
          <button type="button" className="button button--secondary" onClick={pets.add}>
            Add a pet
          </button>
        )}
        <Errors id="pets-error" messages={listErrors(errors, "pets")} />
      </fieldset>

      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
      {state.saved && <output className="success">Profile saved.</output>}
      <button type="submit" className="button" disabled={pending}>
        Save profile
      </button>
    </form>
  );
}
