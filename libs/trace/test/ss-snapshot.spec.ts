import { diffCounters, readNstat, takeSsSnapshot } from '../src';
import { createVethLab, runPython, waitFor, type VethLab } from './support/veth-lab';
import { CLIENT, startServer } from './support/tcp-programs';

describe('ss and nstat inside lab namespaces', () => {
  let lab: VethLab;
  beforeAll(() => (lab = createVethLab('s', 12)));
  afterAll(() => lab?.teardown());

  it('sees the listener with its backlog, then TIME_WAIT on the active closer, and counts opens', async () => {
    const before = await readNstat(lab.client.ns);
    const { done: serverDone } = startServer(lab, 7002, 'close');
    const listener = await waitFor('listener in ss', async () =>
      (await takeSsSnapshot(lab.server.ns)).sockets.find(
        // ss maps sockets to processes from a /proc scan made before its socket dump, so a
        // socket created in between is listed without its owner: wait until both are seen.
        (s) => s.state === 'LISTEN' && s.local.port === 7002 && s.processes.length > 0,
      ),
    );
    expect(listener).toMatchObject({ sendQ: 8, processes: [expect.objectContaining({ name: 'python3' })] });

    await runPython(lab.client.ns, CLIENT, [lab.server.addr, '7002', 'close']);
    await serverDone;
    const snapshot = await takeSsSnapshot(lab.client.ns);
    const timeWait = snapshot.sockets.find((s) => s.peer.port === 7002);
    expect(timeWait).toMatchObject({
      state: 'TIME_WAIT',
      timer: { name: 'timewait' },
      local: { addr: lab.client.addr },
    });
    expect(timeWait!.timer!.expiresMs).toBeGreaterThan(50_000);

    const diff = diffCounters(before, await readNstat(lab.client.ns));
    expect(diff.TcpActiveOpens).toBe(1);
  });

  it('reports a missing namespace with a stable code', async () => {
    await expect(takeSsSnapshot('slr-does-not-exist')).rejects.toMatchObject({ code: 'trace/ss-failed' });
  });
});
