import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DEFAULT_DOCKER_SOCKET, DockerDriver, isSandboxError } from '../src';

/**
 * A Docker API for the docker-driver tests: the one served by infra/images/setup-podman.sh
 * when it answers, else a `podman system service` child that `stop()` ends. Builds the
 * learner (toolchain) image when it is missing (slow once: the rootfs tarball is cached afterwards).
 */
export async function startTestEngine(): Promise<{ driver: DockerDriver; stop: () => Promise<void> }> {
  let child: ChildProcess | null = null;
  let socketPath = DEFAULT_DOCKER_SOCKET;
  if (!(await answers(socketPath))) {
    socketPath = `/run/sls-test-podman-${process.pid}.sock`;
    child = spawn('podman', ['system', 'service', '--time=0', `unix://${socketPath}`], {
      stdio: 'ignore',
      cwd: tmpdir(), // conmon leaves files (`oom`) in its working directory
    });
    for (let i = 0; i < 100 && !existsSync(socketPath); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const driver = new DockerDriver({ socketPath });
  try {
    await driver.checkEngine();
  } catch (error) {
    if (!isSandboxError(error, 'sandbox/image-missing')) throw error;
    execFileSync(join(__dirname, '../../../infra/images/build-base-image.sh'), ['toolchain'], {
      stdio: 'inherit',
    });
  }
  const stop = async (): Promise<void> => {
    if (child?.pid === undefined) return;
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { driver, stop };
}

async function answers(socketPath: string): Promise<boolean> {
  if (!existsSync(socketPath)) return false;
  return new DockerDriver({ socketPath }).checkEngine().then(
    () => true,
    (error: unknown) => isSandboxError(error, 'sandbox/image-missing'),
  );
}
