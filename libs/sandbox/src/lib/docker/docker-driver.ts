import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { SandboxError } from '../errors';
import { JOB_LABEL, ROLE_LABEL, assertJobId, jobResourceName } from '../naming';
import { OutputBudget } from '../output-budget';
import type {
  PrepareOptions,
  PreparedJob,
  ReapReport,
  SandboxDriver,
  SandboxProcess,
  SandboxRunSpec,
} from '../types';
import { validateRunSpec } from '../validate-spec';
import { netnsHolderOptions, programContainerOptions } from './container-config';
import { DockerStreamDemuxer } from './demux';
import { DockerSandboxProcess, type EngineTraits } from './docker-process';
import { pingEngine, type EngineKind } from './engine-kind';
import { PendingRemovals } from './pending-removals';
import { podmanWaitExit } from './podman-wait';

/** The learner image: builds and runs C, C++, Python and Java (infra/images/build-base-image.sh toolchain). */
export const DEFAULT_SANDBOX_IMAGE = 'localhost/socklab/sandbox-base:1';
export const DEFAULT_DOCKER_SOCKET = '/run/socklab-podman.sock';

export interface DockerDriverOptions {
  /** Docker API socket (Docker Engine or `podman system service`). */
  socketPath?: string;
  image?: string;
}

/**
 * Containers through any Docker-API engine. A job's programs share the network namespace
 * of an idle holder container (`sls-<jobId>-netns`), created by `prepare` before any
 * program starts, so the lab can move its TAP in first. A program's container is removed
 * in the background once it has stopped; `reap` awaits those removals.
 */
export class DockerDriver implements SandboxDriver {
  readonly name = 'docker' as const;
  readonly image: string;
  private readonly docker: Dockerode;
  private readonly socketPath: string;
  private runCounter = 0;
  private readonly removals = new PendingRemovals();

  constructor(options: DockerDriverOptions = {}) {
    this.socketPath = options.socketPath ?? DEFAULT_DOCKER_SOCKET;
    this.image = options.image ?? DEFAULT_SANDBOX_IMAGE;
    this.docker = new (loadDockerode())({ socketPath: this.socketPath });
  }

  /**
   * Fails with 'sandbox/engine-unavailable' or 'sandbox/image-missing' and how to fix it.
   * The first success is remembered: later prepares do not ask again (a container that
   * cannot be created asks again, to say why).
   */
  checkEngine(): Promise<void> {
    this.engineChecked ??= this.askEngine().catch((error: unknown) => {
      this.engineChecked = undefined;
      throw error;
    });
    return this.engineChecked;
  }

  private engineChecked: Promise<void> | undefined;

  private async askEngine(): Promise<void> {
    try {
      const kind = await pingEngine(this.socketPath);
      this.kind = Promise.resolve(kind);
    } catch (error) {
      throw new SandboxError(
        'sandbox/engine-unavailable',
        `no Docker API answers on ${this.socketPath}: start one with infra/images/setup-podman.sh`,
        { cause: error },
      );
    }
    try {
      await this.docker.getImage(this.image).inspect();
    } catch (error) {
      throw new SandboxError(
        'sandbox/image-missing',
        `image ${this.image} is not in the engine's store: build it with infra/images/build-base-image.sh`,
        { cause: error },
      );
    }
  }

  async prepare(jobId: string, options: PrepareOptions = {}): Promise<PreparedJob> {
    assertJobId(jobId);
    await this.checkEngine();
    // Programs of a job without network run with NetworkMode none: no holder to start.
    if (options.network === 'none') return { jobId, netnsPath: null };
    const name = holderName(jobId);
    let holder = this.docker.getContainer(name);
    const existing = await holder.inspect().catch(() => null);
    if (existing === null) {
      holder = await this.docker.createContainer(netnsHolderOptions(jobId, name, this.image));
    }
    if (!existing?.State.Running) {
      const created = holder;
      await created.start().catch(async (error: unknown) => {
        // A holder that never started would outlive the job: no reap() follows a failed prepare().
        await created.remove({ force: true }).catch(() => undefined);
        throw error;
      });
    }
    const pid = (await holder.inspect()).State.Pid;
    return { jobId, netnsPath: `/proc/${pid}/ns/net` };
  }

  async run(spec: SandboxRunSpec): Promise<SandboxProcess> {
    validateRunSpec(spec);
    if (spec.stdin === 'pipe') {
      throw new SandboxError('sandbox/invalid-spec', "the docker driver takes stdin as bytes, not 'pipe'");
    }
    const networkMode = spec.network === 'job' ? `container:${await this.holderId(spec.jobId)}` : 'none';
    const name = `${jobResourceName(spec.jobId)}-${spec.role}-${++this.runCounter}`;
    const stdinFile = await writeStdinFile(name, spec.stdin);
    const options = programContainerOptions(spec, name, this.image, networkMode, stdinFile);
    const container = await this.createContainer(options).catch(async (error: unknown) => {
      await removeStdinFile(stdinFile);
      throw error;
    });
    try {
      const budget = new OutputBudget(spec.limits.outputBytes);
      const demuxer = new DockerStreamDemuxer((stream, data) => budget.push(stream, data));
      const attached = (await container.attach({
        stream: true,
        stdout: true,
        stderr: true,
      })) as NodeJS.ReadWriteStream;
      attached.on('data', (chunk: Buffer) => demuxer.push(chunk));
      attached.on('error', () => undefined);
      await container.start();
      const pid = (await container.inspect()).State.Pid;
      return new DockerSandboxProcess(container, pid, spec, budget, attached, this.traits, () =>
        this.removals.add(spec.jobId, Promise.all([forceRemove(container), removeStdinFile(stdinFile)])),
      );
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      await removeStdinFile(stdinFile);
      throw new SandboxError('sandbox/spawn-failed', `cannot start container ${name}: ${String(error)}`, {
        cause: error,
      });
    }
  }

