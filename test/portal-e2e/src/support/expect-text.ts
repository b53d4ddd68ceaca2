import type { Locator } from 'playwright-core';

/**
 * Waits until the element's text contains `text` (the page may still be updating), and
 * fails naming what the element said instead. playwright-core has no assertions of its own.
 */
export async function expectText(locator: Locator, text: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string | null = null;
  let failure: unknown = null;
  for (;;) {
    const now = await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch((error: unknown) => {
      failure = error;
      return null;
    });
    // The last text read is what the message names, not a final read that ran out of time.
    if (now !== null) seen = now;
    if (seen?.includes(text)) return;
    if (Date.now() > deadline) {
      const why = seen === null && failure instanceof Error ? ` (${failure.message.split('\n')[0]})` : '';
      throw new Error(`expected the text ${JSON.stringify(text)}, found ${JSON.stringify(seen)}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
