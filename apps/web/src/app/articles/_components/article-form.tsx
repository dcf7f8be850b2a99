"use client";

import { useActionState } from "react";
import type { ArticleFormState } from "../actions";

interface Props {
  action: (state: ArticleFormState, form: FormData) => Promise<ArticleFormState>;
  initial: { title: string; body: string; tags: string };
  submitLabel: string;
  limits: { title: number; body: number; tags: number };
}

export function ArticleForm({ action, initial, submitLabel, limits }: Props) {
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const values = state.values ?? initial;
  const errors = state.fieldErrors ?? {};
  // Keyed by the submitted values, so a failed save shows what was typed rather than resetting.
  const key = JSON.stringify(values);
  return (
    <form action={formAction} className="form" noValidate key={key}>
      <label className="field">
        <span>Title</span>
        <input
          name="title"
          defaultValue={values.title}
          maxLength={limits.title}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby="title-error"
        />
      </label>
      {errors.title && (
        <p id="title-error" className="field-error" role="alert">
          {errors.title.join(" ")}
        </p>
      )}
      <label className="field">
        <span>Article (Markdown)</span>
        <textarea
          name="body"
          rows={16}
          defaultValue={values.body}
          maxLength={limits.body}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby="body-hint body-error"
        />
      </label>
      <p id="body-hint" className="text-muted">
        Markdown: **bold**, _italic_, [links](https://…), lists, tables. HTML is limited to safe tags.
      </p>
      {errors.body && (
        <p id="body-error" className="field-error" role="alert">
          {errors.body.join(" ")}
        </p>
      )}
      <label className="field">
        <span>Tags</span>
        <input
          name="tags"
          defaultValue={values.tags}
          placeholder="dogs, first-time-owners"
          aria-invalid={errors.tags ? true : undefined}
          aria-describedby="tags-hint tags-error"
        />
      </label>
      <p id="tags-hint" className="text-muted">
        Up to {limits.tags}, separated by commas: letters, digits and dashes.
      </p>
      {errors.tags && (
        <p id="tags-error" className="field-error" role="alert">
          {errors.tags.join(" ")}
        </p>
      )}
      {state.error && !state.fieldErrors && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
      <button type="submit" className="button" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
