/** Learner hosts and peers share one namespace; steps and checks resolve host names here. */
import { specError, type SpecError, type SpecPointer } from '../errors';
import type { Hosts } from '../hosts';
import { Namespace } from '../namespace';

export class HostDirectory {
  readonly names: Namespace;
  private readonly learner = new Set<string>();
  private readonly peers = new Set<string>();

  constructor(
    hosts: Hosts,
    private readonly errors: SpecError[],
  ) {
    this.names = new Namespace('host', errors);
    hosts.learner.forEach((host, index) => {
      this.names.declare(host.name, ['hosts', 'learner', index, 'name']);
      this.learner.add(host.name);
    });
    hosts.peers.forEach((peer, index) => {
      this.names.declare(peer.name, ['hosts', 'peers', index, 'name']);
      this.peers.add(peer.name);
    });
  }

  peerCount(): number {
    return this.peers.size;
  }

  onlyPeer(): string | undefined {
    return this.peers.size === 1 ? [...this.peers][0] : undefined;
  }

  /** Any host, learner or peer. */
  resolveAny(name: string, pointer: SpecPointer): boolean {
    return this.names.resolve(name, pointer);
  }

  /** A learner host: `what` says why ("signal acts on a learner program"). */
  resolveLearner(name: string, pointer: SpecPointer, what: string): boolean {
    if (this.peers.has(name)) {
      this.errors.push(specError('exercise/unknown-reference', pointer, `"${name}" is a peer; ${what}`));
      return false;
    }
    return this.names.resolve(name, pointer);
  }

  /** A peer: only peers act in steps. */
  resolvePeer(name: string, pointer: SpecPointer): boolean {
    if (this.learner.has(name)) {
      this.errors.push(
        specError(
          'exercise/unknown-reference',
          pointer,
          `"${name}" is a learner host; only peers act in steps (declare a peer under hosts.peers)`,
        ),
      );
      return false;
    }
    return this.names.resolve(name, pointer, 'among the peers');
  }

  isLearner(name: string): boolean {
    return this.learner.has(name);
  }
}
