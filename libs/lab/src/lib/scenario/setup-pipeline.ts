/**
 * Scenario setups opened ahead of their use, in scenario order (see scenario-setup.ts).
 * `openNext()` starts opening the next scenario's setup (nothing past the last);
 * `take(i)` hands over the i-th, opening it (and any before it) now if nobody did;
 * `disposeUnused()` disposes every setup that was opened and never taken, and returns what
 * could not be removed. A setup that failed to open fails its `take`; unused, it is ignored
 * (ScenarioSetup.open leaves nothing behind when it fails).
 */
import type { ScenarioSetup } from './scenario-setup';

export class SetupPipeline {
  private opened = 0;
  private readonly pending = new Map<number, Promise<ScenarioSetup>>();

  constructor(
    private readonly open: (index: number) => Promise<ScenarioSetup>,
    private readonly count: number,
  ) {}

  openNext(): void {
    if (this.opened >= this.count) return;
    const index = this.opened++;
    const setup = this.open(index);
    setup.catch(() => undefined); // reported by take(); unused, nothing is left of it
    this.pending.set(index, setup);
  }

  take(index: number): Promise<ScenarioSetup> {
    if (index >= this.count) throw new RangeError(`there are ${this.count} scenarios, not ${index + 1}`);
    while (this.opened <= index) this.openNext();
    const setup = this.pending.get(index);
    if (setup === undefined) throw new Error(`scenario setup ${index} was already taken or disposed`);
    this.pending.delete(index);
    return setup;
  }

  async disposeUnused(): Promise<string[]> {
    const failures: string[] = [];
    for (const [index, opening] of [...this.pending]) {
      this.pending.delete(index);
      const setup = await opening.catch(() => null);
      if (setup !== null) failures.push(...(await setup.dispose()));
    }
    return failures;
  }
}
