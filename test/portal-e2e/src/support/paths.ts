import path from 'node:path';

export const WORKSPACE = path.resolve(__dirname, '../../../..');

/** Screenshots and service logs of the last run: artifacts/portal-e2e (git-ignored). */
export const ARTIFACTS_DIR = path.join(WORKSPACE, 'artifacts', 'portal-e2e');

export const HALF_CLOSE_ECHO = path.join(WORKSPACE, 'libs/pack/exercises/half-close-echo');

export const GREETING_SERVER = path.join(WORKSPACE, 'libs/pack/exercises/greeting-server');
