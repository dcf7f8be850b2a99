export function Rating({ average, count }: { average: number | null; count: number }) {
  if (average === null || count === 0) return <span className="text-muted">No reviews yet</span>;
  return (
    <span>
      <span aria-hidden="true">★ </span>
      {`${average.toFixed(2)} / 5 · ${count} ${count === 1 ? "review" : "reviews"}`}
    </span>
  );
}
