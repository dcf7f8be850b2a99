import { describe, expect, it } from "vitest";
import { refuseCrossSite, sameOriginJson } from "./same-origin";

const OWN = "http://localhost:3000";
const request = (headers: Record<string, string>) =>
  new Request(`${OWN}/api/profile`, { method: "PATCH", headers, body: "{}" });
const answer = async (response: Response | undefined) => response && [response.status, await response.json()];

describe("refuseCrossSite", () => {
  it("lets a JSON request from the app's own origin through", () => {
    expect(refuseCrossSite(request({ origin: OWN, "content-type": "application/json" }), OWN)).toBeUndefined();
    expect(
      refuseCrossSite(request({ origin: OWN, "content-type": "Application/JSON; charset=utf-8" }), OWN),
    ).toBeUndefined();
  });

  it.each([
    ["a foreign origin", "https://evil.example"],
    ["an opaque origin", "null"],
    ["another port", "http://localhost:3001"],
    ["another scheme", "https://localhost:3000"],
    ["a trailing slash", `${OWN}/`],
  ])("refuses %s with 403", async (_, origin) => {
    expect(await answer(refuseCrossSite(request({ origin, "content-type": "application/json" }), OWN))).toEqual([
      403,
      { error: "Cross-origin request refused: this endpoint accepts requests from its own site only." },
    ]);
  });

  it("refuses a missing Origin with 403", async () => {
    expect(await answer(refuseCrossSite(request({ "content-type": "application/json" }), OWN))).toEqual([
      403,
      { error: "The Origin header is missing: this endpoint accepts requests from its own site only." },
    ]);
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"])(
    "refuses %s from the own origin with 415",
    async (type) => {
      expect(await answer(refuseCrossSite(request({ origin: OWN, "content-type": type }), OWN))).toEqual([
        415,
        { error: "Send the body as JSON (Content-Type: application/json)." },
      ]);
    },
  );

  it("refuses a request without a content type with 415", async () => {
    const response = refuseCrossSite(new Request(`${OWN}/x`, { method: "DELETE", headers: { origin: OWN } }), OWN);
    expect(response?.status).toBe(415);
  });
});

it("sameOriginJson runs the handler only for requests the guard lets through", async () => {
  let calls = 0;
  const handler = sameOriginJson(
    () => `${OWN}/`,
    async () => {
      calls += 1;
      return new Response(null, { status: 204 });
    },
  );
  expect((await handler(request({ origin: "https://evil.example", "content-type": "application/json" }))).status).toBe(
    403,
  );
  expect(calls).toBe(0);
  expect((await handler(request({ origin: OWN, "content-type": "application/json" }))).status).toBe(204);
  expect(calls).toBe(1);
});
