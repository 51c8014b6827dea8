/**
 * Waiting on a condition, bounded and described: a failure says what never happened, and with
 * `detail`, what the state was instead.
 */
export async function waitFor(description: string, predicate: () => boolean, timeoutMs = 10_000, detail?: () => unknown): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      const state = detail ? `: ${JSON.stringify(detail())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
