/**
 * Recording documents, one per lien in the instrument the case needs (CCP 697.320(a)): the abstract of
 * support judgment (FC 4506, the content of form CA 8580), a certified copy of the order with the
 * arrears determination (an arrears-only, terminated order), or the federal notice of lien (interstate,
 * OMB 0970-0152 content, 42 USC 652(a)(11)); and the submission package for one county recorder — every document due for that county in one
 * PDF. The judgment debtor's SSN is shown by its last four digits only; a family-violence-flagged address
 * is never printed ([GAP]: how the recorder then gets it is not in the sources; the LCSA supplies it apart).
 */
import { type CalendarDate, todayInCalifornia } from '../../platform/dates';
import { formatCents } from '../../platform/money';
import { renderLetters, type Letter } from '../../platform/pdf/letter';
import type { LienInstrument } from './domain/policy';

export interface RecordingDocument {
  lienId: string;
  caseNumber: string;
  lcsaName: string;
  countyName: string;
  debtorName: string;
  debtorDateOfBirth: string | null;
  ssnLast4: string | null;
  debtorAddress: string | null;
  hasFamilyViolenceFlag: boolean;
  courtOrderNumber: string;
  courtCountyName: string;
  orderIssuedOn: CalendarDate;
  monthlyAmountCents: number;
  instrument: LienInstrument;
  /** Arrears-only: what the case owed past due when the document was prepared. */
  pastDueCents: number;
}

export const instrumentTitles: Record<LienInstrument, string> = {
  abstract_of_support_judgment: 'Abstract of support judgment (Family Code 4506)',
  certified_order: 'Certified copy of support order with arrears determination (Code of Civil Procedure 697.320(a))',
  federal_notice_of_lien: 'Notice of lien (federal interstate form, 42 U.S.C. 652(a)(11))',
};

export function documentLetter(doc: RecordingDocument): Omit<Letter, 'producedAt'> {
  return {
    title: instrumentTitles[doc.instrument],
    heading: [`Recording requested by ${doc.lcsaName}`, `To the County Recorder of ${doc.countyName} County`, 'When recorded, mail to the requesting agency.'],
    facts: [
      ['Judgment debtor', doc.debtorName],
      ['Date of birth', doc.debtorDateOfBirth ?? 'not known'],
      ['SSN (last four digits)', doc.ssnLast4 ? `***-**-${doc.ssnLast4}` : 'not known'],
      ['Last known address', doc.hasFamilyViolenceFlag ? 'Withheld: confidential (family-violence protection)' : (doc.debtorAddress ?? 'not known')],
      ['Court order', `${doc.courtOrderNumber}, Superior Court of ${doc.courtCountyName} County, entered ${doc.orderIssuedOn}`],
      doc.instrument === 'certified_order'
        ? [
            'Support ordered',
            `Terminated; arrears of ${formatCents(doc.pastDueCents)} as of ${todayInCalifornia()} remain enforceable until paid (Family Code 291)`,
          ]
        : ['Support ordered', `${formatCents(doc.monthlyAmountCents)} a month, and arrears as determined`],
      ['Case', doc.caseNumber],
    ],
    paragraphs: [
      doc.instrument === 'federal_notice_of_lien'
        ? 'This notice of lien for overdue support, in the form the federal government prescribes for interstate cases, creates a lien on the obligor’s real property when recorded, with full faith and credit in every state (42 U.S.C. 666(a)(4)).'
        : 'This document for a judgment for child support creates a lien on the judgment debtor’s real property in this county when recorded (Code of Civil Procedure 697.320). Interest accrues at the legal rate.',
      'This document may be transmitted and recorded electronically (Family Code 17523.5).',
    ],
    footer: `Lien ${doc.lienId}`,
  };
}

/** One county recorder's package: a cover sheet, then every document, in one PDF. */
export async function renderRecordingPackage(countyName: string, documents: RecordingDocument[], producedAt: Date): Promise<Uint8Array> {
  const cover: Omit<Letter, 'producedAt'> = {
    title: `Submission package for the County Recorder of ${countyName} County`,
    heading: [`${documents.length} lien documents for recording`, `Prepared ${todayInCalifornia(producedAt)}`],
    facts: documents.map((d, i) => [`${i + 1}.`, `${d.debtorName}, case ${d.caseNumber} (lien ${d.lienId.slice(0, 8)})`] as [string, string]),
    paragraphs: ['Please record each document and return it, or reject it with the reason, quoting the lien number.'],
    footer: `Package for ${countyName} County`,
  };
  return renderLetters(`Recording package — ${countyName} County`, [cover, ...documents.map(documentLetter)], producedAt);
}
