import type { Locator } from 'playwright-core';

/**
 * Waits until the element's text contains `text` (the page may still be updating), and
 * fails naming what the element said instead. playwright-core has no assertions of its own.
 */
export async function expectText(locator: Locator, text: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string | null = null;
  for (;;) {
    seen = await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => null);
    if (seen?.includes(text)) return;
    if (Date.now() > deadline) throw new Error(`expected the text ${JSON.stringify(text)}, found ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
