import Link from "next/link";

export default function NotFound() {
  return (
    <section role="alert" className="notice">
      <h1>Not found</h1>
      <p>
        There is nothing here, or it belongs to someone else. <Link href="/">Back to the dashboard</Link>.
      </p>
    </section>
  );
}
