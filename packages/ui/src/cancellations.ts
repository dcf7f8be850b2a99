/** What a listing says of its sitter's cancelled stays in the last 12 months (both apps' listing pages). */
export function sitterCancellationsText(count: number): string {
  return count === 0
    ? "No cancellations in the last 12 months"
    : `Cancelled ${count} ${count === 1 ? "stay" : "stays"} in the last 12 months`;
}
