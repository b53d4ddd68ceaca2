/**
 * The contract every sandbox driver implements. A *job* groups the sandboxed processes of
 * one lab run: they share one network namespace (where the lab moves its TAP device) and
 * are removed together by `reap(jobId)`, also after a crash of the runner.
 */

/** Resource limits of one sandboxed program. Every field is mandatory: no implicit "unlimited". */
export interface SandboxLimits {
  /** Wall-clock time from start until the whole process tree is killed. */
  wallMs: number;
  /** CPU time (RLIMIT_CPU; the docker driver also caps the CPU share to one core). */
  cpuSeconds: number;
  /** Memory of the whole process tree (cgroup) and per-process address space (RLIMIT_AS). */
  memoryBytes: number;
  /** Number of tasks (processes + threads) of the whole tree. */
  pids: number;
  /** Largest file the program may write (RLIMIT_FSIZE); also the size of the /tmp tmpfs. */
  fileSizeBytes: number;
  /** Open file descriptors per process (RLIMIT_NOFILE). */
  openFiles: number;
  /** stdout + stderr bytes delivered to the caller; the rest is drained and counted as dropped. */
  outputBytes: number;
}

export interface StraceOptions {
  /** strace flags, e.g. ['-tt', '-T', '-e', 'trace=network,close']. `-f` and `-o` are added by the driver. */
  flags: string[];
  /** File name relative to the work dir; requires `writable: true`. */
  outputFile: string;
}

export interface SandboxRunSpec {
  jobId: string;
  /** Short role label of this process inside the job, e.g. 'build', 'client' (names and labels). */
  role: string;
  /** Program and arguments, resolved inside the sandbox (PATH=/usr/local/bin:/usr/bin:/bin). */
  argv: string[];
  env?: Record<string, string>;
  /** Host directory mounted at /work (the program's cwd). */
  workDir: string;
  /** Mount /work read-write (the directory must then be writable by uid 65534). */
  writable: boolean;
  /**
   * 'job': join the job's network namespace established by `prepare`.
   * 'none': a fresh namespace with only a loopback interface (e.g. for builds).
   */
  network: 'job' | 'none';
  limits: SandboxLimits;
  /** Bytes written to stdin before it is closed; 'pipe' hands the stream to the caller; default: empty. */
  stdin?: string | Uint8Array | 'pipe';
  strace?: StraceOptions;
}

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  data: Buffer;
}

export interface SandboxExit {
  /** Exit status when the program exited normally, else null. */
  exitCode: number | null;
  /** Name of the signal that ended the program (e.g. 'SIGKILL'), else null. */
  signal: NodeJS.Signals | null;
  /** The wall-clock limit expired and the driver killed the process tree. */
  timedOut: boolean;
  /** The kernel's OOM killer ended a process of the tree; undefined when the host cannot tell. */
  oomKilled?: boolean;
  /** A fork() or thread creation was refused at `limits.pids`; undefined when the host cannot tell. */
  pidsLimitHit?: boolean;
  outputTruncated: boolean;
  /** Bytes of stdout + stderr produced beyond `limits.outputBytes` and discarded. */
  droppedOutputBytes: number;
  /** CPU time of the whole tree, when the host accounts it. */
  cpuMs?: number;
}

export interface SandboxProcess {
  /** Host pid of the sandbox's outermost process (bwrap, or the container's init). */
  readonly pid: number;
  /** Writable stdin when the spec asked for 'pipe', else null. */
  readonly stdin: NodeJS.WritableStream | null;
  /**
   * stdout/stderr chunks in arrival order, at most `limits.outputBytes` in total. Chunks are
   * buffered until read, so late readers miss nothing; the iterator ends after the exit.
   */
  output(): AsyncIterable<OutputChunk>;
  signal(signal: NodeJS.Signals): Promise<void>;
  /** Kills the whole process tree; resolves once it is gone. */
  kill(): Promise<void>;
  /**
   * Resolves once the tree is gone, its exit status is known and its output drained. What
   * takes long to release and is no part of the result (the docker driver's container) may
   * still be going away in the background: `reap(jobId)` awaits it.
   */
  wait(): Promise<SandboxExit>;
}

export interface PrepareOptions {
  /**
   * 'job' (default): the job gets a network namespace of its own that its programs join
   * (`network: 'job'`). 'none': its programs all run with `network: 'none'` (a build), so
   * no namespace is made (the docker driver then starts no netns holder container).
   */
  network?: 'job' | 'none';
  /**
   * local driver only: an existing network namespace (name under /run/netns or a path) that
   * the lab created. Without it the driver creates `sls-<jobId>` and removes it on reap.
   */
  netns?: string;
}

export interface PreparedJob {
  jobId: string;
  /**
   * Path of the job's network namespace (e.g. /proc/<pid>/ns/net) for moving a TAP into;
   * null when it was prepared with `network: 'none'`.
   */
  netnsPath: string | null;
}

/** What `reap` found and removed; every list names resources of that job only. */
export interface ReapReport {
  jobId: string;
  killedPids: number[];
  removedCgroups: string[];
  removedContainers: string[];
  removedNetns: string[];
}

export interface SandboxDriver {
  readonly name: 'local' | 'docker';
  prepare(jobId: string, options?: PrepareOptions): Promise<PreparedJob>;
  run(spec: SandboxRunSpec): Promise<SandboxProcess>;
  /**
   * Removes everything the job left behind (processes, cgroups, containers, namespaces),
   * after awaiting the releases its stopped programs left running in the background; once
   * it resolves, nothing of the job exists. Idempotent.
   */
  reap(jobId: string): Promise<ReapReport>;
}
