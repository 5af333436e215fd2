import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useSession } from './session';

/**
 * A link to a page of another province the session may act in (a former one absorbed by it): the address says
 * the province (`?province=`, which App applies, in a new tab too), so the page and every link on it read that
 * province; the header says so, with the way back.
 */
export function ProvinceLink({
  href,
  provinceId,
  children,
}: {
  href: string;
  provinceId: string;
  children: ReactNode;
}) {
  const here = provinceId === useSession().provinceId;
  return (
    <Link href={here ? href : `${href}${href.includes('?') ? '&' : '?'}province=${provinceId}`}>
      {children}
    </Link>
  );
}
