// An in-console link: a real <a href> (open in new tab works) that navigates without reloading.
import type { ReactNode } from 'react';
import { BASE, navigate } from '../router.ts';

export function Link({ to, children, className, current }: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  return (
    <a href={BASE + to} className={className} aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}>
      {children}
    </a>
  );
}
