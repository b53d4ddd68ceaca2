/**
 * A page's claim on a navigation item its route alone cannot name (nav-sections.ts).
 * Contract: a claim made with `useNavSection` holds while the claiming component stays
 * mounted and the location's path is the one it was made at; then it lapses by itself,
 * so a page never leaves its claim to the next one.
 */
import {
  createContext,
  useContext,
  useEffect,
  useState,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
} from 'react';
import type { NavSection } from './nav-sections';
import { useRouter } from './router';

interface NavClaim {
  pathname: string;
  section: NavSection;
}

type ClaimState = [NavClaim | null, Dispatch<SetStateAction<NavClaim | null>>];

const NavClaimContext = createContext<ClaimState | null>(null);

export function NavClaimProvider({ children }: { children: ReactNode }) {
  const state = useState<NavClaim | null>(null);
  return <NavClaimContext.Provider value={state}>{children}</NavClaimContext.Provider>;
}

/** The item the page at the current path claims, or null. */
export function useClaimedNavSection(): NavSection | null {
  const [claim] = useContext(NavClaimContext) ?? [null];
  const { location } = useRouter();
  return claim !== null && claim.pathname === location.pathname ? claim.section : null;
}

/** Claims `section` for the current page while the caller is mounted; null claims nothing. */
export function useNavSection(section: NavSection | null): void {
  const setClaim = useContext(NavClaimContext)?.[1];
  const { pathname } = useRouter().location;
  useEffect(() => {
    if (!setClaim || section === null) return;
    const claim: NavClaim = { pathname, section };
    setClaim(claim);
    return () => setClaim((current) => (current === claim ? null : current));
  }, [setClaim, pathname, section]);
}
