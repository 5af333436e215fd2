import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { setProvince, useSession } from './session';

/**
 * A link to a page of another province the session may act in (a former one absorbed by it): the session moves
 * there first, so the page, and every link on it, reads that province (the header says so, with the way back).
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
  const session = useSession();
  return (
    <Link href={href} onClick={() => provinceId !== session.provinceId && setProvince(provinceId)}>
      {children}
    </Link>
  );
}
