/**
 * A browser's cookie jar for driving Auth.js' handlers: keeps what responses set, drops what they
 * clear (empty value, `Max-Age=0` or an `Expires` in the past). `raw` is sent exactly as given (a
 * planted, malformed cookie) until a response sets the cookie `rawName`.
 */
export class CookieJar {
  private cookies = new Map<string, string>();
  constructor(
    private raw = "",
    private rawName?: string,
  ) {}

  take(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [rawKey = "", value = ""] = pair.split(/=(.*)/s);
      const name = rawKey.trim();
      const gone = attributes.some((a) => {
        const [key = "", val = ""] = a.trim().split(/=(.*)/s);
        if (/^max-age$/i.test(key)) return Number(val) <= 0;
        return /^expires$/i.test(key) && Date.parse(val) < Date.now();
      });
      if (!value || gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
      if (name === this.rawName) this.raw = "";
    }
    return response;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  header(): string {
    return [this.raw, ...[...this.cookies].map(([k, v]) => `${k}=${v}`)].filter(Boolean).join("; ");
  }
}
