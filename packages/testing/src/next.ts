// For integration tests of the apps' route handlers: a request scope built by Next's own request
// store, as `next start` runs handlers in, so `cookies()`, `headers()` and `auth()` work. Import
// "next/dist/server/node-environment-baseline" first in the test file: the scope needs the global
// AsyncLocalStorage it installs.
import { type WorkStore, workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import type { NextRequest } from "next/server";

export function inRequestScope<T>(request: NextRequest, handler: (request: NextRequest) => Promise<T>): Promise<T> {
  return runInRequestScope(request, () => handler(request)).then(({ result }) => result);
}

/** `work` in the request's scope, and the Set-Cookie lines it wrote (as Next would send them). */
export async function runInRequestScope<T>(request: NextRequest, work: () => Promise<T>) {
  const { pathname, search } = request.nextUrl;
  const tags = { tags: [], expirationsByCacheKind: new Map() };
  const store = createRequestStoreForAPI(request, { pathname, search }, tags, undefined, undefined, undefined);
  // The fields of the route's work store that `cookies()` and `headers()` read in a dynamic route, and an
  // incremental cache for server actions' revalidatePath(), which only records the paths on the store
  // (Next revalidates them once the response is sent; nothing here renders pages to revalidate).
  const scope = {
    route: pathname,
    forceStatic: false,
    dynamicShouldError: false,
    incrementalCache: {},
  } as unknown as WorkStore;
  const result = await workAsyncStorage.run(scope, () => workUnitAsyncStorage.run(store, work));
  return { result, setCookies: store.mutableCookies.toString() };
}
