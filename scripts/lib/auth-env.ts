// Auth settings for the dev and test commands: an AUTH_SECRET, a SERVICE_TOKEN_SECRET and an
// UNSUBSCRIBE_SECRET per run unless given (both apps get the same), and an in-process mail catcher as
// the SMTP server unless EMAIL_SERVER is given.
import { randomBytes } from "node:crypto";
import { type MailCatcher, startMailCatcher } from "./mail-catcher";

export interface AuthRunEnv {
  AUTH_SECRET: string;
  /** Signs the service tokens the apps' /api/internal/* routes accept. */
  SERVICE_TOKEN_SECRET: string;
  /** Signs the unsubscribe links of web's e-mails. */
  UNSUBSCRIBE_SECRET: string;
  EMAIL_SERVER: string;
  EMAIL_FROM: string;
  /** Set when the catcher runs: its inbox, for a browser and for the e2e tests. */
  MAIL_CATCHER_URL?: string;
}

export interface AuthServices {
  env: AuthRunEnv;
  catcher?: MailCatcher;
}

/**
 * `useGivenEmailServer`: dev sends through EMAIL_SERVER when it is set; tests always use the
 * catcher, because they read the e-mail. The catcher lives in this process and ends with it.
 */
export async function startAuthServices(
  opts: { useGivenEmailServer: boolean; smtpPort?: number; httpPort?: number } = { useGivenEmailServer: false },
): Promise<AuthServices> {
  const base = {
    AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64url"),
    SERVICE_TOKEN_SECRET: process.env.SERVICE_TOKEN_SECRET || randomBytes(32).toString("base64url"),
    UNSUBSCRIBE_SECRET: process.env.UNSUBSCRIBE_SECRET || randomBytes(32).toString("base64url"),
    EMAIL_FROM: process.env.EMAIL_FROM || "Burrow <no-reply@burrow.test>",
  };
  const given = process.env.EMAIL_SERVER;
  if (opts.useGivenEmailServer && given) {
    console.log("[services] sending e-mail through EMAIL_SERVER from the environment");
    return { env: { ...base, EMAIL_SERVER: given } };
  }
  const catcher = await startMailCatcher({ smtpPort: opts.smtpPort, httpPort: opts.httpPort });
  console.log(`[services] mail catcher: SMTP ${catcher.smtpUrl}, inbox ${catcher.inboxUrl}`);
  return { env: { ...base, EMAIL_SERVER: catcher.smtpUrl, MAIL_CATCHER_URL: catcher.inboxUrl }, catcher };
}
