/**
 * Lets the event loop turn once (after the poll phase: I/O that has arrived is handled first). For work that runs
 * many synchronous statements in a row — a province's random draw writes a hundred thousand tasks — so that, on
 * SQLite, whose driver answers synchronously, the other requests' reads are served between its statements instead of
 * after all of them. Inside a write transaction this is safe: other transactions wait for the writer as before, and
 * reads see only what has committed.
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
