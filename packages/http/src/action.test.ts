import { describe, expect, it } from "vitest";
import { isBoundId, isFormCall, isFormStateCall } from "./action";

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
