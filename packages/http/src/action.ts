// Next decodes whatever argument list an action request carries (`0=["$K1"]`, `[1,2]`, `"x"`) and
// calls the action with it; an action that reads `form.get` off a non-FormData throws, and Next
// answers 500. Every action checks its arguments' shape first and refuses a call its form never makes.

/** What a form shows when its action refuses a malformed call. */
export const MALFORMED_ACTION_CALL = "This form could not be read. Reload the page and try again.";

/** useActionState's previous state: always a plain object in Burrow's forms. */
const isState = (value: unknown) =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A useActionState action's arguments as its form passes them: (previous state, FormData). */
export function isFormStateCall(state: unknown, form: unknown): form is FormData {
  return isState(state) && form instanceof FormData;
}

/** A plain form action's argument: the FormData. */
export function isFormCall(form: unknown): form is FormData {
  return form instanceof FormData;
}

/** A value the page bound to the action (`action.bind(null, slug)`): a short non-empty string. */
export function isBoundId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 200;
}

/**
 * A server action request whose argument list is not a JSON array (`garbage`, `[`, `{}`, `"x"`):
 * Next fails decoding it, or applying the action to it, and answers 500 before any action runs
 * (vercel/next.js#86945, fixes unmerged). The proxy answers 400 instead. The list is the body
 * itself, or the form field "0" of a multipart body, as React's encodeReply sends it.
 */
export async function malformedActionCall(request: Request): Promise<Response | undefined> {
  const type = request.headers.get("content-type") ?? "";
  let root: unknown;
  try {
    root = type.startsWith("multipart/form-data") ? (await request.formData()).get("0") : await request.text();
  } catch {
    root = undefined;
  }
  if (typeof root === "string") {
    try {
      if (Array.isArray(JSON.parse(root))) return undefined;
    } catch {
      // Not JSON: refused below.
    }
  }
  return new Response("Bad Request: a server action's arguments must be a JSON array.\n", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/**
 * A server action call from another site. Next compares the Origin's host with the request's host
 * (the first X-Forwarded-Host, else Host), aborts the action on a mismatch and answers 500, or fails
 * parsing an Origin that is no URL, also 500. The same rule, answered 403. A missing Origin passes, as
 * in Next: a hand-made request without one carries no browser's cookies.
 */
export function crossSiteActionCall(request: Request): Response | undefined {
  const origin = request.headers.get("origin");
  if (origin === null) return undefined;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  let originHost: string | undefined;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (originHost !== undefined && originHost === host) return undefined;
  return new Response("Forbidden: server actions accept calls from this site's own pages only.\n", {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
