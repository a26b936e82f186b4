// The collapsible unit tree with a filter box (diacritics optional) and counts. Each row is a toggle button
// and a link, so it works with Tab/Enter/Space without a custom keyboard model.
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import type { UnitNode } from '../types.ts';
import { Link } from '../ui/Link.tsx';
import { ancestorsOf, countLevels, defaultExpanded, filterTree, walk, type FilterResult } from './treeModel.ts';

interface Props {
  /** The date of this forest: exposed as data-asof so tests can wait for a new date's tree. */
  asOf: string;
  roots: UnitNode[];
  selectedId: number | null;
  hrefFor: (id: number) => string;
}

export function UnitTree({ asOf, roots, selectedId, hrefFor }: Props) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set([...defaultExpanded(roots), ...(selectedId ? ancestorsOf(roots, selectedId) : [])]));
  // A new date brings a new forest: start from its default view, keeping the selected unit in sight.
  useEffect(() => {
    setExpanded(new Set([...defaultExpanded(roots), ...(selectedId ? ancestorsOf(roots, selectedId) : [])]));
  }, [roots]); // only on a new forest; a later selection must not undo the user's collapsing
  // Bring the selected unit into view once per forest (opened from a link, or a new date).
  const scrolledFor = useRef<UnitNode[] | null>(null);
  useEffect(() => {
    if (scrolledFor.current === roots) return;
    const row = document.querySelector('.tree-row.selected');
    if (row) {
      row.scrollIntoView({ block: 'nearest' });
      scrolledFor.current = roots;
    }
  }, [roots, expanded]);
  const filter = useMemo(() => filterTree(roots, query), [roots, query]);
  const counts = useMemo(() => countLevels(roots), [roots]);

  const toggle = (id: number) => setExpanded((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const expandAll = () => {
    const all = new Set<number>();
    walk(roots, (n) => n.children.length && all.add(n.id));
    setExpanded(all);
  };

  return (
    <div className="tree" data-asof={asOf}>
      <div className="tree-tools">
        <label htmlFor="unit-filter" className="sr-only">{t('ui.tree.filter')}</label>
        <input id="unit-filter" type="search" placeholder={t('ui.tree.filter_placeholder')} value={query}
          onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
        <button type="button" onClick={expandAll}>{t('ui.tree.expand_all')}</button>
        <button type="button" onClick={() => setExpanded(new Set())}>{t('ui.tree.collapse_all')}</button>
      </div>
      <p className="tree-counts" role="status" data-testid="tree-counts">
        {filter ? t('ui.tree.matches', { n: filter.matches.size }) + ' · ' : ''}
        {t('ui.tree.total', { n: counts.total })}
        {counts.byLevel.map(([level, n]) => ` · ${t(`level.${level}`)}: ${n}`).join('')}
      </p>
      {roots.length === 0 && <p className="muted">{t('ui.tree.empty')}</p>}
      <ul className="tree-root" aria-label={t('ui.tree.label')}>
        {roots.map((n) => (
          <Item key={n.id} node={n} depth={0} {...{ expanded, toggle, filter, selectedId, hrefFor }} />
        ))}
      </ul>
    </div>
  );
}

interface ItemProps {
  node: UnitNode;
  depth: number;
  expanded: Set<number>;
  toggle: (id: number) => void;
  filter: FilterResult | null;
  selectedId: number | null;
  hrefFor: (id: number) => string;
}

function Item(p: ItemProps) {
  const t = useT();
  const { node } = p;
  if (p.filter && !p.filter.visible.has(node.id)) return null;
  const open = p.expanded.has(node.id) || !!p.filter?.open.has(node.id);
  const kids = node.children.length;
  return (
    <li data-code={node.code} className={p.filter?.matches.has(node.id) ? 'match' : undefined}>
      <div className={`tree-row${p.selectedId === node.id ? ' selected' : ''}`}>
        {kids > 0
          ? <button type="button" className="toggle" aria-expanded={open} onClick={() => p.toggle(node.id)}
              aria-label={t(open ? 'ui.tree.collapse' : 'ui.tree.expand', { name: node.name })}>
              <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            </button>
          : <span className="toggle" aria-hidden="true" />}
        <span className="tree-label">
          <Link to={p.hrefFor(node.id)} className="unit-link" current={p.selectedId === node.id}>{node.name}</Link>{' '}
          {kids > 0 && (
            <span className="count" title={t('ui.tree.children', { n: kids })}>
              <span aria-hidden="true">{kids}</span><span className="sr-only">{t('ui.tree.children', { n: kids })}</span>
            </span>
          )}{' '}
          {node.validTo && <span className="ended">{t('ui.tree.until', { date: formatDate(node.validTo) })}</span>}
        </span>
      </div>
      {open && kids > 0 && (
        <ul>
          {node.children.map((c) => <Item key={c.id} {...p} node={c} depth={p.depth + 1} />)}
        </ul>
      )}
    </li>
  );
}
