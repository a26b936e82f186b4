// The demo conferences: last year's conference in every commune whose register has conference opinions (held,
// attended, published, its opinions linked), and this year's round in Q4 — most communes have held theirs
// (delegates checked in, opinions captured live, some answered on the spot), some have only planned it for
// December, and a few have not planned one yet, so the province's view has something to chase.
// Built through the commands the console uses; only the times are moved to the conference day afterwards.
import sharp from 'sharp';
import { auditContextOf, type ActorContext, type CommandContext } from '../commands/context.ts';
import { staffCheckIn } from '../commands/conferences/checkin.ts';
import { addDelegate } from '../commands/conferences/delegates.ts';
import { draftConferenceDocument } from '../commands/conferences/documents.ts';
import { captureOpinion } from '../commands/conferences/opinions.ts';
import { issueDraft } from '../commands/documents/issue.ts';
import { addPhoto, updatePhoto } from '../commands/conferences/photos.ts';
import { actOnItem } from '../commands/feedback/handle.ts';
import { createConference, updateConference } from '../commands/conferences/plan.ts';
import { changeConferenceState, publishConference } from '../commands/conferences/state.ts';
import { todayVN } from '../core/dates.ts';
import type { Actor } from '../core/roles.ts';
import type { UnitGraph } from '../core/units/graph.ts';
import type { DelegateCategory } from '../db/schema.ts';
import { feedbackConfig } from '../db/repos/feedback-config.ts';
import { DEMO } from './demo.ts';
import { CONFERENCE_ROLES, OPINIONS, PEOPLE, VILLAGES, type SampleOpinion } from './feedback-texts.ts';
import { datePerson, placeInTime } from './feedback.ts';
import { personaActor } from './personas.ts';
import { prng } from './surveys.ts';

const CO_ORGANISERS = ['Ban Dân vận Đảng ủy xã', 'Ủy ban MTTQ Việt Nam xã', 'UBND xã'];

const DELEGATE_GROUPS: readonly { category: DelegateCategory; title: string; organisation: string | null; n: number }[] = [
  { category: 'official', title: 'Phó Bí thư Đảng ủy', organisation: 'Đảng ủy xã', n: 1 },
  { category: 'official', title: 'Phó Chủ tịch', organisation: 'UBND xã', n: 1 },
  { category: 'mass_org', title: 'Chủ tịch', organisation: 'Ủy ban MTTQ Việt Nam xã', n: 1 },
  { category: 'mass_org', title: 'Chủ tịch', organisation: 'Hội Phụ nữ xã', n: 1 },
  { category: 'mass_org', title: 'Chủ tịch', organisation: 'Hội Cựu chiến binh xã', n: 1 },
  { category: 'village_head', title: 'Trưởng thôn', organisation: null, n: 6 },
  { category: 'resident', title: 'Người dân', organisation: null, n: 8 },
  { category: 'police', title: 'Công an viên', organisation: 'Công an xã', n: 2 },
];

const isFlagged = (o: SampleOpinion) => o.kind === 'complaint' || o.kind === 'denunciation' || o.kind === 'crime_report';
const FLAGGED = OPINIONS.filter((o) => o.kind === 'complaint');
const WORKFLOW = OPINIONS.filter((o) => !isFlagged(o));

const SPOT_ANSWERS = [
  'Đồng chí Trưởng Công an xã tiếp thu, giao tổ tuần tra tăng cường tuần tra địa bàn vào buổi tối từ tuần sau.',
  'Công an xã đã nắm được việc này, sẽ phối hợp với Ban công tác Mặt trận thôn kiểm tra và xử lý trong tháng.',
  'Cảm ơn ý kiến của đại biểu; đơn vị ghi nhận và sẽ tiếp tục phát huy.',
  'Thủ tục cấp căn cước cho người cao tuổi được làm lưu động tại nhà văn hóa thôn vào sáng thứ Bảy hằng tuần.',
];

const PROCEEDINGS = (unit: string, year: number) =>
  `Đồng chí Trưởng ${unit} báo cáo kết quả công tác bảo đảm an ninh, trật tự năm ${year} và kết quả tiếp thu, giải quyết ý kiến của Nhân dân năm trước. ` +
  'Đại biểu phát biểu ý kiến; lãnh đạo Công an xã trả lời trực tiếp các ý kiến thuộc thẩm quyền, các ý kiến cần kiểm tra được ghi nhận để trả lời bằng văn bản. ' +
  'Phát phiếu đánh giá sự hài lòng và giới thiệu mã QR để Nhân dân đánh giá trực tuyến.';

