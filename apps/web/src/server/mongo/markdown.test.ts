import { describe, expect, it } from "vitest";
import { markdownExcerpt, renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders the markdown people write", () => {
    const html = renderMarkdown(
      "# Walks\n\nSome **bold** and _soft_ text with [a link](https://example.com).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(html).toContain("<h2>Walks</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>soft</em>");
    expect(html).toContain('<a href="https://example.com" rel="nofollow noopener noreferrer ugc">a link</a>');
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<td>1</td>");
  });

  it("removes <script> elements and their content", () => {
    const html = renderMarkdown(
      'Hello <script>alert("x")</script> world\n\n<script src="https://evil.example/x.js"></script>',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("alert");
    expect(html).toContain("Hello");
  });

  it("removes event handler attributes such as onerror=", () => {
    const html = renderMarkdown(
      '<img src="https://example.com/a.png" onerror="alert(1)">\n\n<p onclick="alert(2)" onmouseover="alert(3)">hi</p>',
    );
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toContain("alert");
    expect(html).toContain('<img src="https://example.com/a.png" />');
  });

  it.each([
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#x09;script:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
  ])("drops the unsafe URL of %s", (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/javascript:|data:|vbscript:/i);
    expect(html).not.toContain("alert(1)");
    expect(html).toContain("click");
  });

  it("keeps images to https only", () => {
    expect(renderMarkdown("![x](http://example.com/a.png)")).not.toContain("src=");
    expect(renderMarkdown("![x](https://example.com/a.png)")).toContain('src="https://example.com/a.png"');
  });

  it("drops iframes, styles, forms and inline style attributes", () => {
    const html = renderMarkdown(
      '<iframe src="https://evil.example"></iframe><style>body{display:none}</style><form action="/x"><button>go</button></form><p style="position:fixed">text</p>',
    );
    expect(html).not.toMatch(/<iframe|<style|<form|<button|style=/i);
    expect(html).toContain("text");
  });

  it("escapes code instead of running it", () => {
    expect(renderMarkdown("`<script>alert(1)</script>`")).toContain(
      "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>",
    );
  });
});

describe("markdownExcerpt", () => {
  it("gives plain text, shortened with an ellipsis", () => {
    expect(markdownExcerpt("# Title\n\nSome **bold** <script>x()</script>text")).toBe("Title Some bold text");
    expect(markdownExcerpt("word ".repeat(100), 20)).toMatch(/^(word ){3}word…$/);
  });
});
