// The yearly conference, end to end in the browser: the commune officer plans it (a refused plan shows the
// problem on its field), imports ten delegates (a bad file first: its rows' problems; then the good one), ticks
// them in on a tablet, records five opinions live as the secretary (one answered on the spot, one complaint that
// must go to its own procedure), marks it held; the commune leader makes the minutes (draft -> issue -> DOCX with
// the venue in it) and publishes the summary; an anonymous visitor reads it on /hn/<code>.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launch, login, openPage, seriousA11yProblems } from './helpers/browser.ts';
import { startServer, type E2EServer } from './helpers/server.ts';

const SHOTS = process.env.CONF_SHOTS ?? path.join(process.env.TMPDIR ?? '/tmp', 'conference-journey');
const TABLET = { width: 800, height: 1280 };
const VENUE = 'Hội trường Nhà văn hóa thôn Đông Hòa';
const SUMMARY = 'Hội nghị có 10 đại biểu dự, 5 ý kiến; 1 ý kiến đã trả lời tại chỗ, các ý kiến còn lại Công an xã trả lời bằng văn bản trong 15 ngày làm việc.';

const DELEGATES: [string, string, string, string, string][] = [
  ['Nguyễn Văn An', 'Chủ tịch UBND xã', 'UBND xã Thiệu Hóa', '', 'Lãnh đạo Đảng, chính quyền'],
  ['Lê Thị Bình', 'Chủ tịch', 'Ủy ban MTTQ xã', '', 'Mặt trận, đoàn thể'],
  ['Trần Văn Cường', 'Trưởng thôn', '', 'Thôn Đông Hòa', 'Trưởng thôn/Tổ trưởng TDP'],
  ['Phạm Thị Dung', 'Trưởng thôn', '', 'Thôn Tây Hòa', 'Trưởng thôn/Tổ trưởng TDP'],
  ['Hoàng Văn Em', '', '', 'Thôn Đông Hòa', 'Nhân dân'],
  ['Vũ Thị Giang', '', '', 'Thôn Đông Hòa', 'Nhân dân'],
  ['Đặng Văn Hùng', '', '', 'Thôn Tây Hòa', 'Nhân dân'],
  ['Bùi Thị Hoa', 'Bí thư Đoàn', 'Đoàn Thanh niên xã', '', 'Mặt trận, đoàn thể'],
  ['Đỗ Văn Khánh', 'Phó Trưởng Công an xã', 'Công an xã Thiệu Hóa', '', 'Công an'],
  ['Ngô Thị Lan', '', '', 'Thôn Nam Hòa', 'Nhân dân'],
];

function csv(rows: string[][]): Buffer {
  const head = ['Họ và tên', 'Chức vụ', 'Cơ quan/đơn vị', 'Thôn/TDP', 'Điện thoại', 'Email', 'Thành phần'];
  const line = (r: string[]) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  return Buffer.from(`\ufeff${[head, ...rows].map(line).join('\r\n')}\r\n`, 'utf8');
}

/** One file out of a ZIP (DOCX), read through its central directory. */
function unzipEntry(zip: Buffer, name: string): Buffer | null {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--) if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) return null;
  let p = zip.readUInt32LE(eocd + 16);
  const count = zip.readUInt16LE(eocd + 10);
  for (let n = 0; n < count; n++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    if (zip.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : zlib.inflateRawSync(data);
    }
    p += 46 + nameLen + extra + comment;
  }
  return null;
}

async function shot(page: Page, name: string, fullPage = false) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

const todayVN = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());

