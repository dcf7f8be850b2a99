// The contract each app's proxy keeps (its matcher and areas; @burrow/http's own tests cover the
// action-call refusals), run by each app's proxy.test.ts with its own paths. Kept apart from the
// package entry because it registers vitest tests.
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { type NextFetchEvent, type NextProxy, NextRequest } from "next/server";
import { beforeEach, describe, expect, it, type Mock } from "vitest";

export interface ProxyCases {
  origin: string;
  config: Parameters<typeof unstable_doesMiddlewareMatch>[0]["config"];
  proxy: NextProxy;
  /** The stand-in for Auth.js' redirect that the test file mocked "./auth" with. */
  authProxy: Mock;
  /** Paths in the signed-in areas (some spelled with escapes): the auth redirect answers them. */
  signedIn: string[];
  /** Paths with a percent sign, and one page for a server action call: the proxy must see them. */
  checked: string[];
  actionPage: string;
  /** Everything else the proxy must never run for (static files, internal API, health). */
  never: string[];
  /** Malformed escapes in this app's areas: 400 before anything else. */
  malformed: string[];
  /** Well-formed escapes outside the signed-in areas: through, without the auth redirect. */
  through: string[];
}

export function proxyContract(cases: ProxyCases): void {
  const { origin, config, proxy, authProxy } = cases;
  const matches = (url: string, headers?: Record<string, string>) =>
    unstable_doesMiddlewareMatch({ config, url, headers });
  const run = (url: string) => proxy(new NextRequest(new URL(url, origin)), {} as NextFetchEvent);

  beforeEach(() => authProxy.mockClear());

  describe("proxy matcher", () => {
    it("runs in front of the signed-in pages, for paths with a percent sign and for action calls", () => {
      for (const url of [...cases.signedIn.filter((u) => !u.includes("%")), ...cases.checked]) {
        expect(matches(url), url).toBe(true);
      }
      expect(matches(cases.actionPage, { "next-action": "7f00" })).toBe(true);
    });

    // Every other request, static files first, never pays for the proxy.
    it.each(cases.never)("never runs for %s", (url) => {
      expect(matches(url)).toBe(false);
    });
  });

  describe("proxy", () => {
    it.each(cases.malformed)("answers 400 for %s before anything else runs", async (url) => {
      const response = await run(url);
      expect(response?.status).toBe(400);
      expect(await response?.text()).toContain("malformed percent-escape");
      expect(authProxy).not.toHaveBeenCalled();
    });

    it("sends the signed-in areas to the auth redirect, also when spelled with escapes", async () => {
      for (const url of cases.signedIn) expect((await run(url))?.status, url).toBe(307);
      expect(authProxy).toHaveBeenCalledTimes(cases.signedIn.length);
    });

    // The internal API authenticates with service tokens only (withServiceToken): the path check may
    // run there, the session redirect never does.
    it.each(cases.through)("lets %s through without the auth redirect", async (url) => {
      expect(await run(url)).toBeFalsy();
      expect(authProxy).not.toHaveBeenCalled();
    });
  });
}
