// List pages answer their status (redirect, 403, 404) first, then render their data inside a
// Suspense boundary whose fallback is @burrow/ui's LoadingCards. Whether the fallback reaches the
// HTML depends on timing (React inlines data that is ready before the shell is sent, as it often is
// against a local database), so the test reads the React Server Components payload instead: it carries each
// Suspense element with its fallback either way.
import type { Page } from "@playwright/test";
import { expect, signedIn, stayDates, test } from "./fixtures";
import { pets, web } from "./urls";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `marker` is a string only the page's data part renders. */
async function expectLoadingFallback(page: Page, url: string, label: string, marker: string) {
  const html = await page.request.get(url);
  expect(html.status(), url).toBe(200);
  expect(await html.text(), `${url} renders its data`).toContain(marker);

  // What a client navigation fetches: rows like `d:"$Sreact.suspense"`, then elements
  // `["$","$d",key,{"fallback":…,"children":…}]` that reference it.
  const rsc = await page.request.get(url, { headers: { RSC: "1" } });
  expect(rsc.headers()["content-type"], url).toContain("text/x-component");
  const payload = await rsc.text();
  const suspense = /^(\w+):"\$Sreact\.suspense"$/m.exec(payload)?.[1];
  expect(suspense, `${url} has a Suspense boundary`).toBeDefined();
  const fallback = `{"fallback":["$","div",null,{"data-testid":"loading","children":[["$","p",null,{"role":"status","className":"text-muted","children":"${label}"}]`;
  expect(payload, `${url} has a Suspense boundary showing "${label}"`).toMatch(
    new RegExp(`\\["\\$","\\$${suspense}",(?:null|"(?:[^"\\\\]|\\\\.)*"),${escapeRegExp(fallback)}`),
  );
}

test("web's list pages render their data inside a Suspense boundary with a loading fallback", async ({
  page,
  browser,
  documents,
  tenant: tenantUser,
  sitter: sitterUser,
  admin: adminUser,
}) => {
  const article = await documents.article(sitterUser);
  await documents.notification(tenantUser, "Your stay is confirmed", "/account");
  await expectLoadingFallback(page, `${web.url}/articles`, "Loading articles…", article.title);

  const tenant = await signedIn(browser, tenantUser);
  await expectLoadingFallback(
    tenant,
    `${web.url}/notifications`,
    "Loading notifications…",
    'data-testid="notification"',
  );
  await tenant.context().close();

  const admin = await signedIn(browser, adminUser);
  await expectLoadingFallback(
    admin,
    `${web.url}/admin?q=${sitterUser.screenname}`,
    "Loading users…",
    'aria-labelledby="users-heading"',
  );
  await expectLoadingFallback(
    admin,
    `${web.url}/admin/users/${sitterUser.id}`,
    "Loading listings…",
    'aria-labelledby="listings-heading"',
  );
  await admin.context().close();
});

test("pets' list pages render their data inside a Suspense boundary with a loading fallback", async ({
  browser,
  data,
  tenant: tenantUser,
  sitter: sitterUser,
}) => {
  await data.booking(sitterUser.listing, tenantUser.id, { ...stayDates(), status: "REQUESTED" });
  const sitter = await signedIn(browser, sitterUser);
  await expectLoadingFallback(sitter, `${pets.url}/listings`, "Loading your listings…", 'data-testid="my-listings"');
  await expectLoadingFallback(sitter, `${pets.url}/requests`, "Loading requests…", 'data-testid="requests"');
  await sitter.context().close();

  const tenant = await signedIn(browser, tenantUser);
  await expectLoadingFallback(tenant, `${pets.url}/stays`, "Loading your stays…", 'data-testid="stays"');
  await tenant.context().close();
});

test("the list pages still answer sign-in redirects, 403 and 404", async ({
  page,
  browser,
  tenant: tenantUser,
  sitter,
  admin: adminUser,
}) => {
  for (const url of [`${web.url}/notifications`, `${web.url}/admin`, `${pets.url}/stays`, `${pets.url}/requests`]) {
    const res = await page.request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(307);
    expect(res.headers().location, url).toContain("/auth/signin");
  }
  expect((await page.request.get(`${web.url}/articles/no-such-article`)).status()).toBe(404);
  expect((await page.request.get(`${web.url}/u/no_such_user_here`)).status()).toBe(404);

  const tenant = await signedIn(browser, tenantUser);
  for (const url of [`${web.url}/admin`, `${web.url}/admin/users/${sitter.id}`, `${pets.url}/requests`]) {
    expect((await tenant.request.get(url)).status(), url).toBe(403);
  }
  await tenant.context().close();

  const admin = await signedIn(browser, adminUser);
  expect((await admin.request.get(`${web.url}/admin/users/no-such-user`)).status()).toBe(404);
  await admin.context().close();
});
