/**
 * The parents' portal, as parents use it on a phone (360 px), in English and in Spanish: a paying parent
 * opens an account with what their papers show and a code sent to the phone on file, reads what is owed
 * (the figure staff see) and asks for an account audit; a receiving parent reads the payments, tells a
 * safety concern in Spanish, a caseworker confirms it, the parent reads the answer and answers the
 * families' survey then offered; a paying parent asks for a lien payoff and liens staff answer with the amount.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { atBothWidths, demoPassword, signIn } from './helpers';

const phone = { width: 360, height: 800 };
const portalWidths = [390, 360] as const;

async function staffPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** A Los Angeles case whose paying parent has a phone on file and no portal account yet (not the demo's first). */
async function caseToSignUpFor(caseworker: Page) {
  const list = await (await caseworker.request.get('/api/cases?pageSize=50&sort=caseNumber&dir=asc')).json();
  let withPhone = 0;
  for (const summary of list.items as { id: string }[]) {
    const found = await (await caseworker.request.get(`/api/cases/${summary.id}`)).json();
    const obligor = (found.participants as { role: string; phone: string | null; dateOfBirth: string | null; ssn: string | null }[]).find(
      (p) => p.role === 'obligor',
    );
    if (!obligor?.phone) continue;
    // The first case with a phone on file is the one whose parents have the demo's accounts.
    withPhone += 1;
    if (withPhone > 1 && obligor.dateOfBirth && obligor.ssn) {
      const account = await (await caseworker.request.get(`/api/cases/${summary.id}/account`)).json();
      return {
        id: summary.id as string,
        caseNumber: found.caseNumber as string,
        dateOfBirth: obligor.dateOfBirth,
        last4: obligor.ssn.slice(-4),
        totalOwedCents: account.summary.totalOwedCents as number,
      };
    }
  }
  throw new Error('no demo case with a phone on file');
}

test('a paying parent opens an account, reads what is owed, and asks for an account audit (English)', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const caseworker = await staffPage(browser, 'la.caseworker@concord.test');
  const target = await caseToSignUpFor(caseworker);
  // The later cases' parents have a contact on file but no account: the demo's first case's parents have accounts.
  const admin = await staffPage(browser, 'admin@concord.test');

  const parent = await (await browser.newContext({ viewport: phone, locale: 'en-US' })).newPage();
  await parent.goto('/portal/sign-in');
  await expect(parent.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-sign-in-en', portalWidths);
  await parent.getByRole('link', { name: 'Open an account with your case number' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Open your account' })).toBeVisible();
  await parent.getByLabel('Case number').fill(target.caseNumber);
  await parent.getByLabel('Your date of birth').fill(target.dateOfBirth);
  await parent.getByLabel('Last four digits of your Social Security number').fill(target.last4);
  await atBothWidths(parent, testInfo, 'portal-sign-up-en', portalWidths);
  await parent.getByRole('button', { name: 'Send me a code' }).click();
  await expect(parent.getByRole('heading', { level: 2, name: 'Step 2 of 3: type the code we sent' })).toBeVisible();

  // The code went to the phone on file: the demo sends nothing, the state administrator's outbox holds it.
  const outbox = (await (await admin.request.get('/api/portal/staff/outbox')).json()) as { body: string; destinationMasked: string; channel: string }[];
  expect(outbox[0]!.channel).toBe('sms');
  expect(outbox[0]!.destinationMasked).toMatch(/^\*\*\*-\*\*\*-\d{4}$/);
  const code = /\b(\d{6})\b/.exec(outbox[0]!.body)![1]!;
  await parent.getByLabel('Six-digit code').fill(code);
  await parent.getByRole('button', { name: 'Check the code' }).click();
  await expect(parent.getByRole('heading', { level: 2, name: 'Step 3 of 3: choose how you will sign in' })).toBeVisible();
  await parent.getByLabel('Email address you will sign in with').fill(`payer.${Date.now()}@example.org`);
  await parent.getByLabel('Password', { exact: true }).fill(demoPassword);
  await parent.getByRole('button', { name: 'Open my account' }).click();

  await expect(parent.getByRole('heading', { level: 1, name: 'Your cases' })).toBeVisible({ timeout: 15_000 });
  await expect(parent.getByText('You pay support')).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-home-en', portalWidths);
  await parent.getByRole('link', { name: `See case ${target.caseNumber}` }).click();
  await expect(parent.getByRole('heading', { level: 1, name: `Case ${target.caseNumber}` })).toBeVisible();
  // The same total staff see, formatted for the reader.
  const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(target.totalOwedCents / 100);
  await expect(parent.getByTestId('total-owed')).toHaveText(dollars);
  await expect(parent.getByRole('link', { name: 'Download your account statement (PDF)' })).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-case-en', portalWidths);

  const audit = parent.getByRole('form', { name: 'Ask for a check of your account' });
  await audit.getByLabel('What looks wrong?').fill('My June payment is not in the balance.');
  await audit.getByRole('button', { name: 'Ask for a check' }).click();
  await expect(audit.getByRole('status')).toContainText('Sent. We will answer by');
  await parent.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'My cases' }).click();
  await expect(parent.getByText('Check of your account (account audit)')).toBeVisible();
  await expect(parent.getByText('Staff are working on it')).toBeVisible();
  // A receipt attached to the request: a real PDF, seen by staff of the LCSA with the request.
  const request = parent.getByRole('listitem').filter({ hasText: 'Check of your account (account audit)' });
  await request.getByLabel('Attach a document (PDF, PNG or JPEG, up to 5 MB)').setInputFiles({
    name: 'june-receipt.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'),
  });
  await request.getByRole('button', { name: 'Send this document' }).click();
  await expect(request.getByText('Attached: june-receipt.pdf')).toBeVisible();
  await caseworker.goto('/parent-requests');
  await expect(caseworker.getByRole('link', { name: /june-receipt\.pdf/ }).first()).toBeVisible();

  // The request is finance's work: it is in the case's audit queue, asked by the obligor.
  const queue = (await (await caseworker.request.get(`/api/cases/${target.id}/audit-requests`)).json()) as { requestedBy: string; summary: string }[];
  expect(queue).toEqual(expect.arrayContaining([expect.objectContaining({ requestedBy: 'obligor', summary: 'My June payment is not in the balance.' })]));
});

