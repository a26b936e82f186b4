// What people wrote in the survey's free-text questions, newest first, for the units the user may see — and for
// a comment that asks for something, one click copies it into the feedback register of the unit it was given
// about (as an anonymous item from the 'survey' channel), once: after that the row links to the item.
import { useState } from 'react';
import { request } from '../api.ts';
import { formatDate } from '../dates.ts';
import { useT } from '../i18n.ts';
import type { CampaignDetail } from '../types.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { Link } from '../ui/Link.tsx';
import { useLoad, useSubmit } from '../ui/useAsync.ts';
import { useSession } from '../session.ts';

interface Comment {
  responseId: number;
  questionId: string;
  unitId: number;
  unitName: string;
  submittedOn: string;
  text: string;
  copiedItemId: number | null;
}

const PAGE = 50;

export function CommentsTab({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const { me } = useSession();
  const canCopy = Boolean(me.can.enterFeedback);
  const [offset, setOffset] = useState(0);
  const load = useLoad(() => request<{ comments: Comment[]; hasMore: boolean }>('GET', `/api/campaigns/${campaign.id}/comments?limit=${PAGE}&offset=${offset}`), [campaign.id, offset]);
  const [copied, setCopied] = useState<Record<string, number>>({});
  const { busy, error, run } = useSubmit();
  const key = (c: Comment) => `${c.responseId}:${c.questionId}`;
  const copy = (c: Comment) => run(async () => {
    const r = await request<{ id: number }>('POST', `/api/campaigns/${campaign.id}/comments/copy`, { responseId: c.responseId, questionId: c.questionId });
    setCopied((x) => ({ ...x, [key(c)]: r.id }));
  });
  return (
    <section className="panel" aria-labelledby="comments-title">
      <h2 id="comments-title">{t('ui.surveys.comments.title')}</h2>
      <p>{t('ui.surveys.comments.intro')}</p>
      <ErrorBanner error={load.error ?? error} />
      {!load.data && !load.error && <p role="status">{t('ui.loading')}</p>}
      {load.data && !load.data.comments.length && <p>{t('ui.surveys.comments.none')}</p>}
      {load.data && load.data.comments.length > 0 && (
        <ul className="comments">
          {load.data.comments.map((c) => {
            const itemId = copied[key(c)] ?? c.copiedItemId;
            return (
              <li key={key(c)} data-response={c.responseId}>
                <blockquote>{c.text}</blockquote>
                <p className="muted">{c.unitName} · {formatDate(c.submittedOn)}</p>
                {itemId
                  ? <Link to={`/feedback/${itemId}`}>{t('ui.surveys.comments.in_register')}</Link>
                  : canCopy && <button type="button" disabled={busy} onClick={() => void copy(c)}>{t('ui.surveys.comments.copy')}</button>}
              </li>
            );
          })}
        </ul>
      )}
      <div className="actions">
        {offset > 0 && <button type="button" onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('ui.surveys.comments.newer')}</button>}
        {load.data?.hasMore && <button type="button" onClick={() => setOffset(offset + PAGE)}>{t('ui.surveys.comments.older')}</button>}
      </div>
    </section>
  );
}
