// Article bodies are user-written markdown: marked turns them into HTML and sanitize-html keeps
// only an allowlist of tags, attributes and URL schemes, so no script can reach a reader.
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

// Raw HTML in markdown is passed through by marked and cleaned below, like everything else.
const markdown = new Marked({ gfm: true, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "input",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
    // GFM task list checkboxes, rendered disabled.
    input: [{ name: "type", multiple: false, values: ["checkbox"] }, "checked", "disabled"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // The article's title is the page's h1: headings in the body start one level down.
    h1: "h2",
    // Links leave the site without passing on who read them or lending it our ranking.
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer ugc" }),
    input: (_tag, attribs) => ({ tagName: "input", attribs: { ...attribs, disabled: "" } }),
  },
};

/** Safe HTML for an article body. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.parse(source, { async: false }), SANITIZE);
}

/** Plain text of the first part of a body, for article cards. */
export function markdownExcerpt(source: string, maxLength = 200): string {
  const text = sanitizeHtml(markdown.parse(source, { async: false }), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, " ")
    .trim();
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).trimEnd()}…`;
}
