/**
 * Kernel settings of a learner host's network namespace (`hosts.learner[].sysctls`), written
 * before its program starts. The spec admits only per-namespace settings with integer values
 * (libs/exercise SYSCTL_RANGES), so nothing outside the lab changes.
 */
import type { SysctlName } from '@socklab/exercise';
import { runCommand } from '@socklab/labnet';

export type Sysctls = Partial<Record<SysctlName, number>>;

export async function applySysctls(netns: string, settings: Sysctls): Promise<void> {
  for (const [name, value] of Object.entries(settings)) {
    await runCommand('ip', ['netns', 'exec', netns, 'sysctl', '-q', '-w', `${name}=${value}`]);
  }
}
