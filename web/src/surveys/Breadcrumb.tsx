// The way back up from a drilled-down unit: its ancestors up to the campaign's organiser, as far as the user
// may read them (found through the units API, one parent at a time: the hierarchy is a few levels deep).
import { useEffect, useState } from 'react';
import { ApiError, request } from '../api.ts';
import { useT } from '../i18n.ts';
import type { UnitDetail } from '../types.ts';
import { Link } from '../ui/Link.tsx';

type Crumb = { id: number; name: string };

async function ancestors(focusId: number, stopAt: number): Promise<Crumb[]> {
  const out: Crumb[] = [];
  let id = focusId;
  for (let depth = 0; depth < 8 && id !== stopAt; depth++) {
    const unit = await request<UnitDetail>('GET', `/api/units/${id}`);
    if (!unit.parent) break;
    try {
      // Only what the user may open: a parent outside their scope answers 404.
      const parent = await request<UnitDetail>('GET', `/api/units/${unit.parent.id}`);
      out.unshift({ id: parent.id, name: parent.name });
      id = parent.id;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) break;
      throw e;
    }
  }
  return out;
}

export function Breadcrumb({ campaignUnitId, focus, hrefFor }: { campaignUnitId: number; focus: { unitId: number; name: string }; hrefFor: (id: number) => string }) {
  const t = useT();
  const [trail, setTrail] = useState<Crumb[]>([]);
  useEffect(() => {
    let live = true;
    setTrail([]);
    ancestors(focus.unitId, campaignUnitId).then((a) => live && setTrail(a), () => live && setTrail([]));
    return () => {
      live = false;
    };
  }, [focus.unitId, campaignUnitId]);

  if (!trail.length) return null;
  return (
    <nav aria-label={t('ui.surveys.breadcrumb')} className="breadcrumb">
      <ol>
        {trail.map((c) => <li key={c.id}><Link to={hrefFor(c.id)}>{c.name}</Link></li>)}
        <li><span aria-current="page">{focus.name}</span></li>
      </ol>
    </nav>
  );
}
