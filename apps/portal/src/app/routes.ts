/**
 * The portal's pages and their URLs. Pure: the router (router.tsx) and the links use
 * `matchRoute` and `pathTo`, so a URL and the page it names cannot drift apart.
 */
export const ROUTES = {
  signIn: '/sign-in',
  exercises: '/exercises',
  exercise: '/exercises/:id',
  exerciseResults: '/exercises/:id/results',
  selfTest: '/exercises/:id/versions/:version/self-test',
  runs: '/runs',
  playground: '/playground',
  run: '/runs/:id',
  author: '/author',
  courses: '/courses',
} as const;

export type RouteName = keyof typeof ROUTES;
export type RouteParams = Record<string, string>;

export interface RouteMatch {
  name: RouteName;
  params: RouteParams;
}

const compiled = (Object.entries(ROUTES) as [RouteName, string][]).map(([name, pattern]) => ({
  name,
  parts: pattern.split('/').filter(Boolean),
}));

/** The page a path names, or null (not found). "/" is the exercise list. */
export function matchRoute(pathname: string): RouteMatch | null {
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'exercises', params: {} };
  for (const route of compiled) {
    if (route.parts.length !== parts.length) continue;
    const params: RouteParams = {};
    const matches = route.parts.every((part, i) => {
      if (part.startsWith(':')) {
        params[part.slice(1)] = decodeSegment(parts[i]);
        return params[part.slice(1)] !== '';
      }
      return part === parts[i];
    });
    if (matches) return { name: route.name, params };
  }
  return null;
}

/** The URL of a page; every `:param` of its pattern must be given. */
export function pathTo(name: RouteName, params: RouteParams = {}): string {
  return ROUTES[name].replace(/:([a-zA-Z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`pathTo(${name}): missing the parameter "${key}"`);
    return encodeURIComponent(value);
  });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
