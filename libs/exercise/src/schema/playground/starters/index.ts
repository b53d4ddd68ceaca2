/**
 * Programs to start a playground run from, one per role and language: short, correct
 * socket code that works against every preset of its role and shows the connection's
 * whole life. A client connects to `{host}` `{port}` (its two arguments), sends
 * "hello, socklab\n", shuts down its sending side and prints what comes back until the
 * peer closes, giving up after 5 s of silence. A server listens on `{port}` (its one
 * argument), accepts one connection, echoes it until the peer's FIN or 2 s of silence,
 * then closes. Both report a reset or a timeout on stderr instead of crashing.
 */
import { DEFAULT_TOOLCHAINS } from '../../toolchain';
import type { Language } from '../../vocabulary';
import { C_CLIENT, C_SERVER } from './c';
import { CPP_CLIENT, CPP_SERVER } from './cpp';
import { JAVA_CLIENT, JAVA_SERVER } from './java';
import { PYTHON_CLIENT, PYTHON_SERVER } from './python';

export type PlaygroundRole = 'client' | 'server';

const SOURCES: Record<Language, Record<PlaygroundRole, string>> = {
  c: { client: C_CLIENT, server: C_SERVER },
  cpp: { client: CPP_CLIENT, server: CPP_SERVER },
  python: { client: PYTHON_CLIENT, server: PYTHON_SERVER },
  java: { client: JAVA_CLIENT, server: JAVA_SERVER },
};

/** The starter for `role` in `language`, named as the language's default toolchain builds it. */
export function playgroundStarter(
  role: PlaygroundRole,
  language: Language,
): { name: string; content: string } {
  return { name: DEFAULT_TOOLCHAINS[language].files[0], content: SOURCES[language][role] };
}
