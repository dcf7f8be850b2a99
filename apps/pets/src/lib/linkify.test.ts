import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("linkify", () => {
  it("leaves text without addresses as one run", () => {
    expect(linkify("Is the garden fenced?")).toEqual([{ kind: "text", text: "Is the garden fenced?" }]);
    expect(linkify("")).toEqual([]);
  });

  it("links https addresses, without the sentence's punctuation", () => {
    expect(linkify("See https://vet.example/hours, then call.")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://vet.example/hours", href: "https://vet.example/hours" },
      { kind: "text", text: ", then call." },
    ]);
    expect(linkify("(https://a.example/x?y=1#z)")).toEqual([
      { kind: "text", text: "(" },
      { kind: "link", text: "https://a.example/x?y=1#z", href: "https://a.example/x?y=1#z" },
      { kind: "text", text: ")" },
    ]);
  });

  it("keeps a closing bracket the address opened", () => {
    expect(linkify("https://en.wikipedia.example/wiki/Dog_(disambiguation).")[0]).toEqual({
      kind: "link",
      text: "https://en.wikipedia.example/wiki/Dog_(disambiguation)",
      href: "https://en.wikipedia.example/wiki/Dog_(disambiguation)",
    });
  });

  it("never links other schemes, credentials or bare hosts", () => {
    for (const text of [
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "http://plain.example/",
      "https://user:pass@evil.example/",
      "https://localhost/",
      "https://[::1]/",
      "https:///nohost",
      "vbscript:msgbox",
    ]) {
      expect(
        linkify(text).every((run) => run.kind === "text"),
        text,
      ).toBe(true);
    }
  });

  it("normalises what it links (an address is what the browser would open)", () => {
    expect(linkify("https://EXAMPLE.com/a b")[0]).toEqual({
      kind: "link",
      text: "https://EXAMPLE.com/a",
      href: "https://example.com/a",
    });
  });

  it("loses and adds no character", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", " ", ".", ")", "(", "https://", "x.example", "/", ":", "@") }),
        (s) => {
          expect(
            linkify(s)
              .map((r) => r.text)
              .join(""),
          ).toBe(s);
        },
      ),
    );
  });
});
