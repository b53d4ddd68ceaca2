/**
 * `ip -n NAME` needs a namespace *name* under /run/netns. The local driver hands out
 * /run/netns/sls-<job>; the docker driver a /proc/<pid>/ns/net path, which gets a name of
 * ours (`ip netns attach`) for the scenario's lifetime. Deleting that name only unmounts
 * the reference; the container's namespace lives on until the container is removed.
 */
import { basename } from 'node:path';
import { runIp } from '@socklab/labnet';

export interface NetnsHandle {
  name: string;
  release(): Promise<void>;
}

export async function netnsHandle(netnsPath: string, attachName: string): Promise<NetnsHandle> {
  if (netnsPath.startsWith('/run/netns/'))
    return { name: basename(netnsPath), release: async () => undefined };
  const pid = /^\/proc\/(\d+)\/ns\/net$/.exec(netnsPath)?.[1];
  if (pid === undefined) throw new Error(`unsupported network namespace path '${netnsPath}'`);
  await runIp(['netns', 'attach', attachName, pid]);
  return {
    name: attachName,
    release: async () => {
      await runIp(['netns', 'delete', attachName]);
    },
  };
}