/** A plain photo of a hall with rows of people (drawn: the demo has no camera), as a phone would send it. */
async function hallPhoto(seed: number): Promise<Buffer> {
  const rnd = prng(seed);
  const heads = Array.from({ length: 40 }, (_, i) => {
    const row = Math.floor(i / 10);
    return `<circle cx="${60 + (i % 10) * 68 + rnd() * 10}" cy="${300 + row * 55}" r="18" fill="hsl(${Math.floor(rnd() * 40)},35%,${25 + row * 8}%)"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="520"><rect width="800" height="520" fill="#e9e4d8"/>` +
    `<rect x="120" y="40" width="560" height="150" fill="#b3261e"/><rect x="360" y="70" width="80" height="80" fill="#f4c430"/>` +
    `<rect x="0" y="430" width="800" height="90" fill="#7a5a3a"/>${heads}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

interface Cast {
  unitId: number;
  name: string;
  officer: ActorContext;
  leader: ActorContext;
}

export async function seedConferences(ctx: CommandContext, graph: UnitGraph): Promise<void> {
  const db = ctx.database.db;
  const today = todayVN();
  const year = Number(today.slice(0, 4));
  const rnd = prng(505);
  const { calendar, deadlines } = await feedbackConfig(ctx.database);
  const as = (a: Actor): ActorContext => ({ ...ctx, actor: a, audit: auditContextOf(a, null, 'langnghe-seed') });
  const leaderTinh = as(await personaActor(ctx, 'lanhdao.tinh'));
  const thieuHoa = graph.idOf(DEMO.thieuHoaCommune)!;

  // The communes with an officer of their own (the feedback seed gave them one) and last year's conference opinions.
  const lastYear = await db.selectFrom('feedback_items').select(['id', 'unit_id', 'received_on']).where('channel', '=', 'conference')
    .where('received_on', '<', `${year}-01-01`).orderBy('id').execute();
  const units = [...new Set(lastYear.map((r) => r.unit_id))].sort((a, b) => (a === thieuHoa ? -1 : b === thieuHoa ? 1 : a - b));
  const cast: Cast[] = [];
  for (const unitId of units) {
    const officer = await db.selectFrom('grants').innerJoin('users', 'users.id', 'grants.user_id').select('users.username')
      .where('grants.unit_id', '=', unitId).where('grants.role', '=', 'officer').orderBy('users.id').executeTakeFirst();
    if (!officer) continue;
    cast.push({
      unitId, name: graph.versionAt(unitId, today)!.name, officer: as(await personaActor(ctx, officer.username)),
      leader: unitId === thieuHoa ? as(await personaActor(ctx, 'lanhdao.thieuhoa')) : leaderTinh,
    });
  }
  const campaignOf = async (y: number, unitId: number) => (await db.selectFrom('campaigns as c').innerJoin('campaign_units as u', 'u.campaign_id', 'c.id')
    .select('c.id').where('c.period', '=', `${y}-Q4`).where('u.unit_id', '=', unitId).executeTakeFirst())?.id ?? null;

  async function plan(c: Cast, y: number, day: string) {
    const place = c.name.replace(/^Công an /, '');
    const conf = await createConference(c.officer, {
      unitId: c.unitId, campaignId: await campaignOf(y, c.unitId), title: `Hội nghị Công an lắng nghe ý kiến Nhân dân năm ${y}`, period: String(y),
      date: day, startTime: '08:00', endTime: '11:30', venue: `Hội trường UBND ${place}`,
      coOrganisers: CO_ORGANISERS.map((o) => o.replace(/xã$/, place)),
      agenda: [
        { time: '08:00', title: 'Tuyên bố lý do, giới thiệu đại biểu', presenter: 'Chủ tịch Ủy ban MTTQ xã' },
        { time: '08:15', title: `Báo cáo kết quả công tác bảo đảm ANTT năm ${y} và kết quả tiếp thu ý kiến năm trước`, presenter: `Trưởng ${c.name}` },
        { time: '09:00', title: 'Đại biểu phát biểu ý kiến; lãnh đạo Công an xã trả lời', presenter: null },
        { time: '10:45', title: 'Phát phiếu đánh giá sự hài lòng', presenter: 'Thư ký hội nghị' },
        { time: '11:15', title: 'Kết luận hội nghị', presenter: 'Phó Bí thư Đảng ủy xã' },
      ],
      presiding: { name: PEOPLE[Math.floor(rnd() * PEOPLE.length)]!, title: `Trưởng ${c.name}` },
      secretary: { name: PEOPLE[Math.floor(rnd() * PEOPLE.length)]!, title: 'Cán bộ Công an xã' },
    });
    const delegates: number[] = [];
    for (const g of DELEGATE_GROUPS) {
      for (let i = 0; i < g.n; i++) {
        const village = g.category === 'village_head' || g.category === 'resident' ? VILLAGES[(i + delegates.length) % VILLAGES.length]! : null;
        const d = await addDelegate(c.officer, conf.id, {
          fullName: PEOPLE[Math.floor(rnd() * PEOPLE.length)]!, title: g.title, organisation: g.organisation?.replace(/xã$/, place) ?? null,
          village, phone: rnd() < 0.5 ? `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` : null, category: g.category,
        });
        delegates.push(d.id);
      }
    }
    return { id: conf.id, delegates };
  }

  /** Ticks most delegates present, then moves the ticks to the morning of the conference day. */
  async function attend(c: Cast, id: number, delegates: number[], day: string) {
    for (const d of delegates) if (rnd() < 0.88) await staffCheckIn(c.officer, id, { delegateId: d, present: true });
    await db.updateTable('conference_delegates').set({ checked_in_at: `${day}T00:45:00.000Z` })
      .where('conference_id', '=', id).where('checked_in_at', 'is not', null).execute();
  }

  async function close(c: Cast, id: number, y: number, day: string, publish: boolean) {
    await changeConferenceState(c.officer, id, 'hold');
    await updateConference(c.officer, id, {
      extraAttendance: 5 + Math.floor(rnd() * 20), proceedings: PROCEEDINGS(c.name, y),
      conclusion: 'Hội nghị thống nhất các nội dung trọng tâm: tăng cường tuần tra ban đêm, giữ trật tự an toàn giao thông trước cổng trường, phòng cháy chữa cháy ở khu dân cư; Công an xã trả lời bằng văn bản các ý kiến chưa trả lời tại hội nghị trong thời hạn quy định.',
    });
    if (publish) {
      await publishConference(c.leader, id, `Hội nghị ${y} của ${c.name} có sự tham dự của đại diện cấp ủy, chính quyền, Mặt trận, các đoàn thể, trưởng thôn và Nhân dân. ` +
        'Các ý kiến phát biểu đã được trả lời tại hội nghị hoặc được đơn vị tiếp thu, trả lời bằng văn bản; kết quả giải quyết được công khai tại trang này.');
      // Published a couple of working days after the conference (never later than now), not when the demo was made.
      const published = calendar.addWorkingDays(day, 2);
      if (published < today) await db.updateTable('conferences').set({ published_at: `${published}T02:30:00.000Z` }).where('id', '=', id).execute();
    }
  }

  // Last year: held and published in every commune with conference opinions; those opinions are linked to it.
  for (const c of cast) {
    const items = lastYear.filter((r) => r.unit_id === c.unitId);
    const day = items[0]!.received_on;
    const { id, delegates } = await plan(c, year - 1, day);
    await attend(c, id, delegates, day);
    // These opinions were entered in the register before the conference was recorded: link them (seed only).
    await db.insertInto('conference_opinions').values(items.map((it, i) => ({
      conference_id: id, item_id: it.id, seq: i + 1, delegate_id: null, answer_mode: 'writing' as const, spot_answer: null,
      answered_by: null, created_by: c.officer.actor.userId, created_at: `${day}T03:00:00.000Z`,
    }))).execute();
    await close(c, id, year - 1, day, true);
  }

  // This year, in Q4: held in November (most), planned for December (some), not planned yet (every fourth).
  const PERSONA_COMMUNES = new Set([DEMO.thieuHoaCommune, DEMO.dinhHoaCommune, DEMO.thieuTrungCommune].map((code) => graph.idOf(code)!));
  let documented = false;
  for (const [i, c] of cast.entries()) {
    if (c.unitId !== thieuHoa && i % 4 === 3) continue;
    if (c.unitId !== thieuHoa && i % 4 === 2) {
      const day = calendar.nextWorkingDay(`${year}-12-${String(3 + i).padStart(2, '0')}`);
      await plan(c, year, day);
      continue;
    }
    const day = calendar.nextWorkingDay(`${year}-11-${String(10 + ((i * 3) % 10)).padStart(2, '0')}`);
    const { id, delegates } = await plan(c, year, day);
    // Seeded before November: this year's conferences are still ahead.
    if (day > today) continue;
    await attend(c, id, delegates, day);
    const spoken = c.unitId === thieuHoa ? 7 : 3 + Math.floor(rnd() * 3);
    const heard: { itemId: number; spot: boolean }[] = [];
    for (let n = 0; n < spoken; n++) {
      // Mostly requests, reports, suggestions and praise; one complaint in Thiệu Hóa (it goes to its own procedure);
      // every third answered in the room.
      const pool = n === 3 && c.unitId === thieuHoa ? FLAGGED : WORKFLOW;
      const o = pool[Math.floor(rnd() * pool.length)]!;
      const role = CONFERENCE_ROLES[Math.floor(rnd() * CONFERENCE_ROLES.length)]!;
      const thon = VILLAGES[Math.floor(rnd() * VILLAGES.length)]!;
      const spot = pool === WORKFLOW && n % 3 === 0;
      const captured = await captureOpinion(c.officer, id, {
        delegateId: rnd() < 0.6 ? delegates[Math.floor(rnd() * delegates.length)]! : null,
        speakerName: null, speakerTitle: role.role, speakerOrganisation: role.organisation,
        kind: o.kind, topicCode: o.topic, content: o.text.replaceAll('{thon}', thon).replaceAll('{xa}', c.name.replace(/^Công an /, '')),
        answerMode: spot ? 'spot' : 'writing', spotAnswer: spot ? SPOT_ANSWERS[Math.floor(rnd() * SPOT_ANSWERS.length)]! : null,
        answeredBy: spot ? `Trưởng ${c.name}` : null,
      });
      // Some written answers are under way already (accepted: the deadline for the answer runs).
      if (!spot && pool === WORKFLOW && rnd() < 0.6) await actOnItem(c.officer, captured.itemId, { action: 'accept' });
      heard.push({ itemId: captured.itemId, spot });
    }
    // The commands wrote today's times: an opinion was heard on the conference day, and one accepted was accepted
    // a working day or three later (never after today), with the deadline it was told counted from then.
    for (const { itemId, spot } of heard) {
      if (spot) {
        const at = `${day}T03:00:00.000Z`;
        await db.updateTable('feedback_events').set({ at }).where('item_id', '=', itemId).execute();
        const item = await db.updateTable('feedback_items').set({ received_at: at, created_at: at, updated_at: at }).where('id', '=', itemId)
          .returning('submitter_id').executeTakeFirstOrThrow();
        await datePerson(db, item.submitter_id, at);
      } else {
        const accepted = calendar.addWorkingDays(day, 1 + (itemId % 3));
        await placeInTime(ctx, itemId, [day, accepted < today ? accepted : today], deadlines, calendar);
      }
    }
    await db.updateTable('conference_opinions').set({ created_at: `${day}T03:00:00.000Z` }).where('conference_id', '=', id).execute();
    await close(c, id, year, day, c.unitId === thieuHoa);
    if (c.unitId === thieuHoa) {
      for (const [k, caption] of ['Quang cảnh hội nghị', 'Đại biểu phát biểu ý kiến'].entries()) {
        const p = await addPhoto(c.officer, id, await hallPhoto(k + 1), caption);
        await updatePhoto(c.officer, id, p.id, { public: true });
      }
    }
    // One commune outside the personas' own has issued its minutes and its report, so the province's documents
    // list has something in it (the persona communes' registers start empty, as they do for a new unit).
    if (!documented && !PERSONA_COMMUNES.has(c.unitId)) {
      for (const kind of ['minutes', 'report'] as const) {
        const draft = await draftConferenceDocument(c.officer, id, kind);
        await issueDraft(c.leader, draft.id);
      }
      documented = true;
    }
  }
}
