// Browser test: Debian's Chromium driven by playwright-core against a running `docket demo`.
// sign in → file a case (a refused filing first) → it appears in 我的案件 → close it → the 首页
// figure changes. Screenshots of each page go to $ARTIFACTS.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';

const base = process.env.DOCKET_URL ?? 'http://127.0.0.1:18089';
const artifacts = process.env.ARTIFACTS ?? 'artifacts/browser';
const password = process.env.DEMO_PASSWORD ?? 'docket-demo';
const clerk = process.env.FILING_USER ?? 'nm0203-filing_clerk';
const judge = process.env.JUDGE_USER ?? 'nm0203-j002';
const judgeCode = process.env.JUDGE_CODE ?? 'J002';
const admin = process.env.ADMIN_USER ?? 'nm0203-admin';
const auditor = process.env.AUDITOR_USER ?? 'nm0203-auditor';
const divisionHead = process.env.DIVISION_HEAD_USER ?? 'nm0203-j003';
const president = process.env.PRESIDENT_USER ?? 'nm0203-j001';
const courtClerk = process.env.CLERK_USER ?? 'nm0203-clerk';
const higherViewer = process.env.HIGHER_VIEWER_USER ?? 'nm-higher_court_viewer';
const lawyerUser = process.env.LAWYER_USER ?? 'lawyer1';
const docketBin = process.env.DOCKET_BIN ?? 'target/debug/docket';
mkdirSync(artifacts, { recursive: true });

function check(ok, what) {
  if (!ok) throw new Error(`failed: ${what}`);
  console.log(`ok: ${what}`);
}