  async reap(jobId: string): Promise<ReapReport> {
    assertJobId(jobId);
    const report: ReapReport = {
      jobId,
      killedPids: [],
      removedCgroups: [],
      removedContainers: [],
      removedNetns: [],
    };
    // Removals that programs' stops started; a failed one left its labelled container, listed here.
    await this.removals.settled(jobId);
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${JOB_LABEL}=${jobId}`] },
    });
    // Programs first: the engine refuses to remove the netns holder while they use its netns.
    containers.sort(
      (a, b) => Number(a.Labels[ROLE_LABEL] === 'netns') - Number(b.Labels[ROLE_LABEL] === 'netns'),
    );
    for (const info of containers) {
      // The engine's filter is trusted only as a pre-selection: re-check the exact label.
      if (info.Labels[JOB_LABEL] !== jobId) continue;
      await forceRemove(this.docker.getContainer(info.Id));
      report.removedContainers.push(info.Names[0]?.replace(/^\//, '') ?? info.Id);
    }
    return report;
  }

  /** The engine's kind, asked once (null when it does not answer: then wait as on Docker). */
  private engineKind(): Promise<EngineKind | null> {
    this.kind ??= pingEngine(this.socketPath).catch(() => null);
    return this.kind;
  }

  private kind: Promise<EngineKind | null> | undefined;
  private oomReported: Promise<boolean> | undefined;

  /**
   * Podman's Docker-compatible wait polls every 250 ms; its own endpoint is asked to poll
   * every 10 ms. Podman on cgroup v1 always reports OOMKilled=false (conmon cannot watch v1
   * OOM events), so there `oomKilled` is left undefined rather than reported wrongly; that
   * takes /info (~0.2 s on Podman, which runs conmon and runc for it, slowing every container
   * start meanwhile), asked once per driver and only when a container was SIGKILLed.
   */
  private readonly traits: EngineTraits = {
    waitExit: async (container) =>
      (await this.engineKind()) === 'podman'
        ? podmanWaitExit(this.socketPath, container.id)
        : container.wait().then(
            (stopped: { StatusCode: number }) => stopped.StatusCode,
            () => null,
          ),
    reportsOom: () => {
      this.oomReported ??= this.engineKind()
        .then(async (kind) => kind !== 'podman' || String((await this.docker.info()).CgroupVersion) !== '1')
        .catch(() => false);
      return this.oomReported;
    },
  };

  private async holderId(jobId: string): Promise<string> {
    const holder = await this.docker
      .getContainer(holderName(jobId))
      .inspect()
      .catch(() => null);
    if (!holder?.State.Running) {
      throw new SandboxError(
        'sandbox/not-prepared',
        `job ${jobId} has no running netns holder: call prepare() first`,
      );
    }
    return holder.Id;
  }

  private async createContainer(options: Dockerode.ContainerCreateOptions): Promise<Dockerode.Container> {
    try {
      return await this.docker.createContainer(options);
    } catch (error) {
      await this.checkEngine();
      throw new SandboxError(
        'sandbox/spawn-failed',
        `cannot create container ${options.name}: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
  }
}

/** Removes a container, stopped or not; one already gone (a concurrent removal won) counts as removed. */
async function forceRemove(container: Dockerode.Container): Promise<void> {
  await container.remove({ force: true }).catch((error: unknown) => {
    if ((error as { statusCode?: unknown }).statusCode !== 404) throw error;
  });
}

/**
 * Stdin bytes go through a read-only bind-mounted file rather than the attach connection:
 * Podman's hijacked attach does not pass a half-close on, so the program would never see EOF.
 */
async function writeStdinFile(name: string, stdin: string | Uint8Array | undefined): Promise<string | null> {
  if (stdin === undefined) return null;
  const file = join(tmpdir(), `${name}.stdin`);
  await writeFile(file, stdin, { mode: 0o644 });
  return file;
}

async function removeStdinFile(file: string | null): Promise<void> {
  if (file !== null) await rm(file, { force: true });
}

/**
 * dockerode, with ssh2, gRPC and protobufjs, takes ~120 ms to load: it is loaded when the
 * first DockerDriver is made, not by everything that imports @socklab/sandbox (`socklab run`
 * with the local driver starts that much sooner).
 */
function loadDockerode(): typeof Dockerode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('dockerode') as typeof Dockerode;
}

function holderName(jobId: string): string {
  return `${jobResourceName(jobId)}-netns`;
}
