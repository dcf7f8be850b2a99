import { parseAuthEnv } from "@burrow/auth/env";
import { env } from "../../env";
import type { EmailSettings } from "./send";

/** The SMTP server and sender are @burrow/auth's (the magic links use them too); the unsubscribe secret is web's. */
export function emailSettings(): EmailSettings {
  const auth = parseAuthEnv();
  return {
    server: auth.EMAIL_SERVER,
    from: auth.EMAIL_FROM,
    webUrl: auth.WEB_URL,
    unsubscribeSecret: env("UNSUBSCRIBE_SECRET"),
  };
}