for (let i = 0; ; i++) {
  try { if ((await fetch(`${base}/login`)).ok) break; } catch { /* not up yet */ }
  if (i > 600) throw new Error(`server at ${base} did not come up`);
  await new Promise(r => setTimeout(r, 500));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
// A Word document (.docx) of the given paragraphs, as a court's clerk would save one: a ZIP of
// the three parts a reader needs, each deflated.
function docx(paragraphs) {
  const esc = t => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const parts = [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${paragraphs.map(p => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`],
  ];
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const raw = Buffer.from(text, 'utf8'), packed = deflateRawSync(raw), fileName = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x0800, 6); head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(raw), 14); head.writeUInt32LE(packed.length, 18); head.writeUInt32LE(raw.length, 22); head.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(raw.length, 24); central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, fileName, packed);
    centrals.push(central, fileName);
    offset += head.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const shot = name => page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });

async function signIn(user) {
  await page.goto(`${base}/login`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/login')), page.click('#sign-in')]);
  check((await page.textContent('#who')).length > 0, `${user} signed in`);
}

async function closedFigure() {
  await page.goto(`${base}/`);
  const text = await page.textContent('a[data-indicator="closed"] .value');
  return Number(text.trim());
}

try {
  await page.goto(`${base}/login`);
  await shot('01-login');
  await page.fill('#username', clerk);
  await page.fill('#password', 'wrong-password');
  await page.click('#sign-in');
  check((await page.textContent('#login-error')).includes('用户名或密码错误'), 'a wrong password is refused in Chinese');

  await signIn(clerk);
  await page.goto(`${base}/file`);
  await page.selectOption('#type', '民初');
  await page.selectOption('#procedure', 'ordinary');
  await page.fill('#cause', '买卖合同纠纷');
  // The 诉讼费 follows the amount as it is typed: 8,600 元 is 50 + 0; 86,000 is 50 + 76,000 × 2.5%.
  await page.fill('#claim_amount', '8600');
  await page.waitForFunction(() => (document.querySelector('#fee-estimate-total') || {}).textContent === '50.00');
  await page.fill('#claim_amount', '86000');
  await page.waitForFunction(() => (document.querySelector('#fee-estimate-total') || {}).textContent === '1950.00');
  check((await page.textContent('#fee-estimate')).includes('诉讼费用交纳办法第十三条第（一）项'), 'the filing form shows the fee (1950.00) with its article as the amount is typed');
  await page.selectOption('#judge', judgeCode);
  await page.fill('#p0_name', '某建材有限公司');
  await page.selectOption('select[name=p0_kind]', 'organization');
  await page.fill('#p1_name', '张三');
  await page.fill('#p1_id', '150203199001011231');
  // The 繁简分流 suggestion follows the form as it is filled in (our own small script).
  await page.waitForFunction(() => (document.querySelector('#suggestion') || {}).textContent?.includes('简易程序'));
  check(true, 'the 繁简分流 suggestion appears before the form is submitted');
  await Promise.all([page.waitForLoadState(), page.click('#submit-filing')]);
  const idError = await page.textContent('#error-p1_id');
  check(idError.includes('校验码'), `a bad ID number is refused at its field: ${idError}`);
  await shot('02-filing-refused');
  await page.fill('#p1_id', '150203199001011232');
  await Promise.all([page.waitForURL(/\/cases\//), page.click('#submit-filing')]);
  const caseNo = (await page.textContent('#case-no')).trim();
  check(/^（\d{4}）内0203民初\d+号$/.test(caseNo), `filed as ${caseNo}`);
  await shot('03-case-filed');
  // The advance fee paid at the 立案 window, recorded on the case.
  check((await page.textContent('#fee-owed')).includes('1950.00'), 'the case page says 1950.00 is to be paid within seven days');
  await page.fill('#action-fee_paid input[name=amount]', '1950.00');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-fee_paid button[type=submit]')]);
  check((await page.textContent('#fee-paid')).includes('1950.00') && !(await page.isVisible('#fee-owed')), 'the 立案员 records the fee paid');
  // A second filing with the same party: the case just filed is named as related.
  await page.goto(`${base}/file`);
  await page.fill('#p0_name', '张三');
  await page.fill('#p0_id', '150203199001011232');
  await page.waitForFunction(no => (document.querySelector('#related') || {}).textContent?.includes(no), caseNo);
  check(true, `关联案件提示 names ${caseNo} while the next filing is typed`);
  await shot('03b-related-case-hint');
  // A second filing, left unassigned for the 庭长's 待分案.
  await page.goto(`${base}/file`);
  await page.selectOption('#type', '民初');
  await page.selectOption('#procedure', 'simple');
  await page.fill('#cause', '民间借贷纠纷');
  await page.fill('#p0_name', '赵六');
  await page.fill('#p1_name', '钱七');
  await Promise.all([page.waitForURL(/\/cases\//), page.click('#submit-filing')]);
  const waitingNo = (await page.textContent('#case-no')).trim();
  check(/内0203民初/.test(waitingNo), `filed ${waitingNo} without a judge`);
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);

  // 待分案: the 庭长 assigns it from the queue's row.
  await signIn(divisionHead);
  check(await page.isVisible('#queue-to_assign'), 'the header counts 待分案');
  await page.goto(`${base}/queues/to_assign`);
  const row = page.locator('#queue tr', { hasText: waitingNo });
  await row.locator('select[name=judge]').selectOption(judgeCode);
  await Promise.all([page.waitForURL(/\/queues\/to_assign\?done=/), row.locator('button').click()]);
  check((await page.textContent('#queue-notice')).includes(waitingNo), `the 庭长 assigned ${waitingNo} from 待分案`);
  check(!(await page.textContent('#queue')).includes(waitingNo), 'and it left the queue');
  await shot('04a-queue-assigned');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);

  // 延长审限: the judge asks, the 院长 refuses with a reason from 待审批, the judge reads it.
  await signIn(judge);
  await page.goto(`${base}/cases/${encodeURIComponent(waitingNo)}`);
  await Promise.all([page.waitForURL(/done=/), page.click('#action-extension_requested button[type=submit]')]);
  check((await page.textContent('#notice')).includes('申请延长审限'), 'the judge asks for an extension');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(president);
  await page.goto(`${base}/queues/approvals`);
  const request = page.locator('#queue tr', { hasText: waitingNo });
  const reason = '延长理由不充分，请补充案件疑难复杂的具体情形';
  await request.locator('.refuse-form input[name=reason]').fill(reason);
  await Promise.all([page.waitForURL(/\/queues\/approvals\?done=/), request.locator('.refuse-form button').click()]);
  check((await page.textContent('#queue-notice')).includes('不批准延长审限'), 'the 院长 refuses it with a reason');
  await shot('04b-extension-refused');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(judge);
  await page.goto(`${base}/cases/${encodeURIComponent(waitingNo)}`);
  check((await page.content()).includes(`不批准延长审限：${reason}`), "the judge reads the refusal and its reason on the case");
  check(Number((await page.textContent('#notifications b')).trim()) >= 1, "the judge's header counts an unread notification");
  await page.click('#notifications');
  await page.waitForURL(/\/notifications/);
  check((await page.textContent('#notices')).includes(reason), 'the notification names the reason');
  await shot('04b2-notification');
  await Promise.all([page.waitForNavigation(), page.click('#mark-read')]);
  check((await page.textContent('#notifications b')).trim() === '0', 'and is marked read');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);

  // 排期冲突: the 书记员 sets two hearings on one day in one courtroom and is warned.
  await signIn(courtClerk);
  const hearingDay = new Date(Date.now() + 9 * 86400000).toISOString().slice(0, 10);
  const other = await page.evaluate(async () => {
    const r = await fetch('/api/v1/cases?status=open&type=%E6%B0%91%E5%88%9D&per_page=5');
    return (await r.json()).cases.map(c => c.case_no);
  });
  const second = other.find(n => n !== waitingNo);
  for (const no of [waitingNo, second]) {
    await page.goto(`${base}/cases/${encodeURIComponent(no)}`);
    await page.fill('#action-hearing_scheduled input[name=hearing_on]', hearingDay);
    await page.fill('#action-hearing_scheduled input[name=room]', '第九法庭');
    await Promise.all([page.waitForURL(/done=/), page.click('#action-hearing_scheduled button[type=submit]')]);
  }
  check((await page.textContent('#notice')).includes('排期冲突提醒'), `the second hearing in 第九法庭 on ${hearingDay} is warned about`);
  await shot('04c-hearing-clash');
  await page.goto(`${base}/calendar?date=${hearingDay}&room=${encodeURIComponent('第九法庭')}`);
  check((await page.locator('#calendar a.hearing.clash').count()) === 2, 'the calendar marks both hearings as a clash');
  await shot('04d-calendar');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);

  await signIn(judge);
  await page.goto(`${base}/my`);
  check((await page.content()).includes(caseNo), '我的案件 lists the new case');
  await shot('04-my-cases');
  const before = await closedFigure();
  await shot('05-home-before');

  await page.click(`text=${caseNo}`).catch(async () => page.goto(`${base}/cases/${encodeURIComponent(caseNo)}`));
  await page.goto(`${base}/cases/${encodeURIComponent(caseNo)}`);
  await page.selectOption('#action-closed select[name=method]', 'mediation');
  check(!(await page.textContent('#action-closed select[name=method]')).includes('维持原判'), 'a 民初 is not offered 维持原判');
  await page.check('#action-closed input[name=confirm]');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-closed button[type=submit]')]);
  check((await page.textContent('#notice')).includes('结案'), 'the close is recorded');
  // Closed by mediation: the fee halves (§15) and the other half is due back within 15 days.
  const refundBy = new Date(Date.now() + 15 * 86400e3).toISOString().slice(0, 10);
  check((await page.textContent('#fee-total')).trim() === '975.00', 'closed by mediation, the fee halves to 975.00');
  const refund = await page.textContent('#fee-refund-due');
  check(refund.includes('975.00') && refund.includes(refundBy), `975.00 is due back by ${refundBy}: ${refund}`);
  await shot('06-case-closed');

  const after = await closedFigure();
  await shot('07-home-after');
  check(after === before + 1, `首页 结案数 ${before} → ${after}`);
  await Promise.all([page.waitForURL(/\/metrics\/explain/), page.click('a[data-indicator="closed"]')]);
  const behind = await page.textContent('section.explain-list h2');
  // The list is paged (a basic court closes thousands); the API walks it to the new case.
  const found = await page.evaluate(async no => {
    const q = new URL(location.href).search;
    for (let offset = 0; offset < 100000; offset += 1000) {
      const j = await (await fetch(`/api/v1/metrics/explain${q}&limit=1000&offset=${offset}`)).json();
      if (j.numerator.cases.includes(no)) return true;
      if (offset + 1000 >= j.numerator.count) return false;
    }
    return false;
  }, caseNo);
  check(behind.includes(`（${after} 件）`) && found, `the 首页 figure opens its ${after} cases, the one just closed among them`);
  await page.goto(`${base}/my`);
  check(!(await page.content()).includes(caseNo), 'the closed case left 我的案件');
  // 案件查询 from the header's box: by the ID number of the case's party, by the middle of the
  // other party's name, by part of its 案号;
  // then page 2 of a long list.
  await page.fill('#header-search', '150203199001011232');
  await Promise.all([page.waitForURL(/\/cases\?q=/), page.press('#header-search', 'Enter')]);
  check((await page.textContent('#search-results')).includes(caseNo), "the header's box finds the case by its party's ID number");
  await page.fill('#header-search', '建材有限');
  await Promise.all([page.waitForURL(/q=%E5%BB%BA%E6%9D%90/), page.press('#header-search', 'Enter')]);
  check((await page.textContent('#search-results')).includes(caseNo), 'the middle of a party\'s name (建材有限 of 某建材有限公司) finds it');
  const part = caseNo.replace(/^（\d{4}）/, '').replace(/号$/, '');
  await page.goto(`${base}/cases?q=${encodeURIComponent(part)}`);
  check((await page.textContent('#search-results')).includes(caseNo), `part of the 案号 (${part}) finds it`);
  await shot('08a-search');
  await page.goto(`${base}/cases?status=closed`);
  await Promise.all([page.waitForURL(/page=2/), page.click('#search-next')]);
  check((await page.textContent('#search-total')).includes('第 2/'), 'page 2 of the closed cases');
  await shot('08b0-search-page-2');
  await page.goto(`${base}/metrics?by=month`);
  await shot('08-metrics');
  await page.goto(`${base}/metrics?by=judge&chart=closure_rate`);
  check(await page.isVisible('#side-by-side'), 'the judges side by side on 结案率');
  await shot('08b-metrics-side-by-side');
  await page.goto(`${base}/metrics`);
  await page.click('table.metrics tr:has-text("受理案件数") a');
  const listed = await page.textContent('section.explain-list h2');
  check(/（\d+ 件）/.test(listed), `a value drills down to its cases: ${listed}`);
  await shot('08c-metrics-drill-down');
  await page.goto(`${base}/reports?kind=annual&period=2025`);
  check((await page.textContent('#report')).includes('共受理各类案件'), 'the annual report draft is shown');
  await shot('09-report');
  await page.goto(`${base}/cases/${encodeURIComponent(caseNo)}`);
  await shot('10-case-evidence-and-bundles');
  // The second locale: the header's switch turns the pages to English and back.
  await page.goto(`${base}/`);
  await Promise.all([page.waitForLoadState('load'), page.click('#lang-switch')]);
  check((await page.getAttribute('html', 'lang')) === 'en', 'the switch turns the page to English');
  check((await page.textContent('header nav')).includes('Home'), 'the navigation is in English');
  check((await page.textContent('a[data-indicator="closed"] .name')).includes('Cases closed'), 'the indicator cards are in English');
  await shot('11-home-english');
  await page.goto(`${base}/cases/${encodeURIComponent(caseNo)}`);
  check((await page.content()).includes('Particulars'), 'the case page is in English');
  await shot('12-case-english');
  await Promise.all([page.waitForLoadState('load'), page.click('#lang-switch')]);
  check((await page.getAttribute('html', 'lang')) === 'zh-CN', 'and back to Chinese on the same page');

  // 上级法院查看: 首页 and 案件 open on the courts below, and the alert agrees with the card.
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(higherViewer);
  check((await page.textContent('h1')).includes('含下级法院'), "the higher court's 首页 opens on its lower courts");
  const accepted = Number((await page.textContent('a[data-indicator="accepted"] .value')).trim());
  check(accepted > 1000, `it sees their work: ${accepted} cases accepted this year`);
  const overdueCard = Number((await page.textContent('a[data-indicator="overdue_pending"] .value')).trim());
  const overdueChip = Number((await page.textContent('a.alert[href*="alert=overdue"] .count')).trim());
  // The chip also counts 诉前调解 past their 30 days (and says how many); the card does not.
  const parkedChip = page.locator('a.alert[href*="alert=overdue"] .premediation b');
  const parked = (await parkedChip.count()) > 0 ? await parkedChip.textContent() : '0';
  check(overdueCard === overdueChip - Number(parked.trim()), `the overdue chip (${overdueChip}, ${parked} of them 诉前调解) agrees with the card (${overdueCard})`);
  await shot('10b-higher-court-home');
  await page.goto(`${base}/cases`);
  const lowerTotal = Number(await page.getAttribute('[data-total]', 'data-total'));
  check(lowerTotal > 1000, `its 案件 lists the lower courts' cases (${lowerTotal})`);
  await shot('10c-higher-court-cases');

  // Accounts: the administrator disables the filing clerk, whose sign-in is then refused, and
  // enables the account again; the 审计员 finds both in the audit trail by its filter.
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(admin);
  await page.goto(`${base}/admin/users`);
  await Promise.all([page.waitForLoadState(), page.click(`tr[data-user="${clerk}"] form[action$="/disable"] button`)]);
  check((await page.textContent('#notice')).includes('已停用'), 'the administrator disables an account');
  check((await page.textContent(`tr[data-user="${clerk}"] .state`)).includes('已停用'), 'the table shows it disabled');
  await shot('13-users-disabled');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await page.fill('#username', clerk);
  await page.fill('#password', password);
  await page.click('#sign-in');
  check((await page.textContent('#login-error')).includes('用户名或密码错误'), 'a disabled account cannot sign in, and reads as unknown');
  await signIn(admin);
  await page.goto(`${base}/admin/users`);
  await Promise.all([page.waitForLoadState(), page.click(`tr[data-user="${clerk}"] form[action$="/enable"] button`)]);
  check((await page.textContent(`tr[data-user="${clerk}"] .state`)).includes('正常'), 'and enables it again');
  // An account edited: the filing clerk's name, from the row's 修改 form (its role kept).
  const userRow = page.locator(`tr[data-user="${clerk}"]`);
  await userRow.locator('details.edit-user summary').click();
  await userRow.locator('details.edit-user input[name=name]').fill('立案员甲');
  await Promise.all([page.waitForLoadState(), userRow.locator('details.edit-user button').click()]);
  check((await page.textContent('#notice')).includes('已修改'), 'the administrator edits an account');
  check((await page.textContent(`tr[data-user="${clerk}"]`)).includes('立案员甲'), 'the table shows the new name');
  await shot('13b-users-edited');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(auditor);
  await page.goto(`${base}/audit`);
  await page.selectOption('#audit-filters select[name=action]', 'disable_user');
  await Promise.all([page.waitForURL(/action=disable_user/), page.click('#audit-filters button')]);
  const trail = await page.textContent('#audit');
  check(trail.includes(clerk) && trail.includes('停用用户'), 'the audit trail, filtered by kind, names the disabled account');
  await shot('14-audit-filtered');
  await page.goto(`${base}/account`);
  check((await page.textContent('#change-password')).includes('修改密码'), '我的账户 offers a password change');

  // 审管台账: the intermediate court's 审管办 hands down a campaign listing the basic court's open
  // case; the judge closes it; the campaign's 清积率 moves. Then a rectification item is 销号.
  const manager = process.env.MANAGER_USER ?? 'nm02-trial_management';
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(manager);
  await page.click('#nav-manage');
  await page.waitForURL(/\/manage\/campaigns/);
  const until = new Date(Date.now() + 90 * 86400e3).toISOString().slice(0, 10);
  await page.fill('#open-campaign input[name=id]', '浏览器-清理');
  await page.fill('#open-campaign input[name=name]', '长期未结案件专项清理');
  await page.fill('#open-campaign input[name=to]', until);
  await page.fill('#open-campaign textarea[name=cases]', `${waitingNo} J001`);
  await Promise.all([page.waitForURL(/\/manage\/campaigns\?court=/), page.click('#open-campaign button')]);
  const campaign = page.locator('[id="campaign-浏览器-清理"]');
  check((await campaign.locator('.listed').textContent()).trim() === '1', 'the 审管办 opens a campaign listing one case');
  check((await campaign.locator('.clearance-rate').textContent()).trim() === '0.00%', 'its 清积率 starts at 0.00%');
  await shot('16-campaign-opened');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(judge);
  await page.goto(`${base}/cases/${encodeURIComponent(waitingNo)}`);
  await page.selectOption('#action-closed select[name=method]', 'judgment');
  await page.check('#action-closed input[name=confirm]');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-closed button[type=submit]')]);
  check((await page.textContent('#notice')).includes('结案'), `the basic court's judge closes the listed ${waitingNo}`);
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(manager);
  await page.goto(`${base}/manage/campaigns`);
  check((await campaign.locator('.cleared').textContent()).trim() === '1', 'the campaign counts it cleared');
  check((await campaign.locator('.clearance-rate').textContent()).trim() === '100.00%', 'and its 清积率 is now 100.00%');
  await shot('17-campaign-cleared');
  await page.goto(`${base}/manage/ledger`);
  await page.fill('#add-item input[name=ledger]', '浏览器-台账');
  await page.fill('#add-item input[name=problem]', '卷宗归档不及时');
  await page.fill('#add-item input[name=measure]', '建立归档周通报');
  await page.fill('#add-item input[name=due_on]', until);
  await Promise.all([page.waitForURL(/\/manage\/ledger\?court=/), page.click('#add-item button')]);
  const item = page.locator('[id="item-浏览器-台账-1"]');
  check((await item.locator('.state').textContent()).includes('整改中'), 'a rectification item is added');
  await item.locator('select[name=type]').selectOption('closed');
  await item.locator('input[name=note]').fill('整改到位');
  await Promise.all([page.waitForURL(/\/manage\/ledger\?court=/), item.locator('button').click()]);
  check((await item.locator('.state').textContent()).includes('已销号'), 'and closed (销号) from its row');
  await shot('18-ledger-closed');

  // 执行: the 执行员 records 报告财产令, 网络查控 and 限制消费令 on a case past its three months and
  // closes it by 终本: 合格. A case not yet three months old closed by 终本: 不合格, and why.
  const officer = process.env.OFFICER_USER ?? 'nm0203-enforcement_officer';
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(officer);
  await page.click('#nav-enforcement');
  await page.waitForURL(/\/enforcement/);
  await shot('19-enforcement');
  const today = new Date().toISOString().slice(0, 10);
  const reaching = await page.$$eval('#reaching tbody tr', rows => rows.map(r => ({
    no: r.querySelector('td a').textContent.trim(),
    three: r.querySelectorAll('td')[3].textContent.trim(),
  })));
  check(reaching.length > 1, `the 执行 page lists ${reaching.length} open cases reaching three months`);
  // A ripe case with no obstruction recorded (an unanswered one would make any 终本 不合格).
  let ripe = null;
  for (const r of reaching.filter(r => r.three < today)) {
    await page.goto(`${base}/cases/${encodeURIComponent(r.no)}`);
    if (!(await page.textContent('#timeline')).includes('妨害执行')) { ripe = r.no; break; }
  }
  const young = reaching.find(r => r.three > today)?.no;
  check(ripe && young, `a case past three months (${ripe}) and one not yet (${young})`);
  await page.goto(`${base}/cases/${encodeURIComponent(ripe)}`);
  for (const m of ['property_report_order', 'online_query', 'consumption_restriction']) {
    await page.selectOption('#action-enforcement_measure select[name=measure]', m);
    await Promise.all([page.waitForURL(/done=/), page.click('#action-enforcement_measure button[type=submit]')]);
  }
  check((await page.textContent('#timeline')).includes('执行措施：限制消费令'), 'the measures are on the timeline');
  await page.selectOption('#action-closed select[name=method]', 'enforcement_terminated');
  await page.check('#action-closed input[name=confirm]');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-closed button[type=submit]')]);
  check((await page.textContent('#termination-check')).includes('终本合格'), `${ripe} closed by 终本 reads 合格`);
  await shot('20-termination-lawful');
  await page.goto(`${base}/cases/${encodeURIComponent(young)}`);
  await page.selectOption('#action-closed select[name=method]', 'enforcement_terminated');
  await page.check('#action-closed input[name=confirm]');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-closed button[type=submit]')]);
  const why = await page.textContent('#termination-check');
  check(why.includes('终本不合格') && why.includes('未满三个月'), `${young} closed too early reads 不合格: ${why}`);
  await shot('21-termination-unlawful');
  await page.goto(`${base}/enforcement`);
  check((await page.textContent('#unlawful')).includes(young), 'the 执行 page lists it among the 不合格终本');

  // 终本清仓: the basic court's 审管办 sees the demo's campaign over its 终本 library (cleared as
  // resumed cases close) and opens one of its own with an empty list, which takes the library.
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(process.env.BASIC_MANAGER_USER ?? 'nm0203-trial_management');
  await page.goto(`${base}/manage/campaigns`);
  const demoClearance = page.locator('section.campaign', { has: page.locator('.scope') }).first();
  const demoListed = Number((await demoClearance.locator('.listed').textContent()).trim());
  const demoCleared = Number((await demoClearance.locator('.cleared').textContent()).trim());
  check(demoListed > 20 && demoCleared > 0 && demoCleared < demoListed, `the demo's 终本清仓 lists ${demoListed} library cases, ${demoCleared} cleared`);
  check((await demoClearance.locator('td.resumed a').count()) > 0, 'its lines name the resumed 执恢 cases');
  await page.fill('#open-campaign input[name=id]', '浏览器-终本清仓');
  await page.fill('#open-campaign input[name=name]', '终本案件清仓');
  await page.selectOption('#campaign-scope', 'terminated');
  await page.fill('#open-campaign input[name=to]', until);
  await Promise.all([page.waitForURL(/\/manage\/campaigns\?court=/), page.click('#open-campaign button')]);
  const library = Number((await page.locator('[id="campaign-浏览器-终本清仓"] .listed').textContent()).trim());
  check(library > 20, `an empty list takes the 终本 library: ${library} cases`);
  await shot('22-termination-clearance');

  // 四类案件 and 阅核: a case filed for the judge is marked and sent to the 庭长, who returns it
  // with a note; sent again and approved, it closes (refused before).
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(clerk);
  await page.goto(`${base}/file`);
  await page.selectOption('#type', '民初');
  await page.selectOption('#procedure', 'ordinary');
  await page.fill('#cause', '买卖合同纠纷');
  await page.selectOption('#judge', judgeCode);
  await page.fill('#p0_name', '某供热有限公司');
  await page.selectOption('select[name=p0_kind]', 'organization');
  await page.fill('#p1_name', '孙八');
  await Promise.all([page.waitForURL(/\/cases\//), page.click('#submit-filing')]);
  const marked = (await page.textContent('#case-no')).trim();
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(judge);
  await page.goto(`${base}/cases/${encodeURIComponent(marked)}`);
  await page.selectOption('#action-supervision_flagged select[name=category]', 'major_complex');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-supervision_flagged button[type=submit]')]);
  check((await page.textContent('#supervision-flag')).includes('重大疑难复杂敏感'), `the judge marks ${marked} as a 四类案件`);
  await page.selectOption('#action-closed select[name=method]', 'judgment');
  await page.check('#action-closed input[name=confirm]');
  await Promise.all([page.waitForLoadState(), page.click('#action-closed button[type=submit]')]);
  check((await page.textContent('#action-closed .field-error')).includes('法发〔2021〕30号'), 'closing before an approved reading is refused, naming the rule');
  await page.goto(`${base}/cases/${encodeURIComponent(marked)}`);
  await page.selectOption('#action-reading_requested select[name=reviewer]', 'J003');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-reading_requested button[type=submit]')]);
  check((await page.textContent('#reading-pending')).length > 0, 'the judge sends the draft for 阅核');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(divisionHead);
  await page.goto(`${base}/queues/reading`);
  check((await page.textContent('#queue')).includes(marked), 'the 庭长 finds it in 待阅核');
  await page.goto(`${base}/cases/${encodeURIComponent(marked)}`);
  await page.selectOption('#action-reading_done select[name=result]', 'returned');
  await page.fill('#action-reading_done input[name=note]', '请补充对违约责任的说理');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-reading_done button[type=submit]')]);
  check((await page.textContent('#reading-returned')).includes('请补充对违约责任的说理'), 'the 庭长 returns it with a note');
  await shot('23-reading-returned');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(judge);
  await page.goto(`${base}/cases/${encodeURIComponent(marked)}`);
  check((await page.textContent('#reading-returned')).includes('违约责任'), 'the judge reads the note');
  await page.selectOption('#action-reading_requested select[name=reviewer]', 'J003');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-reading_requested button[type=submit]')]);
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(divisionHead);
  await page.goto(`${base}/cases/${encodeURIComponent(marked)}`);
  await page.selectOption('#action-reading_done select[name=result]', 'approved');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-reading_done button[type=submit]')]);
  check(await page.isVisible('#reading-approved'), 'sent again, the 庭长 approves it');
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(judge);
  await page.goto(`${base}/cases/${encodeURIComponent(marked)}`);
  await page.selectOption('#action-closed select[name=method]', 'judgment');
  await page.check('#action-closed input[name=confirm]');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-closed button[type=submit]')]);
  check((await page.textContent('#notice')).includes('结案'), `approved, ${marked} closes`);
  await shot('24-reading-approved-closed');

  // 案件评查: the 审管办 draws a batch of the two cases just closed, grades both and downloads
  // the 评查通报.
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(process.env.BASIC_MANAGER_USER ?? 'nm0203-trial_management');
  await page.goto(`${base}/manage/reviews`);
  check((await page.locator('#batches tbody tr').count()) >= 2, 'the demo\'s review batches are listed');
  await page.fill('#draw-batch input[name=id]', '浏览器-评查');
  await page.fill('#draw-batch input[name=name]', '结案案件抽查');
  await page.fill('#draw-batch input[name=to]', until);
  await page.fill('#draw-batch textarea[name=cases]', `${caseNo}\n${marked}`);
  await Promise.all([page.waitForURL(/batch=/), page.click('#draw-batch button[type=submit]')]);
  check((await page.locator('#batch-cases tr.review-line').count()) === 2, 'the batch lists the two cases');
  const graded1 = page.locator('#batch-cases tr.review-line', { hasText: caseNo });
  await graded1.locator('input[name=score]').fill('93');
  await graded1.locator('select[name=grade]').selectOption('excellent');
  await Promise.all([page.waitForURL(/batch=/), graded1.locator('button').click()]);
  const graded2 = page.locator('#batch-cases tr.review-line', { hasText: marked });
  await graded2.locator('input[name=score]').fill('68');
  await graded2.locator('select[name=grade]').selectOption('flawed');
  await graded2.locator('textarea[name=findings]').fill('送达回证不全');
  await graded2.locator('input[name=rectify]').check();
  await Promise.all([page.waitForURL(/batch=/), graded2.locator('button').click()]);
  check((await page.locator('#batch-cases td.grade-flawed').count()) === 1 && (await page.locator('#batch-cases td.grade-excellent').count()) === 1, 'two cases graded: 优秀 and 瑕疵');
  await shot('25-review-batch');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#bulletin-docx')]);
  const path = `${artifacts}/评查通报.docx`;
  await download.saveAs(path);
  const { statSync, readFileSync } = await import('node:fs');
  check(statSync(path).size > 2000 && readFileSync(path).subarray(0, 2).toString() === 'PK', `the 评查通报 downloads as DOCX (${statSync(path).size} bytes)`);
  await page.goto(`${base}/manage/ledger`);
  check((await page.textContent('body')).includes('送达回证不全'), 'the finding opened an item of the 整改台账');
  // The judgment chosen as a model document (distinguished) shows on its page.
  await page.goto(`${base}/cases/${encodeURIComponent(caseNo)}`);
  await page.selectOption('#action-distinguished select[name=honour]', 'model_document');
  await Promise.all([page.waitForURL(/done=/), page.click('#action-distinguished button[type=submit]')]);
  check((await page.textContent('#distinguished')).includes('优秀文书'), `${caseNo} is marked as a 优秀文书`);
  // 绩效考核: the demo's scheme scores the judges; a manual mark entered for the 庭长 shows in the table.
  await page.goto(`${base}/manage/appraisal`);
  check((await page.locator('#appraisal tbody tr').count()) > 3, 'the judges are scored under the demo\'s scheme');
  await page.selectOption('#manual-scores select[name=item]', '精品案例');
  await page.fill('#manual-scores textarea[name=scores]', 'J003 100');
  await Promise.all([page.waitForURL(/scheme=/), page.click('#manual-scores button[type=submit]')]);
  check((await page.textContent('#subject-J003')).includes('100.00'), 'the 庭长\'s 精品案例 mark of 100 is in the table');
  await shot('26-appraisal');

  // 司法公开 and 类案检索: the judge records the judgment's text, reviews the anonymised text beside
  // the original and publishes it; a phrase of its facts finds it; the 类案检索报告 downloads.
  await Promise.all([page.waitForURL(/\/login/), page.click('header form button')]);
  await signIn(judge);
  await page.goto(`${base}/cases/${encodeURIComponent(caseNo)}`);
  const judgmentParagraphs = [
    '包头市昆都仑区人民法院', '民事判决书', caseNo,
    '原告：某建材有限公司。',
    '被告：张三，公民身份号码150203199001011232，联系电话13912345678。',
    '原告向本院提出诉讼请求：判令被告支付货款86000元。事实和理由：被告购买原告的彩钢瓦板材后以板材色差为由拒付货款。',
    '本院认为，被告未在检验期内提出质量异议，依照《中华人民共和国民法典》第五百七十七条规定，判决如下：',
    '被告张三于本判决生效之日起十日内给付原告某建材有限公司货款86000元。',
  ];
  await page.selectOption('#document-form select[name=doc]', 'judgment');
  // The clerk's Word file is read into the text box, in the browser, to be checked before recording.
  await page.setInputFiles('#document-file', { name: '判决书.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx(judgmentParagraphs) });
  await page.waitForFunction(() => document.querySelector('#document-form textarea[name=text]').value.includes('彩钢瓦板材'));
  check((await page.inputValue('#document-form textarea[name=text]')) === judgmentParagraphs.join('\n'), 'the .docx is read into the text box paragraph by paragraph');
  check((await page.textContent('#document-file-note')).includes('判决书.docx'), 'the form says which file it read');
  await Promise.all([page.waitForURL(/done=/), page.click('#document-form button[type=submit]')]);
  check((await page.textContent('#document-list')).includes('待上网'), 'the judgment is recorded and waits for publication');
  await Promise.all([page.waitForURL(/documents\/1/), page.click('#document-list a.document-review')]);
  const anonymised = await page.textContent('#document-anonymised');
  check(!anonymised.includes('150203199001011232') && !anonymised.includes('13912345678') && anonymised.includes('某建材有限公司'), 'the text to publish has no ID number and no phone, and keeps the company\'s name');
  check((await page.textContent('#document-original')).includes('150203199001011232'), 'the original beside it still shows them');
  await shot('27-anonymised-diff');
  await Promise.all([page.waitForURL(/done=/), page.click('#publish-approve')]);
  check((await page.textContent('#document-list')).includes('已上网公布'), 'approved, the judgment is published');
  await page.goto(`${base}/similar?q=${encodeURIComponent('彩钢瓦板材')}`);
  check((await page.textContent('#similar-total')).includes('1') && (await page.textContent('main')).includes(caseNo), 'a phrase of its facts (彩钢瓦板材) finds it in 类案检索');
  await shot('28-similar');
  // The guidance's tiers as a filter: the court's own judgment is in 四、上一级法院及本院案例, not in 五、其他法院案例.
  await page.selectOption('#similar-tier', '5');
  await Promise.all([page.waitForURL(/tier=5/), page.click('#similar-form button[type=submit]')]);
  check(!(await page.textContent('main')).includes(caseNo), 'filtered to 其他法院案例, the court\'s own judgment is not listed');
  await page.selectOption('#similar-tier', '4');
  await Promise.all([page.waitForURL(/tier=4/), page.click('#similar-form button[type=submit]')]);
  check((await page.textContent('main')).includes(caseNo), 'filtered to 上一级法院及本院案例, it is');
  const [report] = await Promise.all([page.waitForEvent('download'), page.click('#similar-report-docx')]);
  const reportPath = `${artifacts}/类案检索报告.docx`;
  await report.saveAs(reportPath);
  check(statSync(reportPath).size > 2000 && readFileSync(reportPath).subarray(0, 2).toString() === 'PK', `the 类案检索报告 downloads as DOCX (${statSync(reportPath).size} bytes)`);

  // A phone, 390 px wide: no page scrolls sideways.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })).newPage();
  await phone.goto(`${base}/login`);
  await phone.fill('#username', president);
  await phone.fill('#password', password);
  await Promise.all([phone.waitForURL(u => !u.pathname.startsWith('/login')), phone.click('#sign-in')]);
  for (const [path, name] of [['/similar?q=%E8%B4%A7%E6%AC%BE', 'similar'], [`/cases/${encodeURIComponent(caseNo)}/documents/1`, 'document'], ['/manage/reviews', 'reviews'], ['/manage/appraisal', 'appraisal'], ['/judges/J003', 'judge'], ['/enforcement', 'enforcement'], ['/manage/campaigns', 'campaigns'], ['/', 'home'], ['/cases?status=open', 'cases'], ['/queues/due', 'queue'], ['/calendar', 'calendar'], [`/cases/${encodeURIComponent(caseNo)}`, 'case'], ['/metrics', 'metrics']]) {
    await phone.goto(`${base}${path}`);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    await phone.screenshot({ path: `${artifacts}/15-phone-${name}.png` });
    check(width <= 390, `${path} fits 390 px (scroll width ${width})`);
  }

  // 诉讼服务 on a phone, 390 px: a lawyer applies to file; the 立案员 asks for 补正; the lawyer
  // corrects; the case is filed. The court serves a document, which the lawyer opens, and the
  // receipt shows the view time; the lawyer uploads evidence and downloads its bundle; both
  // bundles pass `docket verify --bundle` offline.
  const mobile = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
  const fits = async (what) => {
    const width = await mobile.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 390, `${what} fits 390 px (scroll width ${width})`);
  };
  await mobile.goto(`${base}/login`);
  await mobile.fill('#username', lawyerUser);
  await mobile.fill('#password', password);
  await Promise.all([mobile.waitForURL(/\/portal$/), mobile.click('#sign-in')]);
  check((await mobile.textContent('#who')).includes('律师'), 'the lawyer lands on the portal');
  await fits('/portal');
  await mobile.screenshot({ path: `${artifacts}/40-portal-home.png`, fullPage: true });
  check((await mobile.goto(`${base}/cases`)).status() === 404, 'a staff page is not found for the lawyer');
  await mobile.goto(`${base}/portal/apply`);
  await fits('/portal/apply');
  await mobile.selectOption('#apply-court', '内0203');
  await mobile.selectOption('#apply-claim', 'civil');
  await mobile.fill('#apply-cause', '民间借贷纠纷');
  await mobile.fill('#apply-amount', '50000');
  await mobile.fill('#apply-plaintiff', '王小明');
  await mobile.fill('#apply-plaintiff-id', '150203198001011238');
  await mobile.fill('#apply-defendant', '赵某某');
  await mobile.fill('#apply-requests', '请求判令被告偿还借款五万元及利息。事实与理由：被告于2025年向原告借款五万元，到期未还。');
  await Promise.all([mobile.waitForURL(/\/portal\/applications\//), mobile.click('#apply-submit')]);
  const applicationUrl = mobile.url();
  check((await mobile.textContent('#application-stage')).includes('待审查'), 'the application waits for the court');
  await fits('the application');

  await signIn(clerk);
  await page.goto(`${base}/applications`);
  const staffLink = `/applications/${applicationUrl.split('/portal/applications/')[1]}`;
  check((await page.textContent('#applications')).includes(decodeURIComponent(staffLink.split('/').pop())), 'the 立案员 finds it in 网上立案');
  await page.goto(`${base}${staffLink}`);
  await page.fill('#correction-missing', '借条原件照片；被告的送达地址');
  await Promise.all([page.waitForURL(u => u.pathname.startsWith('/applications/')), page.click('#correction-submit')]);
  check((await page.textContent('#application-stage')).includes('待补正'), 'the 立案员 asks for 补正');
  await shot('41-application-correction');

  await mobile.goto(applicationUrl);
  check((await mobile.textContent('#application-stage')).includes('借条原件照片'), 'the lawyer sees what is missing');
  await mobile.screenshot({ path: `${artifacts}/42-portal-correction.png`, fullPage: true });
  await Promise.all([mobile.waitForURL(applicationUrl), mobile.click('#correct-submit')]);
  check((await mobile.textContent('#application-stage')).includes('待审查'), 'corrected, it waits for the decision again');

  await page.goto(`${base}${staffLink}`);
  await page.selectOption('#accept-procedure', 'simple');
  await Promise.all([page.waitForURL(/\/cases\/.*done=/), page.click('#accept-submit')]);
  const filedNo = decodeURIComponent(new URL(page.url()).pathname.split('/cases/')[1]);
  check(filedNo.includes('民初'), `the case is filed: ${filedNo}`);
  await shot('43-filed-from-application');
  await mobile.goto(applicationUrl);
  check((await mobile.textContent('#application-case')).includes(filedNo), 'the lawyer sees the case number');

  // The court's clerk records a ruling and serves it to the client, whose lawyer has an account.
  await signIn(courtClerk);
  await page.goto(`${base}/cases/${encodeURIComponent(filedNo)}`);
  await page.selectOption('#document-form select[name=doc]', 'ruling');
  await page.fill('#document-form textarea[name=text]', `包头市昆都仑区人民法院\n民事裁定书\n${filedNo}\n本院裁定如下：准许原告王小明撤回起诉。`);
  await Promise.all([page.waitForURL(/done=/), page.click('#document-form button[type=submit]')]);
  await page.selectOption('#serve-document', '1');
  await page.selectOption('#serve-party', '0');
  await Promise.all([page.waitForURL(/done=/), page.click('#serve-submit')]);
  check(decodeURIComponent(page.url()).includes('已送达'), 'the ruling reaches the lawyer\'s account');

  await mobile.goto(`${base}/portal/cases/${encodeURIComponent(filedNo)}`);
  await fits('the portal case page');
  check((await mobile.textContent('#served')).includes('未查阅'), 'served, not yet opened');
  await mobile.screenshot({ path: `${artifacts}/44-portal-case.png`, fullPage: true });
  await Promise.all([mobile.waitForURL(/\/served\//), mobile.click('#served a.served-open')]);
  const viewedAt = (await mobile.textContent('#viewed-at')).trim();
  check(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(viewedAt), `the receipt shows the view time ${viewedAt}`);
  check((await mobile.textContent('#document-text')).includes('准许原告王小明撤回起诉'), 'the ruling opens');
  await fits('the served document');
  await mobile.screenshot({ path: `${artifacts}/45-portal-receipt.png`, fullPage: true });
  const verify = (file) => execFileSync(docketBin, ['verify', '--bundle', file], { encoding: 'utf8' });
  const [receipt] = await Promise.all([mobile.waitForEvent('download'), mobile.click('#view-bundle')]);
  const receiptPath = `${artifacts}/送达查阅记录.bundle.json`;
  await receipt.saveAs(receiptPath);
  check(readFileSync(receiptPath, 'utf8').includes('service_viewed'), 'the view\'s bundle holds its line');
  console.log(verify(receiptPath).trim());
  check(true, 'docket verify --bundle accepts the receipt offline');

  await mobile.goto(`${base}/portal/cases/${encodeURIComponent(filedNo)}`);
  await mobile.setInputFiles('#portal-evidence-file', { name: '借条.txt', mimeType: 'text/plain', buffer: Buffer.from('今借到王小明人民币伍万元整。借款人：赵某某') });
  await mobile.selectOption('#portal-evidence-form select[name=media_type]', 'text/plain');
  await Promise.all([mobile.waitForURL(/done=/), mobile.click('#portal-evidence-form button[type=submit]')]);
  check((await mobile.textContent('#my-evidence')).includes('借条.txt'), 'the evidence is listed as submitted');
  const [evidence] = await Promise.all([mobile.waitForEvent('download'), mobile.click('#notice-bundle')]);
  const evidencePath = `${artifacts}/当事人证据.bundle.json`;
  await evidence.saveAs(evidencePath);
  console.log(verify(evidencePath).trim());
  check(true, 'docket verify --bundle accepts the evidence bundle offline');
  await mobile.screenshot({ path: `${artifacts}/46-portal-evidence.png`, fullPage: true });
  await page.goto(`${base}/cases/${encodeURIComponent(filedNo)}`);
  check((await page.textContent('#party-evidence')).includes('借条.txt'), "the court sees it among the parties' evidence");
  console.log('browser flow passed');
} catch (e) {
  await shot('failure').catch(() => {});
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser.close();
}
