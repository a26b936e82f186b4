// The person behind an item, only on request: each view is written to the audit trail, and the button says so.
import { useRef, useState } from 'react';
import { request } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { useT } from '../i18n.ts';
import { ErrorBanner } from '../ui/Alert.tsx';
import { useSubmit } from '../ui/useAsync.ts';
import type { Contact, FeedbackDetail } from './model.ts';

export function ContactCard({ item }: { item: FeedbackDetail }) {
  const t = useT();
  const [contact, setContact] = useState<Contact | null>(null);
  const { busy, error, run } = useSubmit();
  const shown = useRef<HTMLDListElement>(null);

  const load = () => run(async () => {
    setContact(await request<Contact>('GET', `/api/feedback/${item.id}/contact`));
    window.setTimeout(() => shown.current?.focus(), 0);
  });
  const s = contact?.submitter;

  return (
    <section className="panel fb-contact" aria-labelledby="fb-contact-title">
      <h2 id="fb-contact-title">{t('ui.feedback.contact.title')}</h2>
      {!item.hasContact && <p className="muted">{t('ui.feedback.anonymous_long')}</p>}
      {item.hasContact && !contact && (
        <>
          <p className="hint" id="fb-contact-logged">{t('ui.feedback.contact.logged')}</p>
          <button type="button" onClick={() => void load()} disabled={busy} aria-describedby="fb-contact-logged">{t('ui.feedback.contact.show')}</button>
        </>
      )}
      <ErrorBanner error={error} />
      {contact && (contact.anonymous || !s
        ? <p className="muted">{t('ui.feedback.anonymous_long')}</p>
        : (
          <>
            {s.anonymisedAt && <p className="alert warn">{t('ui.feedback.contact.anonymised', { at: formatDateTime(s.anonymisedAt) })}</p>}
            <dl className="facts" ref={shown} tabIndex={-1} aria-label={t('ui.feedback.contact.title')} data-testid="contact">
              <dt>{t('ui.feedback.person.name')}</dt><dd>{s.fullName ?? '—'}</dd>
              <dt>{t('ui.feedback.person.phone')}</dt><dd>{s.phone ? <a href={`tel:${s.phone.replace(/[^+0-9]/g, '')}`}>{s.phone}</a> : '—'}</dd>
              <dt>{t('ui.feedback.person.email')}</dt><dd>{s.email ? <a href={`mailto:${s.email}`}>{s.email}</a> : '—'}</dd>
              <dt>{t('ui.feedback.person.address')}</dt><dd>{s.address ?? '—'}</dd>
              {s.roleTitle && <><dt>{t('ui.feedback.person.role')}</dt><dd>{s.roleTitle}</dd></>}
              {s.organisation && <><dt>{t('ui.feedback.person.organisation')}</dt><dd>{s.organisation}</dd></>}
              <dt>{t('ui.feedback.entry.consents')}</dt>
              <dd>
                {contact.consents.length === 0 ? t('ui.feedback.contact.no_consent') : (
                  <ul className="fb-inline-list">
                    {contact.consents.map((c) => (
                      <li key={`${c.purpose}-${c.givenAt}`}>
                        {t(`ui.feedback.consent.${c.purpose}`)}{' '}
                        <span className="muted">{c.withdrawnAt ? t('ui.feedback.contact.withdrawn', { at: formatDateTime(c.withdrawnAt) }) : t('ui.feedback.contact.given', { at: formatDateTime(c.givenAt) })}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
            <p className="hint">{t('ui.feedback.contact.was_logged')}</p>
          </>
        ))}
    </section>
  );
}
