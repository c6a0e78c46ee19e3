/**
 * The intercept page: insurers upload claim files and see each file's status and errors; LCSA
 * caseworkers review candidate matches with the claimant and the obligor side by side; state staff see
 * every file and refresh who can be matched.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { csvColumnHelp, csvColumns, fixedWidthLength, type ClaimFileView, type ReviewItem } from '../../../../src/modules/intercept/contract';
import { client, fileBody, must, type Query } from '../../api';
import { ListView, type ListColumn } from '../../components/ListView';
import { ActionForm } from '../../components/ActionForm';
import { formatCents } from '../../components/money';
import { ErrorAlert, Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
import { hasPermission, useSession } from '../../session';
import { field } from '../../components/bind';
import { Notices } from './Notices';
import { Contests } from './Contests';
import { Remittances } from './Remittances';
import { ReviewAgeing } from './Ageing';
import { EvidenceList } from './Evidence';
import { Lookup } from './Lookup';
import { Compliance, Outreach } from './Compliance';

function UploadForm() {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<'' | 'csv' | 'fixed'>('');
  const [status, setStatus] = useState('');
  const [refused, setRefused] = useState<{ fileName: string; lines: { line: number; field: string; reason: string }[] } | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      const file = input.current?.files?.[0];
      if (!file) throw new Error('Choose a claim file to upload.');
      const result = await must(
        client.POST('/api/intercept/files', {
          params: { query: { fileName: file.name, format: format || undefined } },
          ...fileBody(file, file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain'),
        }),
      );
      const lines = result.rejectedCount > 0 ? await must(client.GET('/api/intercept/files/{id}/errors', { params: { path: { id: result.id } } })) : [];
      return { result, lines };
    },
    onSuccess: async ({ result: file, lines }) => {
      setStatus(
        file.isNew
          ? `${file.fileName} (${file.format === 'csv' ? 'CSV' : 'fixed width'}): ${file.acceptedCount} claims accepted, ${file.rejectedCount} lines refused.`
          : `${file.fileName} was already received; nothing changed.`,
      );
      setRefused(lines.length > 0 ? { fileName: file.fileName, lines } : null);
      await queryClient.invalidateQueries({ queryKey: ['claim-files'] });
    },
  });
  return (
    <>
      <ActionForm
        id="upload-claims"
        title="Upload a claim file"
        submitLabel="Upload file"
        isPending={upload.isPending}
        error={upload.error}
        status={status}
        onSubmit={() => {
          setStatus('');
          setRefused(null);
          upload.mutate();
        }}
      >
        <label className="usa-label" htmlFor="claim-file">
          Claim file
        </label>
        <span className="usa-hint" id="claim-file-hint">
          CSV with a header line, or the fixed-width layout ({fixedWidthLength} characters a line): the columns, a template and samples are under Claim-file
          formats below.
        </span>
        <input className="usa-file-input" id="claim-file" name="claim-file" type="file" ref={input} aria-describedby="claim-file-hint" required />
        <SelectField
          id="claim-format"
          label="Format"
          {...field(format, setFormat)}
          options={[
            { value: '', label: 'Detect from the file' },
            { value: 'csv', label: 'CSV' },
            { value: 'fixed', label: 'Fixed width' },
          ]}
        />
      </ActionForm>
      {refused ? (
        <TableRegion label={`Refused lines of ${refused.fileName}`}>
          <table className="usa-table usa-table--compact width-full" data-testid="refused-lines">
            <caption>
              Refused lines of {refused.fileName}
              {refused.lines.length >= 500 ? ' (the first 500; all are in the errors CSV)' : ''}: correct them and send those lines as a new file
            </caption>
            <TableHead columns={['Line', 'Field', 'Why']} />
            <tbody>
              {refused.lines.map((l) => (
                <tr key={`${l.line}-${l.field}`}>
                  <th scope="row">{l.line}</th>
                  <td>{l.field}</td>
                  <td>{l.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </>
  );
}

/** What an insurer needs to send its first file: each CSV column, the fixed-width layout, a template and samples. */
function ClaimFileFormats() {
  return (
    <section aria-labelledby="formats-heading">
      <h2 id="formats-heading">Claim-file formats</h2>
      <p>
        Send claims as CSV (UTF-8, a header line, columns in any order) or in the fixed-width layout modelled on the federal insurance match file (
        {fixedWidthLength} characters a line, starting IM). Concord detects the format from the first line. A claim is reported once, by its claim number; a
        refused line is listed with its line, field and reason — correct those lines and send them as a new file.
      </p>
      <ul className="usa-list">
        <li>
          <a className="usa-link" href="/api/intercept/formats/template.csv" download>
            CSV template
          </a>{' '}
          (the header line)
        </li>
        <li>
          <a className="usa-link" href="/api/intercept/formats/sample.csv" download>
            Sample CSV file
          </a>
        </li>
        <li>
          <a className="usa-link" href="/api/intercept/formats/sample-fixed-width.txt" download>
            Sample fixed-width file
          </a>
        </li>
        <li>
          The full layout is in the <a href="/api/docs/">API reference</a> (upload a claim file).
        </li>
      </ul>
      <TableRegion label="CSV columns">
        <table className="usa-table usa-table--compact width-full">
          <caption>CSV columns</caption>
          <TableHead columns={['Column', 'What it holds']} />
          <tbody>
            {csvColumns.map((c) => (
              <tr key={c}>
                <th scope="row">
                  <code>{c}</code>
                </th>
                <td>{csvColumnHelp[c]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

const fileColumns: ListColumn<ClaimFileView>[] = [
  { key: 'fileName', header: 'File', sortable: true, cell: (f) => <span className="text-break-all">{f.fileName}</span> },
  { key: 'insurer', header: 'Insurer', sortable: true, cell: (f) => f.insurerName },
  { key: 'receivedAt', header: 'Received', sortable: true, cell: (f) => new Date(f.receivedAt).toLocaleString('en-US') },
  { key: 'lineCount', header: 'Lines', sortable: true, cell: (f) => f.lineCount },
  { key: 'acceptedCount', header: 'Accepted', cell: (f) => f.acceptedCount },
  { key: 'notReportableCount', header: 'Not reportable', cell: (f) => f.notReportableCount },
  { key: 'rejectedCount', header: 'Refused', sortable: true, cell: (f) => f.rejectedCount },
  { key: 'matchedCount', header: 'Matched', sortable: true, cell: (f) => f.matchedCount },
  { key: 'reviewCount', header: 'In review', sortable: true, cell: (f) => f.reviewCount },
  {
    key: 'errors',
    header: 'Errors',
    cell: (f) =>
      f.rejectedCount > 0 ? (
        <a className="usa-link" href={`/api/intercept/files/${f.id}/errors.csv`} download>
          Download errors for {f.fileName}
        </a>
      ) : (
        'None'
      ),
  },
];

function FilesTable() {
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">Claim files received</h2>
      <ListView
        id="claim-files"
        noun="claim files"
        exportPath="/api/intercept/files"
        columns={fileColumns}
        filters={[
          {
            name: 'refused',
            label: 'Refused lines',
            options: [
              { value: '', label: 'Any file' },
              { value: 'true', label: 'Files with refused lines' },
              { value: 'false', label: 'Files with none refused' },
            ],
          },
        ]}
        searchLabel="File or insurer name"
        queryKey={['claim-files', 'list']}
        load={(query) => must(client.GET('/api/intercept/files', { params: { query: query as unknown as Query<'/api/intercept/files'> } }))}
        rowKey={(f) => f.id}
      />
    </section>
  );
}

function SideBySide({ item }: { item: ReviewItem }) {
  const rows: [string, string, string][] = [
    ['Name', item.claimant.name, item.obligor.name],
    ['Date of birth', item.claimant.dateOfBirth ?? '—', item.obligor.dateOfBirth ?? '—'],
    ['SSN', item.claimant.ssn ?? 'Not reported', item.obligor.ssn ?? '—'],
    ['City and ZIP', item.claimant.place, item.obligor.place],
  ];
  return (
    <TableRegion label={`Claim ${item.claimNumber}: claimant and obligor`}>
      <table className="usa-table usa-table--compact">
        <caption>
          Claim {item.claimNumber} from {item.insurerName}: claimant and obligor
        </caption>
        <TableHead columns={['', 'Claimant', 'Obligor']} />
        <tbody>
          {rows.map(([label, claimant, obligor]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{claimant}</td>
              <td>{obligor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

const reviewColumns: ListColumn<ReviewItem>[] = [
  { key: 'waiting', header: 'Waiting since', sortable: true, cell: (r) => new Date(r.waitingSince).toLocaleDateString('en-US') },
  { key: 'score', header: 'Score', sortable: true, cell: (r) => r.score },
  { key: 'amountCents', header: 'Claim amount', sortable: true, cell: (r) => formatCents(r.amountCents) },
  { key: 'pastDueCents', header: 'Past due', sortable: true, cell: (r) => formatCents(r.pastDueCents) },
  { key: 'claimNumber', header: 'Claim number', sortable: true, cell: (r) => r.claimNumber },
  { key: 'insurer', header: 'Insurer', sortable: true, cell: (r) => r.insurerName },
];

function ReviewQueue({ outcome }: { outcome: 'review' | 'match' }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const decide = useMutation({
    mutationFn: async ({ item, decision }: { item: ReviewItem; decision: 'confirmed' | 'rejected' | 'notice' }) => {
      if (decision !== 'notice' || item.outcome === 'review')
        await must(
          client.POST('/api/intercept/matches/{id}/decision', {
            params: { path: { id: item.matchId } },
            body: { decision: decision === 'rejected' ? 'rejected' : 'confirmed' },
          }),
        );
      if (decision === 'notice') await must(client.POST('/api/intercept/matches/{id}/notice', { params: { path: { id: item.matchId } } }));
    },
    onSuccess: async (_data, { item, decision }) => {
      setStatus(decision === 'notice' ? `Claim ${item.claimNumber}: match confirmed and notice issued.` : `Claim ${item.claimNumber}: match ${decision}.`);
      await queryClient.invalidateQueries({ queryKey: ['intercept-reviews'] });
      await queryClient.invalidateQueries({ queryKey: ['intercept-notices'] });
    },
  });
  const cards = (items: ReviewItem[]) => (
    <>
      {items.length === 0 ? <p>Nothing to review.</p> : null}
      {items.length > 0 ? (
        <p className="usa-hint">
          Keyboard: with focus on a card’s button, {outcome === 'review' ? 'C confirms, ' : ''}N{' '}
          {outcome === 'review' ? 'confirms and issues the notice' : 'issues the notice'}, R rejects.
        </p>
      ) : null}
      <ul className="usa-card-group">
        {items.map((item) => (
          <li
            key={item.matchId}
            className="usa-card tablet:grid-col-6"
            data-testid="review-card"
            onKeyDown={(event) => {
              // Shortcuts act only on the card that has focus (WCAG 2.1.4), and never while typing.
              if (event.altKey || event.ctrlKey || event.metaKey || (event.target as HTMLElement).tagName === 'INPUT' || decide.isPending) return;
              const key = event.key.toLowerCase();
              const decision = key === 'c' && outcome === 'review' ? 'confirmed' : key === 'n' ? 'notice' : key === 'r' ? 'rejected' : null;
              if (decision) {
                event.preventDefault();
                decide.mutate({ item, decision });
              }
            }}
          >
            <div className="usa-card__container">
              <div className="usa-card__header">
                <h3 className="usa-card__heading">
                  Claim {item.claimNumber} · {formatCents(item.amountCents)} · score {item.score}
                </h3>
              </div>
              <div className="usa-card__body">
                <p>
                  {item.claimType.replace(/_/g, ' ')}; the obligor owes {formatCents(item.pastDueCents)} past due. Waiting since{' '}
                  {new Date(item.waitingSince).toLocaleDateString('en-US')}.
                </p>
                <SideBySide item={item} />
                {item.obligorCase ? (
                  <p>
                    <Link to="/cases/$caseId" params={{ caseId: item.obligorCase.id }} className="usa-link">
                      Open case {item.obligorCase.caseNumber}
                    </Link>
                  </p>
                ) : null}
                <EvidenceList evidence={item.evidence} />
                <p className="font-body-2xs text-base-dark margin-bottom-0">Scored with: {item.weights}.</p>
              </div>
              <div className="usa-card__footer">
                {outcome === 'review' ? (
                  <button
                    type="button"
                    className="usa-button"
                    aria-label={`Confirm match for claim ${item.claimNumber}`}
                    onClick={() => decide.mutate({ item, decision: 'confirmed' })}
                  >
                    Confirm
                  </button>
                ) : null}
                <button
                  type="button"
                  className="usa-button usa-button--accent-cool"
                  aria-label={`Confirm and issue notice for claim ${item.claimNumber}`}
                  onClick={() => decide.mutate({ item, decision: 'notice' })}
                >
                  {outcome === 'review' ? 'Confirm and issue notice' : 'Issue notice'}
                </button>
                <button
                  type="button"
                  className="usa-button usa-button--secondary"
                  aria-label={`Reject match for claim ${item.claimNumber}`}
                  onClick={() => decide.mutate({ item, decision: 'rejected' })}
                >
                  Reject
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
  return (
    <section aria-labelledby={`${outcome}-heading`}>
      <h2 id={`${outcome}-heading`}>{outcome === 'review' ? 'Candidate matches to review' : 'Automatic matches waiting for a notice'}</h2>
      <p>
        {outcome === 'review'
          ? 'Claimants who may be obligors of your LCSA. Compare them field by field; confirm only when you are sure it is the same person.'
          : 'Claimants matched with high confidence. Issue the notice to the insurer, or reject the match if something is wrong.'}
      </p>
      <ErrorAlert error={decide.error} />
      <p role="status" aria-live="polite">
        {status}
      </p>
      <ListView
        id={outcome === 'review' ? 'reviews' : 'matches'}
        noun={outcome === 'review' ? 'candidates' : 'matches'}
        exportPath="/api/intercept/reviews"
        columns={reviewColumns}
        fixed={{ outcome }}
        searchLabel="Claim number or insurer"
        queryKey={['intercept-reviews', outcome]}
        load={(query) => must(client.GET('/api/intercept/reviews', { params: { query: query as unknown as Query<'/api/intercept/reviews'> } }))}
        rowKey={(r) => r.matchId}
        renderItems={cards}
      />
    </section>
  );
}

function RefreshMatchable() {
  const refresh = useMutation({
    mutationFn: () => must(client.POST('/api/intercept/matchable/refresh')),
  });
  return (
    <ActionForm
      id="refresh-matchable"
      title="Who can be matched"
      submitLabel="Refresh matchable obligors"
      isPending={refresh.isPending}
      error={refresh.error}
      status={refresh.data ? `${refresh.data.matchable} of ${refresh.data.obligors} obligors owe $1,000 or more past due and can be matched.` : ''}
      onSubmit={() => refresh.mutate()}
    >
      <p>Obligors on open cases with past-due support at or above the threshold and no exclusion.</p>
    </ActionForm>
  );
}

export function InterceptPage() {
  const session = useSession();
  const isPartner = Boolean(session.data?.user.partnerId);
  // The disbursement unit's receipts are state finance work: an LCSA's finance staff see their exceptions only.
  const isStateFinance = hasPermission(session.data, 'finance.post') && !session.data?.user.lcsaId;
  return (
    <Page title="Insurance intercept" intro="Insurers report claims; Concord matches claimants who owe past-due support (AB 2802, Insurance Code 13550–13555).">
      {isPartner && hasPermission(session.data, 'intercept.submit') ? <UploadForm /> : null}
      {isPartner || hasPermission(session.data, 'intercept.manage') ? <ClaimFileFormats /> : null}
      {isPartner && hasPermission(session.data, 'intercept.submit') ? <Lookup /> : null}
      {hasPermission(session.data, 'intercept.review') ? <ReviewQueue outcome="review" /> : null}
      {hasPermission(session.data, 'intercept.review') ? <ReviewQueue outcome="match" /> : null}
      {isPartner || hasPermission(session.data, 'intercept.review') ? <Notices isPartner={isPartner} /> : null}
      {!isPartner && hasPermission(session.data, 'intercept.review') ? <Contests /> : null}
      {!isPartner && hasPermission(session.data, 'intercept.review') ? <ReviewAgeing /> : null}
      {!isPartner && (hasPermission(session.data, 'intercept.review') || isStateFinance) ? <Remittances canSettle={isStateFinance} /> : null}
      {isPartner || hasPermission(session.data, 'intercept.manage') ? <FilesTable /> : null}
      {hasPermission(session.data, 'intercept.manage') ? <Compliance /> : null}
      {isPartner || hasPermission(session.data, 'intercept.manage') ? <Outreach canPost={hasPermission(session.data, 'intercept.manage')} /> : null}
      {hasPermission(session.data, 'intercept.manage') ? <RefreshMatchable /> : null}
    </Page>
  );
}