test('a receiving parent reads payments in Spanish, tells a safety concern once, and a caseworker confirms it', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const parent = await (await browser.newContext({ viewport: phone, locale: 'en-US' })).newPage();
  await parent.goto('/portal/sign-in');
  await parent.getByRole('button', { name: 'Español' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeVisible();
  await expect(parent.locator('html')).toHaveAttribute('lang', 'es');
  await atBothWidths(parent, testInfo, 'portal-sign-in-es', portalWidths);
  await parent.getByLabel('Correo electrónico').fill('parent.receives@concord.test');
  await parent.getByLabel('Contraseña').fill(demoPassword);
  await parent.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Sus casos' })).toBeVisible({ timeout: 15_000 });
  // Chosen once, remembered on the account.
  await expect.poll(async () => (await (await parent.request.get('/api/auth/session')).json()).user.language).toBe('es');
  await expect(parent.getByText('Usted recibe manutención')).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-home-es', portalWidths);
  await parent.getByRole('link', { name: /^Ver el caso / }).click();
  await expect(parent.getByRole('heading', { level: 2, name: 'Pagos' })).toBeVisible();
  await expect(parent.getByText(/a la familia \$/).first()).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-case-es', portalWidths);

  await parent.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Seguridad y datos de contacto' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Seguridad y datos de contacto' })).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-help-es', portalWidths);
  await parent.getByRole('button', { name: 'Informar una preocupación por mi seguridad' }).click();
  await expect(parent.getByText('Recibido. El personal lo revisará')).toBeVisible();

  // A Los Angeles caseworker confirms it from their queue.
  const caseworker = await staffPage(browser, 'la.caseworker@concord.test');
  await caseworker.goto('/parent-requests');
  await expect(caseworker.getByRole('heading', { level: 1, name: "Parents' requests" })).toBeVisible();
  const request = caseworker.getByRole('listitem').filter({ hasText: 'Safety concern' }).first();
  await expect(request).toBeVisible();
  await atBothWidths(caseworker, testInfo, 'parent-requests');
  await request.getByLabel('Answer the parent reads').fill('Su dirección ahora está protegida en todos sus casos.');
  await request.getByRole('button', { name: 'Confirm and protect' }).click();
  await caseworker.getByRole('button', { name: 'Protect', exact: true }).click();
  // Answered, it leaves the open requests.
  await expect(caseworker.getByRole('listitem').filter({ hasText: 'Safety concern' })).toHaveCount(0);

  await parent.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Mis casos' }).click();
  await parent.reload();
  await expect(parent.getByText('Nuestra respuesta: Su dirección ahora está protegida en todos sus casos.')).toBeVisible();
  await expect(parent.getByText('Terminado')).toBeVisible();

  // Now that a request has closed, the families' survey is offered: optional and anonymous.
  await expect(parent.getByRole('heading', { level: 2, name: 'Cuéntenos cómo le fue' })).toBeVisible();
  await parent.getByRole('link', { name: 'Responder la encuesta' }).click();
  await expect(parent.getByRole('heading', { level: 2, name: '¿Cómo fue su experiencia con los servicios de manutención?' })).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-survey-es', portalWidths);
  await parent
    .getByRole('group', { name: /Sentí que podía compartir con seguridad/ })
    .getByText('Totalmente de acuerdo', { exact: true })
    .click();
  await parent
    .getByRole('group', { name: /Tuve que contar mi historia otra vez/ })
    .getByText('En desacuerdo', { exact: true })
    .click();
  await parent
    .getByRole('group', { name: /El personal fue respetuoso/ })
    .getByText('De acuerdo', { exact: true })
    .click();
  await parent.getByRole('button', { name: 'Enviar mis respuestas' }).click();
  await expect(parent.getByText('Gracias. Recibimos sus respuestas.')).toBeVisible();
  // Answered once: the offer leaves the home page.
  await parent.getByRole('link', { name: 'Volver a sus casos' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Sus casos' })).toBeVisible();
  await expect(parent.getByRole('heading', { level: 2, name: 'Cuéntenos cómo le fue' })).toHaveCount(0);
});

