/**
 * Which item of the main navigation a page belongs to. Pure. A route names its item; a
 * page may claim another for what it shows: a playground run is reached at /runs/:id like
 * any run, but belongs to the Playground, not to "My runs" (see nav-claim.tsx).
 */
import type { RouteName } from './routes';

/** The main navigation's items, each the route of its landing page. */
export type NavSection = 'exercises' | 'runs' | 'playground' | 'courses' | 'author';

const SECTION_OF_ROUTE: Record<RouteName, NavSection | null> = {
  signIn: null,
  exercises: 'exercises',
  exercise: 'exercises',
  exerciseResults: 'exercises',
  selfTest: 'exercises',
  runs: 'runs',
  run: 'runs',
  playground: 'playground',
  author: 'author',
  courses: 'courses',
};

/** The item to highlight: the one the page claims, else its route's; none off the known pages. */
export function navSection(route: RouteName | null, claimed: NavSection | null): NavSection | null {
  if (route === null) return null;
  return claimed ?? SECTION_OF_ROUTE[route];
}
