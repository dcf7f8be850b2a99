import { env } from "@/env";

export default function Forbidden() {
  return (
    <section role="alert" className="notice">
      <h1>Only sitters can open this page</h1>
      <p>
        You are signed in, but your account is not a sitter account.{" "}
        <a href={new URL("/account", env("WEB_URL")).href}>Become a sitter</a> on the marketplace, then come back.
      </p>
    </section>
  );
}
