import Link from "next/link";

export default function Forbidden() {
  return (
    <section role="alert" className="notice">
      <h1>You do not have access to this page</h1>
      <p>
        Your account is signed in but is not allowed here. <Link href="/">Back to Burrow</Link>
      </p>
    </section>
  );
}
