import { pathTo } from '../app/routes';

/**
 * Where to go after signing in: the page that sent the person to sign in (`?next=`), if it
 * is a path of this site — never another origin ("//evil.example", "https://…") — else
 * the exercise list.
 */
export function afterSignIn(next: string | null): string {
  const safe = next !== null && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
  return safe && !next.startsWith(pathTo('signIn')) ? next : pathTo('exercises');
}
