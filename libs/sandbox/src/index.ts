export * from './lib/types';
export { SandboxError, isSandboxError, type SandboxErrorCode } from './lib/errors';
export { JOB_LABEL, ROLE_LABEL, jobResourceName } from './lib/naming';
export { LocalDriver, type LocalDriverOptions } from './lib/local/local-driver';
export {
  DockerDriver,
  DEFAULT_DOCKER_SOCKET,
  DEFAULT_SANDBOX_IMAGE,
  type DockerDriverOptions,
} from './lib/docker/docker-driver';
