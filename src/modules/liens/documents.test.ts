import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text';
import { renderRecordingPackage, type RecordingDocument } from './documents';

const doc: RecordingDocument = {
  lienId: '00000000-0000-4000-8000-000000000001',
  caseNumber: 'D001-00000001',
  lcsaName: 'Los Angeles County Child Support Services',
  countyName: 'Los Angeles',
  debtorName: 'Dana Q Obligor',
  debtorDateOfBirth: '1985-02-03',
  ssnLast4: '5678',
  debtorAddress: '1 Main St, Los Angeles, CA, 90012',
  hasFamilyViolenceFlag: false,
  courtOrderNumber: 'FO-1',
  courtCountyName: 'Los Angeles',
  orderIssuedOn: '2024-01-01',
  monthlyAmountCents: 50_000,
  instrument: 'abstract_of_support_judgment',
  pastDueCents: 0,
};

describe('recording documents', () => {
  it('prints a cover and one abstract per lien, and never a family-violence-flagged address', async () => {
    const pdf = await renderRecordingPackage(
      'Los Angeles',
      [doc, { ...doc, lienId: '00000000-0000-4000-8000-000000000002', hasFamilyViolenceFlag: true }],
      new Date(0),
    );
    const text = pdfText(pdf);
    expect(text.filter((t) => t === 'Abstract of support judgment (Family Code 4506)')).toHaveLength(2);
    expect(text.filter((t) => t === '1 Main St, Los Angeles, CA, 90012')).toHaveLength(1);
    expect(text).toContain('Withheld: confidential (family-violence protection)');
    expect(text).toContain('$500.00 a month, and arrears as determined');
  });

  it('prints the instrument the case needs: a certified order for arrears only, the federal notice for an obligor out of state', async () => {
    const text = pdfText(
      await renderRecordingPackage(
        'Los Angeles',
        [
          { ...doc, instrument: 'certified_order', pastDueCents: 123_456 },
          { ...doc, lienId: '00000000-0000-4000-8000-000000000003', instrument: 'federal_notice_of_lien' },
        ],
        new Date(0),
      ),
    ).join(' ');
    expect(text).toContain('Certified copy of support order with arrears determination');
    expect(text).toContain('arrears of $1,234.56');
    expect(text).toContain('Notice of lien (federal interstate form');
    expect(text).not.toContain('Abstract of support judgment');
  });
});