describe('a conference heard: plan, delegates, check-in, live opinions, minutes, public summary', () => {
  let server: E2EServer;
  let browser: Browser;
  let officer: Page;
  let leader: Page;
  let conferenceId = 0;
  let publicCode = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    officer = await openPage(browser, server.origin, { viewport: DESKTOP });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Các phần của hội nghị' }).getByRole('link', { name, exact: true });

  it('officer: plans the conference; a missing venue is named on its field', async () => {
    await login(officer, 'canbo.thieuhoa');
    await officer.locator('.mainnav').getByRole('link', { name: 'Hội nghị', exact: true }).click();
    await officer.getByRole('heading', { name: 'Hội nghị lắng nghe ý kiến Nhân dân' }).waitFor();
    await officer.getByRole('link', { name: 'Lập kế hoạch hội nghị' }).click();
    await officer.getByRole('heading', { name: 'Lập kế hoạch hội nghị' }).waitFor();
    const form = officer.getByRole('form', { name: 'Lập kế hoạch hội nghị' });
    // The unit list loads after the heading shows (the select reads '' until then): polled, not read once.
    await expect.poll(() => form.getByLabel('Đơn vị', { exact: true }).inputValue()).not.toBe('');
    // The year's satisfaction campaign: its QR code and paper forms go with the conference.
    const campaign = form.getByLabel('Đợt khảo sát', { exact: true });
    await campaign.locator('option', { hasText: `năm ${todayVN().slice(-4)}` }).first().waitFor({ state: 'attached' });
    const year = await campaign.locator('option', { hasText: `năm ${todayVN().slice(-4)}` }).first().getAttribute('value');
    await campaign.selectOption(year!);
    await form.getByLabel('Ngày tổ chức', { exact: true }).fill(todayVN());
    await form.getByLabel('Giờ bắt đầu').fill('08:00');
    await form.getByLabel('Giờ kết thúc').fill('11:00');
    await form.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    const venue = form.getByLabel('Địa điểm', { exact: true });
    await officer.locator('.field.has-error').filter({ hasText: 'Địa điểm' }).waitFor();
    await expect(venue.getAttribute('aria-invalid')).resolves.toBe('true');
    await venue.fill(VENUE);
    await form.getByRole('button', { name: '+ Ủy ban MTTQ xã' }).click();
    await form.getByRole('button', { name: '+ Ban Dân vận Đảng ủy' }).click();
    await form.getByLabel('Đơn vị phối hợp khác').fill('Đoàn Thanh niên xã');
    await form.getByLabel('Đơn vị phối hợp khác').press('Enter');
    await form.getByLabel('Giờ của mục 1').fill('08:00');
    await form.getByLabel('Người trình bày mục 2').fill('Hoàng Văn Thành');
    await form.getByRole('button', { name: 'Đưa mục 5 lên' }).click();
    await form.getByRole('button', { name: 'Xóa mục 4' }).click();
    const presiding = form.getByRole('group', { name: 'Chủ trì' });
    await presiding.getByLabel('Họ và tên').fill('Hoàng Văn Thành');
    await presiding.getByLabel('Chức vụ').fill('Trưởng Công an xã');
    const secretary = form.getByRole('group', { name: 'Thư ký' });
    await secretary.getByLabel('Họ và tên').fill('Đỗ Thị Lan');
    await secretary.getByLabel('Chức vụ').fill('Cán bộ Công an xã');
    await shot(officer, '01-plan-form', true);
    expect(await seriousA11yProblems(officer)).toEqual([]);
    await form.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã lập kế hoạch hội nghị' }).waitFor();
    conferenceId = Number(/\/conferences\/(\d+)/.exec(officer.url())![1]);
    const row = await server.database.db.selectFrom('conferences').selectAll().where('id', '=', conferenceId).executeTakeFirstOrThrow();
    publicCode = row.public_code;
    expect(row.venue).toBe(VENUE);
    expect(JSON.parse(row.co_organisers)).toEqual(['Ủy ban MTTQ xã', 'Ban Dân vận Đảng ủy', 'Đoàn Thanh niên xã']);
    const agenda = JSON.parse(row.agenda) as { title: string; time: string | null; presenter: string | null }[];
    expect(agenda).toHaveLength(4);
    expect(agenda[0]).toMatchObject({ time: '08:00' });
    expect(agenda[1]).toMatchObject({ presenter: 'Hoàng Văn Thành' });
    expect(agenda[3]!.title).toBe('Tiếp thu, giải đáp ý kiến');
    await expect(officer.getByTestId('venue').textContent()).resolves.toBe(VENUE);
    await shot(officer, '02-plan-tab');
  });

  it('officer: imports ten delegates — a bad file shows its rows, the good one goes in whole', async () => {
    await tab(officer, 'Đại biểu').click();
    await officer.getByRole('heading', { name: 'Đại biểu', level: 2 }).waitFor();
    const file = officer.getByLabel('Tệp danh sách');
    const bad = DELEGATES.slice(0, 3).map((r) => [r[0], r[1], r[2], r[3], '', '', r[4]]);
    bad[1]![6] = 'Người ngoài hành tinh';
    bad[2]![4] = '12345';
    await file.setInputFiles({ name: 'dai-bieu-loi.csv', mimeType: 'text/csv', buffer: csv(bad) });
    await officer.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const issues = officer.locator('.issue-table tbody tr');
    await issues.first().waitFor();
    expect(await issues.count()).toBeGreaterThanOrEqual(2);
    await shot(officer, '03-import-errors', true);
    const good = DELEGATES.map((r, i) => [r[0], r[1], r[2], r[3], i === 0 ? '0912345678' : '', i === 1 ? 'binh@example.vn' : '', r[4]]);
    await file.setInputFiles({ name: 'dai-bieu.csv', mimeType: 'text/csv', buffer: csv(good) });
    await officer.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await officer.getByRole('status').filter({ hasText: '10 đại biểu sẵn sàng để nhập' }).waitFor();
    await officer.getByRole('button', { name: 'Nhập 10 đại biểu' }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã nhập 10 đại biểu.' }).waitFor();
    await officer.locator('.conf-del-table tbody tr').nth(9).waitFor();
    // The phone is shown only on request.
    expect(await officer.locator('.conf-del-table').textContent()).not.toContain('0912345678');
    await officer.getByRole('button', { name: 'Xem liên hệ của Nguyễn Văn An' }).click();
    await officer.locator('.conf-contact').filter({ hasText: /0912\s?345\s?678|\+?84/ }).waitFor();
    // A title corrected by hand.
    await officer.getByRole('button', { name: 'Sửa thông tin Ngô Thị Lan' }).click();
    const edit = officer.getByRole('form', { name: 'Sửa thông tin Ngô Thị Lan' });
    await edit.getByLabel('Chức vụ').fill('Chi hội trưởng Phụ nữ');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã lưu thông tin Ngô Thị Lan.' }).waitFor();
    await officer.locator('.conf-del-table tr').filter({ hasText: 'Chi hội trưởng Phụ nữ' }).waitFor();
    await shot(officer, '04-delegates', true);
  });

  it('officer: ticks the ten in on a tablet, the counter follows', async () => {
    await officer.setViewportSize(TABLET);
    await tab(officer, 'Điểm danh').click();
    const counter = officer.getByTestId('checkin-counter');
    await counter.filter({ hasText: 'Có mặt 0/10' }).waitFor();
    await officer.getByTestId('checkin-qr').waitFor();
    await officer.getByRole('button', { name: 'Mở tự điểm danh' }).click();
    await officer.getByTestId('self-checkin-state').filter({ hasText: 'Đang mở tự điểm danh' }).waitFor();
    // Search as one types, without tone marks; Enter ticks the only match.
    const search = officer.getByLabel('Tìm đại biểu');
    await search.fill('dang van hung');
    // The list filters on the next render: polled, not read once.
    await expect.poll(() => officer.locator('.conf-checkin-item').count()).toBe(1);
    await search.press('Enter');
    await counter.filter({ hasText: 'Có mặt 1/10' }).waitFor();
    for (const [name] of DELEGATES.filter(([n]) => n !== 'Đặng Văn Hùng')) {
      await officer.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    }
    await counter.filter({ hasText: 'Có mặt 10/10' }).waitFor();
    // Untick and tick again.
    const an = officer.getByRole('button', { name: /^Nguyễn Văn An/ });
    await an.click();
    await counter.filter({ hasText: 'Có mặt 9/10' }).waitFor();
    await an.click();
    await counter.filter({ hasText: 'Có mặt 10/10' }).waitFor();
    await expect(an.getAttribute('aria-pressed')).resolves.toBe('true');
    // The forms handed out: the online form's QR code, and a paper batch printed for this conference.
    const forms = officer.getByRole('region', { name: 'Phiếu khảo sát sự hài lòng' });
    await forms.getByRole('img', { name: 'Mã QR phiếu khảo sát trực tuyến' }).waitFor();
    await forms.getByLabel('Số phiếu in mới').fill('40');
    await forms.getByRole('button', { name: 'In lô mới cho hội nghị' }).click();
    await officer.getByTestId('conf-forms-counts').filter({ hasText: 'phát ra 40' }).waitFor();
    const batch = await server.database.db.selectFrom('paper_batches').select(['sheet_count', 'conference_id']).where('conference_id', '=', conferenceId).executeTakeFirstOrThrow();
    expect(batch.sheet_count).toBe(40);
    await shot(officer, '05-checkin-tablet');
    expect(await seriousA11yProblems(officer)).toEqual([]);
    const checked = await server.database.db.selectFrom('conference_delegates').select('checked_in_at').where('conference_id', '=', conferenceId).execute();
    expect(checked.filter((d) => d.checked_in_at)).toHaveLength(10);
    await officer.setViewportSize(DESKTOP);
  });

  it('secretary (officer): records five opinions live from the keyboard', async () => {
    await tab(officer, 'Ghi ý kiến').click();
    const form = officer.getByRole('form', { name: 'Ghi ý kiến' });
    const speaker = form.getByRole('combobox', { name: /Họ tên/ });
    // The notice of the opinion just saved, by its number: the previous one's notice is still on screen while a save
    // is in flight, and typing the next speaker then would be wiped when that save clears the form.
    let seq = 0;
    const saved = (n: number) => form.getByRole('status').filter({ hasText: new RegExp(`Đã ghi ý kiến số ${n}\\b`) });
    const say = async (o: { who: string; pick?: boolean; kind: string; content: string; topic?: boolean; spot?: { answer: string } }) => {
      await speaker.click();
      await speaker.fill(o.who);
      if (o.pick) {
        await form.getByRole('listbox').getByRole('option').first().waitFor();
        await speaker.press('Enter');
      }
      await form.getByRole('radio', { name: o.kind, exact: true }).check();
      if (o.topic) await form.getByLabel('Lĩnh vực').selectOption({ index: 2 });
      await form.getByLabel('Nội dung ý kiến').fill(o.content);
      if (o.spot) {
        await form.getByRole('radio', { name: 'Trả lời tại chỗ' }).check();
        await form.getByLabel('Nội dung trả lời').fill(o.spot.answer);
      }
      await form.getByLabel('Nội dung ý kiến').press('Control+Enter');
      await saved(++seq).waitFor();
      await officer.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox');
    };
    await say({ who: 'tran van c', pick: true, kind: 'Kiến nghị', topic: true, content: 'Đề nghị lắp thêm camera an ninh ở ngã ba thôn Đông Hòa.' });
    await say({ who: 'pham thi d', pick: true, kind: 'Phản ánh', content: 'Xe tải chở vật liệu chạy quá tốc độ qua trường tiểu học giờ tan học.' });
    await say({
      who: 'Hoàng Văn Em', pick: true, kind: 'Góp ý', content: 'Thủ tục đăng ký tạm trú cho công nhân thuê trọ cần hướng dẫn rõ hơn.',
      spot: { answer: 'Công an xã hướng dẫn làm trực tuyến trên Cổng dịch vụ công, không cần đến trụ sở.' },
    });
    // A complaint: warned, and no on-the-spot answer offered.
    await speaker.fill('Lê Văn Tâm');
    await speaker.press('Alt+5');
    await expect(form.getByRole('radio', { name: 'Khiếu nại', exact: true }).isChecked()).resolves.toBe(true);
    await form.getByRole('note').filter({ hasText: 'thủ tục riêng' }).waitFor();
    await expect(form.getByRole('radio', { name: 'Trả lời tại chỗ' }).count()).resolves.toBe(0);
    await form.getByLabel('Chức vụ').fill('Người dân');
    await form.getByLabel('Cơ quan, thôn/TDP').fill('Thôn Nam Hòa');
    await form.getByLabel('Nội dung ý kiến').fill('Khiếu nại việc xử phạt vi phạm hành chính về trật tự xây dựng chưa đúng đối tượng.');
    await shot(officer, '06-capture-complaint', true);
    await form.getByLabel('Nội dung ý kiến').press('Control+Enter');
    await saved(++seq).waitFor();
    await say({ who: 'Ngô Thị Lan', pick: true, kind: 'Khen ngợi', content: 'Cảm ơn Công an xã đã tuần tra đêm, tình trạng trộm cắp giảm hẳn.' });
    const items = officer.locator('.conf-op-list > li');
    // The list reloads after the notice: wait for the fifth entry before counting.
    await items.nth(4).waitFor();
    await expect.poll(() => items.count()).toBe(5);
    await expect(items.first().getAttribute('data-seq')).resolves.toBe('5');
    await shot(officer, '07-capture-list', true);
    expect(await seriousA11yProblems(officer)).toEqual([]);
    const rows = await server.database.db.selectFrom('conference_opinions as o').innerJoin('feedback_items as i', 'i.id', 'o.item_id')
      .select(['o.seq', 'o.answer_mode', 'i.kind', 'i.state', 'i.outcome', 'i.channel', 'i.topic_code']).where('o.conference_id', '=', conferenceId).orderBy('o.seq').execute();
    expect(rows.map((r) => [r.kind, r.answer_mode, r.state])).toEqual([
      ['request', 'writing', 'received'], ['report', 'writing', 'received'], ['suggestion', 'spot', 'closed'],
      ['complaint', 'writing', 'received'], ['praise', 'writing', 'received'],
    ]);
    expect(rows.every((r) => r.channel === 'conference')).toBe(true);
    expect(rows[0]!.topic_code).toBeTruthy();
    // The register item opens from the list.
    await items.last().getByRole('link', { name: /Sổ số/ }).click();
    await officer.getByTestId('tracking-code').waitFor();
    await officer.goBack();
    await officer.getByRole('form', { name: 'Ghi ý kiến' }).waitFor();
  });

  it('officer: marks it held; the follow-up lists every opinion', async () => {
    await tab(officer, 'Kế hoạch').click();
    await officer.getByRole('button', { name: 'Xác nhận đã tổ chức' }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã xác nhận hội nghị đã tổ chức.' }).waitFor();
    await tab(officer, 'Sau hội nghị').click();
    await officer.getByLabel('Diễn biến hội nghị').fill('Đồng chí Trưởng Công an xã báo cáo kết quả công tác năm; 5 ý kiến của đại biểu và Nhân dân.');
    await officer.getByLabel('Kết luận của chủ trì').fill('Công an xã tiếp thu, trả lời bằng văn bản các ý kiến chưa trả lời tại chỗ.');
    await officer.getByRole('button', { name: 'Lưu', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();
    await officer.locator('.conf-follow-table tbody tr').nth(4).waitFor();
    await shot(officer, '08-after', true);
  });

  it('officer: adds a photo for the public page; the list and a phone show the conference', async () => {
    await tab(officer, 'Ảnh').click();
    const jpeg = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 30, g: 110, b: 70 } } }).jpeg().toBuffer();
    await officer.getByLabel('Tệp ảnh').setInputFiles({ name: 'hoi-nghi.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await officer.getByLabel('Chú thích').first().fill('Quang cảnh hội nghị');
    await officer.getByRole('button', { name: 'Tải ảnh lên' }).click();
    await officer.getByRole('status').filter({ hasText: 'Đã thêm ảnh.' }).waitFor();
    const card = officer.locator('.conf-photo').first();
    await card.getByRole('checkbox', { name: 'Hiện trên trang công khai' }).check();
    await expect.poll(async () => (await server.database.db.selectFrom('conference_photos').select('public').where('conference_id', '=', conferenceId).executeTakeFirst())?.public).toBe(1);
    await shot(officer, '08b-photos');
    await officer.locator('.mainnav').getByRole('link', { name: 'Hội nghị', exact: true }).click();
    await officer.locator(`tr[data-conference="${conferenceId}"]`).waitFor();
    await shot(officer, '08c-list');
    await officer.setViewportSize(PHONE);
    await shot(officer, '08c-phone-list', true);
    await officer.goto(`/console/conferences/${conferenceId}?tab=capture`);
    await officer.getByRole('form', { name: 'Ghi ý kiến' }).waitFor();
    await shot(officer, '08d-phone-capture', true);
    await officer.goto(`/console/conferences/new`);
    await officer.getByRole('form', { name: 'Lập kế hoạch hội nghị' }).waitFor();
    await shot(officer, '08e-phone-plan', true);
    await officer.context().close();
  });

  it('leader: publishes the summary; the overview shows the commune', async () => {
    leader = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(leader, 'lanhdao.thieuhoa');
    await leader.goto(`/console/conferences/${conferenceId}?tab=after`);
    await leader.getByLabel('Nội dung công khai').fill(SUMMARY);
    await leader.getByRole('button', { name: 'Công khai', exact: true }).click();
    await leader.getByRole('status').filter({ hasText: 'Đã công khai kết quả hội nghị.' }).waitFor();
    await leader.getByTestId('public-link').waitFor();
    expect(await seriousA11yProblems(leader)).toEqual([]);
    await shot(leader, '09-published', true);
    await leader.goto('/console/conferences/overview');
    await leader.locator('.conf-ov-table tbody tr').first().waitFor();
    await shot(leader, '10-overview');
  });

  it('anyone: reads the summary on the public page from a phone', async () => {
    const visitor = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'vi-VN', baseURL: server.origin });
    const page = await visitor.newPage();
    const res = await page.goto(`/hn/${publicCode}`);
    expect(res?.status()).toBe(200);
    await expect(page.textContent('body')).resolves.toContain(SUMMARY);
    await shot(page, '11-public', true);
    await visitor.close();
  });

  it('leader: makes the minutes — draft, issue, the DOCX carries the venue', async () => {
    await leader.goto(`/console/conferences/${conferenceId}?tab=documents`);
    await leader.getByRole('button', { name: 'Tạo biên bản' }).click();
    await leader.locator('[data-draft] form.draft-editor').waitFor();
    await shot(leader, '12-draft', true);
    // Issuing numbers it for good: the editor asks first.
    leader.on('dialog', (d) => void d.accept());
    await leader.getByRole('button', { name: 'Ban hành', exact: true }).click();
    const link = leader.getByRole('link', { name: 'Tải DOCX' }).first();
    await link.waitFor();
    const [download] = await Promise.all([leader.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const docx = fs.readFileSync(file!);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const xml = unzipEntry(docx, 'word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain(VENUE);
    await shot(leader, '13-issued', true);
  });

  it('province leader: the overview by commune, those not held yet marked, sortable', async () => {
    const page = await openPage(browser, server.origin, { viewport: DESKTOP });
    await login(page, 'lanhdao.tinh');
    await page.locator('.mainnav').getByRole('link', { name: 'Hội nghị', exact: true }).click();
    await page.getByRole('link', { name: 'Tổng hợp theo đơn vị' }).click();
    const table = page.locator('.conf-ov-table');
    await table.locator('tbody tr').first().waitFor();
    const thieuHoa = table.locator('tbody tr').filter({ hasText: 'Công an xã Thiệu Hóa' });
    expect(await thieuHoa.getAttribute('class')).toBeNull();
    expect(await table.locator('tr.conf-not-held').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Ý kiến' }).click();
    await page.getByRole('button', { name: 'Ý kiến' }).click();
    await expect(table.locator('thead th[aria-sort="descending"]').textContent()).resolves.toContain('Ý kiến');
    await expect(table.locator('tbody tr').first().textContent()).resolves.toContain('Thiệu Hóa');
    await shot(page, '14-province-overview');

    // The province's documents: every commune's in its scope, and the unit filter says so.
    await page.locator('.mainnav').getByRole('link', { name: 'Văn bản', exact: true }).click();
    await page.getByRole('heading', { name: 'Văn bản đã ban hành' }).waitFor();
    const unitFilter = page.getByLabel('Đơn vị', { exact: true }).first();
    await expect.poll(() => unitFilter.locator('option:checked').textContent()).toBe('Tất cả đơn vị trong phạm vi');
    await expect.poll(async () => new Set(await page.locator('table tbody tr td:nth-child(4)').allTextContents()).size)
      .toBeGreaterThanOrEqual(2);
    await page.context().close();
  });
});
