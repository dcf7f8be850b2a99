// MongoDB's duplicate-key error and the retry two racing upserts need.
/** E11000: a write lost against a unique index. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === 11000;
}

/**
 * Two upserts racing to insert the same key: one wins, the other fails on the unique index.
 * Run once more and it matches the winner's document instead of inserting.
 */
export async function retryOnDuplicateKey<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return await upsert();
  }
}
