import Link from "next/link";

/** A refused unsubscribe link: changed, expired or garbled. Nothing was switched off. */
export default function InvalidUnsubscribeLink() {
  return (
    <section role="alert" className="notice">
      <h1>This unsubscribe link does not work</h1>
      <p>
        It was changed after it was sent, it has expired, or part of it is missing, so nothing was changed. Sign in to
        choose which e-mails you get on <Link href="/account#email">your account page</Link>.
      </p>
    </section>
  );
}
