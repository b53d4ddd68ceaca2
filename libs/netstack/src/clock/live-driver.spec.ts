import { LiveDriver } from './live-driver';

describe('LiveDriver', () => {
  it('runs a pollable on the monotonic clock when its pollAt comes due', async () => {
    const driver = new LiveDriver();
    const due = driver.now() + 20;
    const ran = await new Promise<number>((resolve) => {
      let done = false;
      driver.add({
        poll: (now) => {
          done = true;
          resolve(now);
        },
        pollAt: () => (done ? null : due),
      });
    });
    driver.stop();
    expect(ran).toBeGreaterThanOrEqual(due);
  });

  it('re-arms after kick() when new input makes something due sooner', async () => {
    const driver = new LiveDriver();
    let wanted: number | null = driver.now() + 60_000;
    const ran = new Promise<number>((resolve) =>
      driver.add({
        poll: (now) => {
          wanted = null;
          resolve(now);
        },
        pollAt: () => wanted,
      }),
    );
    wanted = driver.now() + 5;
    driver.kick();
    const t = await ran;
    driver.stop();
    expect(t).toBeLessThan(1000);
  });
});
