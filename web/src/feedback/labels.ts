// Words for the register's codes in the console's language (kinds, channels, states, outcomes, steps) and the
// topic taxonomy from /api/feedback-topics (Vietnamese and English names), fetched once per page load.
import { useContext, useEffect, useMemo, useState } from 'react';
import { request } from '../api.ts';
import { LangContext, useT } from '../i18n.ts';
import { formatDate } from '../dates.ts';
import type { Topic } from './model.ts';

let topicsCache: Promise<Topic[]> | null = null;

function loadTopics(): Promise<Topic[]> {
  topicsCache ??= request<{ topics: Topic[] }>('GET', '/api/feedback-topics').then((r) => r.topics, (e: unknown) => {
    topicsCache = null;
    throw e;
  });
  return topicsCache;
}

/** The active topics (parents before their children), or [] while loading or when they cannot be read. */
export function useTopics(): Topic[] {
  const [topics, setTopics] = useState<Topic[]>([]);
  useEffect(() => {
    let live = true;
    loadTopics().then((t) => live && setTopics(t), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return topics;
}

/** Label helpers bound to the language: kind, channel, state, outcome, topic (with its parent), step, due text. */
export function useLabels(topics: Topic[] = []) {
  const t = useT();
  const { lang } = useContext(LangContext);
  return useMemo(() => {
    const byCode = new Map(topics.map((x) => [x.code, x]));
    const name = (x: Topic) => (lang === 'en' ? x.en || x.vi : x.vi);
    const known = (key: string, fallback: string) => {
      const s = t(key);
      return s === key ? fallback : s;
    };
    return {
      kind: (k: string) => known(`ui.feedback.kind.${k}`, k),
      channel: (c: string) => known(`ui.feedback.channel.${c}`, c),
      state: (s: string) => known(`ui.feedback.state.${s}`, s),
      outcome: (o: string) => known(`ui.feedback.outcome.${o}`, o),
      procedure: (p: string) => known(`ui.feedback.procedure.${p}`, p),
      step: (a: string) => known(`ui.feedback.event.${a}`, a),
      action: (a: string) => known(`ui.feedback.action.${a}`, a),
      source: (s: string) => known(`ui.feedback.source_type.${s}`, s),
      /** "Thủ tục hành chính › Cư trú"; the code itself if the topic is unknown or retired. */
      topic: (code: string | null | undefined) => {
        if (!code) return '';
        const x = byCode.get(code);
        if (!x) return code;
        const parent = x.parent ? byCode.get(x.parent) : undefined;
        return parent ? `${name(parent)} › ${name(x)}` : name(x);
      },
      /** Options for a topic select: children indented under their parent. */
      topicOptions: () => topics.map((x) => ({ value: x.code, label: `${x.parent ? '\u00a0\u00a0\u00a0' : ''}${name(x)}` })),
      /** "còn 3 ngày làm việc" / "quá hạn 2 ngày làm việc" / "hạn hôm nay". */
      daysLeft: (n: number | null) => {
        if (n === null) return '';
        if (n > 0) return t('ui.feedback.days_left', { n });
        if (n === 0) return t('ui.feedback.due_today');
        return t('ui.feedback.days_over', { n: -n });
      },
      date: formatDate,
    };
  }, [t, lang, topics]);
}

export type Labels = ReturnType<typeof useLabels>;
