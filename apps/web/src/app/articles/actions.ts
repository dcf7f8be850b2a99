"use server";

import { isBoundId, isFormStateCall, MALFORMED_ACTION_CALL } from "@burrow/http/action";
import type { FieldErrors, Result } from "@burrow/http/result";
import { revalidatePath } from "next/cache";
import { forbidden, notFound, redirect } from "next/navigation";
import { requireUser } from "@/auth";
import { articleRepository } from "@/server/mongo/articles";

export interface ArticleFormState {
  values?: { title: string; body: string; tags: string };
  error?: string;
  fieldErrors?: FieldErrors;
}

const formValues = (form: FormData) => ({
  title: String(form.get("title") ?? ""),
  body: String(form.get("body") ?? ""),
  tags: String(form.get("tags") ?? ""),
});

function refresh(slug: string) {
  revalidatePath("/articles");
  revalidatePath(`/articles/${slug}`);
}

export async function createArticle(state: ArticleFormState, form: FormData): Promise<ArticleFormState> {
  if (!isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const user = await requireUser({ returnTo: "/articles/new" });
  const values = formValues(form);
  const result = await articleRepository().create(user.id, values);
  if (!result.ok) return { values, error: result.message, fieldErrors: result.fieldErrors };
  refresh(result.article.slug);
  redirect(`/articles/${result.article.slug}`);
}

export async function updateArticle(slug: string, state: ArticleFormState, form: FormData): Promise<ArticleFormState> {
  if (!isBoundId(slug) || !isFormStateCall(state, form)) return { error: MALFORMED_ACTION_CALL };
  const user = await requireUser({ returnTo: `/articles/${slug}/edit` });
  const values = formValues(form);
  const result = await articleRepository().update(slug, user.id, values);
  if (!result.ok) {
    if (result.code === "FORBIDDEN") forbidden();
    if (result.code === "NOT_FOUND") notFound();
    return { values, error: result.message, fieldErrors: result.fieldErrors };
  }
  refresh(slug);
  redirect(`/articles/${slug}`);
}

/** Publish and unpublish answer forbidden/not found like the pages; the repository decides who may. */
function settle(slug: string, result: Result<object>) {
  if (!result.ok) {
    if (result.code === "FORBIDDEN") forbidden();
    notFound();
  }
  refresh(slug);
}

// The page binds the slug; any other first argument names no article.
export async function publishArticle(slug: string): Promise<void> {
  if (!isBoundId(slug)) notFound();
  const user = await requireUser({ returnTo: `/articles/${slug}` });
  settle(slug, await articleRepository().publish(slug, user));
}

export async function unpublishArticle(slug: string): Promise<void> {
  if (!isBoundId(slug)) notFound();
  const user = await requireUser({ returnTo: `/articles/${slug}` });
  settle(slug, await articleRepository().unpublish(slug, user));
}
