/**
 * `--driver local|docker`: which sandbox runs the learner's program. local = bubblewrap in
 * the job's network namespace (the default, no services needed); docker = containers
 * through a Docker-API engine (SOCKLAB_DOCKER_SOCKET, default Podman's socket set up by
 * scripts/setup.sh; SOCKLAB_SANDBOX_IMAGE overrides the image).
 */
import { DockerDriver, LocalDriver, type SandboxDriver } from '@socklab/sandbox';
import { CliError, EXIT_INFRA } from './cli-error';

export type DriverName = 'local' | 'docker';

export async function createDriver(name: string | undefined): Promise<SandboxDriver> {
  const chosen = name ?? process.env['SOCKLAB_DRIVER'] ?? 'local';
  if (chosen === 'local') return new LocalDriver();
  if (chosen === 'docker') {
    const driver = new DockerDriver({
      socketPath: process.env['SOCKLAB_DOCKER_SOCKET'],
      image: process.env['SOCKLAB_SANDBOX_IMAGE'],
    });
    try {
      await driver.checkEngine();
    } catch (error) {
      throw new CliError(
        'cli/driver-unavailable',
        `the docker driver cannot run: ${error instanceof Error ? error.message : String(error)}`,
        EXIT_INFRA,
      );
    }
    return driver;
  }
  throw new CliError('cli/unknown-driver', `--driver ${chosen}: choose local or docker`);
}
