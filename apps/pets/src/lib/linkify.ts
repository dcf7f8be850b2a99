// Message text as runs of plain text and links. Only https addresses on a named host become links
// (no credentials, no other schemes: `javascript:`, `data:` and `http:` stay text); React escapes
// every run, and the page gives links rel="nofollow noopener noreferrer ugc".

export type TextRun = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const CANDIDATE = /https:\/\/[^\s<>"]+/gi;
/** Punctuation that ends a sentence rather than the address it follows. */
const TRAILING = /[.,;:!?'")\]}]+$/;

function safeHref(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password) return null;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname)) return null;
  return url.href;
}

export function linkify(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  const pushText = (s: string) => {
    if (!s) return;
    const previous = runs.at(-1);
    if (previous?.kind === "text") previous.text += s;
    else runs.push({ kind: "text", text: s });
  };
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    let candidate = match[0];
    // Keep a closing bracket that the address itself opened, e.g. a Wikipedia link.
    const trailing = candidate.match(TRAILING)?.[0] ?? "";
    candidate = candidate.slice(0, candidate.length - trailing.length);
    if (trailing.startsWith(")") && candidate.includes("(")) candidate += ")";
    const href = safeHref(candidate);
    pushText(text.slice(last, start));
    if (href) runs.push({ kind: "link", text: candidate, href });
    else pushText(candidate);
    last = start + candidate.length;
  }
  pushText(text.slice(last));
  return runs;
}
