/** Waiting on a condition, bounded and described: a failure says what never happened. */
export async function waitFor(description: string, predicate: () => boolean, timeoutMs = 10_000, pollMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
