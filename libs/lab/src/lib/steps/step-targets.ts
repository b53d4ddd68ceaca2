/** What steps name, resolved in the scenario: peers by name, `{port}` to the run's service port. */
import type { ScriptedPeer } from '@socklab/netstack';
import type { StepContext } from './step-context';
import { StepFailure } from './step-failure';

export function portOf(port: number | '{port}', ctx: StepContext): number {
  return port === '{port}' ? ctx.port : port;
}

export function peerOf(name: string, ctx: StepContext): ScriptedPeer {
  const peer = ctx.peer(name);
  if (!peer) throw new StepFailure('failed', `unknown peer '${name}'`);
  return peer;
}
