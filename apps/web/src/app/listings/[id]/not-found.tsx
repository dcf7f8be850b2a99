import Link from "next/link";

export default function ListingNotFound() {
  return (
    <section className="notice">
      <h1>This stay is not available</h1>
      <p>It may have been paused or removed by its sitter.</p>
      <p>
        <Link href="/listings">Find another stay</Link>
      </p>
    </section>
  );
}