test('a paying parent contests an insurance intercept notice, and it is held while staff review it (English)', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const parent = await (await browser.newContext({ viewport: phone, locale: 'en-US' })).newPage();
  await parent.goto('/portal/sign-in');
  await parent.getByLabel('Email address').fill('parent.notice@concord.test');
  await parent.getByLabel('Password').fill(demoPassword);
  await parent.getByRole('button', { name: 'Sign in' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Your cases' })).toBeVisible({ timeout: 15_000 });
  const notices = parent.getByRole('region', { name: 'Insurance payment notices' });
  await expect(notices).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-notices-en', portalWidths);
  const contest = notices.getByRole('form', { name: 'Contest this notice' }).first();
  await contest.getByText('I have already paid the support', { exact: true }).click();
  await contest.getByLabel('Tell us more (you may leave this empty)').fill('I paid the arrears in September; my receipt is attached to my file.');
  await contest.getByRole('button', { name: 'Send my contest' }).click();
  await expect(notices.getByText('On hold while staff review your contest.')).toBeVisible();
  await expect(notices.getByText('Staff are reviewing your contest.')).toBeVisible();
  await expect(parent.getByText('Contest of an insurance payment notice')).toBeVisible();
});

test('a paying parent asks how much would release every lien, and liens staff answer with the amount (English)', async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const parent = await (await browser.newContext({ viewport: phone, locale: 'en-US' })).newPage();
  await parent.goto('/portal/sign-in');
  await parent.getByLabel('Email address').fill('parent.pays@concord.test');
  await parent.getByLabel('Password').fill(demoPassword);
  await parent.getByRole('button', { name: 'Sign in' }).click();
  await expect(parent.getByRole('heading', { level: 1, name: 'Your cases' })).toBeVisible({ timeout: 15_000 });
  // The families' survey offered after last week's answered order review, in English.
  await parent.getByRole('link', { name: 'Answer the survey' }).click();
  await expect(parent.getByRole('heading', { level: 2, name: 'How was your experience with child support?' })).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-survey-en', portalWidths);
  await parent.getByRole('link', { name: 'Back to your cases' }).click();
  const liens = parent.getByRole('region', { name: 'Liens on your property' });
  await expect(liens.getByText(/Los Angeles County, recorded on/)).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-liens-en', portalWidths);
  const payoff = liens.getByRole('form', { name: 'Ask how much would release every lien' });
  await payoff.getByLabel(/Anything you want staff to know/).fill('We close on the sale of the house next month.');
  await payoff.getByRole('button', { name: 'Ask for the payoff amount' }).click();
  await expect(payoff.getByText(/Received\. Staff will answer by/)).toBeVisible();
  await expect(parent.getByText('Lien payoff amount')).toBeVisible();
  // The home page with an open request and its form to attach a document.
  await atBothWidths(parent, testInfo, 'portal-home-open-request-en', portalWidths);

  // Liens staff of the LCSA answer it from the Liens page.
  const caseworker = await staffPage(browser, 'la.caseworker@concord.test');
  await caseworker.goto('/liens');
  const section = caseworker.getByRole('region', { name: "Parents' payoff and release requests" });
  const request = section.getByRole('listitem').filter({ hasText: 'We close on the sale of the house next month.' });
  await expect(request).toBeVisible();
  await atBothWidths(caseworker, testInfo, 'liens-parent-requests');
  const goodThrough = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await request.getByLabel('Payoff amount (releases every lien)').fill('4123.45');
  await request.getByLabel('Good through').fill(goodThrough);
  await request.getByLabel('Answer the parent reads').fill('Pay this amount through escrow by the date shown and every lien will be released.');
  await request.getByRole('button', { name: 'Send the answer' }).click();
  await expect(section.getByText('We close on the sale of the house next month.')).toHaveCount(0);

  await parent.reload();
  await expect(parent.getByText(/Amount that releases every lien: \$4,123\.45, good through/)).toBeVisible();
  // The same page in Spanish.
  await parent.getByRole('button', { name: 'Español' }).click();
  await expect(parent.getByRole('heading', { level: 2, name: 'Gravámenes sobre su propiedad' })).toBeVisible();
  await expect(parent.getByText(/Cantidad que libera todos los gravámenes: .*4.?123.45/)).toBeVisible();
  await atBothWidths(parent, testInfo, 'portal-home-liens-es', portalWidths);
});
