import { describe, expect, it } from "vitest";
import { crossSiteActionCall, isBoundId, isFormCall, isFormStateCall } from "./action";

const form = () => new FormData();

describe("isFormStateCall", () => {
  it("accepts (state, FormData) as useActionState calls the action", () => {
    expect(isFormStateCall({}, form())).toBe(true);
    expect(isFormStateCall({ error: "x", values: { a: "b" } }, form())).toBe(true);
  });

  // What Next decodes from hand-made requests: `0=["$K1"]` is (FormData), `[]` is (), and so on.
  it.each([
    ["(FormData)", [form()]],
    ["()", []],
    ["(FormData, FormData)", [form(), form()]],
    ["(string, FormData)", ["x", form()]],
    ["(null, FormData)", [null, form()]],
    ["(array, FormData)", [[], form()]],
    ["(state, object)", [{}, { get: () => "x" }]],
    ["(state, string)", [{}, "email=x"]],
  ])("refuses %s", (_, args) => {
    expect(isFormStateCall(args[0], args[1])).toBe(false);
  });
});

it("isFormCall accepts only FormData", () => {
  expect(isFormCall(form())).toBe(true);
  for (const value of [undefined, null, {}, "x", [form()]]) expect(isFormCall(value)).toBe(false);
});

it("isBoundId accepts a short non-empty string only", () => {
  expect(isBoundId("a-slug")).toBe(true);
  for (const value of ["", "x".repeat(201), 1, null, {}, ["a"], form()]) expect(isBoundId(value)).toBe(false);
});

describe("crossSiteActionCall", () => {
  const call = (headers: Record<string, string>) =>
    crossSiteActionCall(new Request("http://localhost:3000/account", { method: "POST", headers }));

  it("lets a call from the page's own host through, and one without Origin, as Next does", () => {
    expect(call({ host: "localhost:3000", origin: "http://localhost:3000" })).toBeUndefined();
    expect(
      call({
        host: "internal:8080",
        "x-forwarded-host": "www.burrow.example, proxy",
        origin: "https://www.burrow.example",
      }),
    ).toBeUndefined();
    expect(call({ host: "localhost:3000" })).toBeUndefined();
  });

  // Next answers each of these with a 500 ("Invalid Server Actions request" or a URL parse error).
  it.each(["https://evil.example", "http://localhost:3001", "null", "garbage", "http://[::1"])(
    "refuses Origin %s with 403",
    async (origin) => {
      const response = call({ host: "localhost:3000", origin });
      expect(response?.status).toBe(403);
      expect(await response?.text()).toContain("this site's own pages only");
    },
  );
});
