/**
 * The OCSE-34 on the Finance page: a quarter's collections and distribution from the ledger, for every
 * LCSA in the user's scope (statewide at HQ, its own at an LCSA), with the receipts behind any figure and
 * the workbook to download.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import {
  ocse34BandLabels as bandLabels,
  ocse34ColumnLabels as columnLabels,
  ocse34LineLabels as sourceLabels,
  ocse34RowLabels as rowLabels,
  type Ocse34Report,
} from '../../../../src/modules/finance/contract';
import { client, must } from '../../api';
import { formatCents } from '../../components/money';
import { ErrorAlert, Loading } from '../../components/Page';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { field } from '../../components/bind';
import { lastQuarter } from '../claims/ClaimsReports';

type Lines = Ocse34Report['total'];

function Figure({ figure, cents, label, onShow }: { figure: string; cents: number; label: string; onShow: (figure: string, label: string) => void }) {
  return cents === 0 ? (
    <>{formatCents(cents)}</>
  ) : (
    <button type="button" className="usa-button usa-button--unstyled" onClick={() => onShow(figure, label)}>
      {formatCents(cents)}
      <span className="usa-sr-only"> — show the receipts behind {label}</span>
    </button>
  );
}

export function Ocse34Section() {
  const [quarter, setQuarter] = useState(lastQuarter());
  const [shown, setShown] = useState<{ figure: string; label: string } | null>(null);
  const isQuarter = /^\d{4}-Q[1-4]$/.test(quarter);
  const report = useQuery({
    queryKey: ['ocse34', quarter],
    queryFn: () => must(client.GET('/api/finance/ocse34', { params: { query: { quarter } } })),
    enabled: isQuarter,
  });
  const items = useQuery({
    queryKey: ['ocse34', quarter, shown?.figure],
    queryFn: () => must(client.GET('/api/finance/ocse34/items', { params: { query: { quarter, figure: shown!.figure, limit: 200 } } })),
    enabled: isQuarter && shown !== null,
  });
  const show = (figure: string, label: string) => setShown({ figure, label });
  const t = report.data?.total;
  return (
    <section aria-labelledby="ocse34-heading">
      <h2 id="ocse34-heading">Collections and distribution (OCSE-34)</h2>
      <p>From the ledger of every open case you can see. Choose a figure to see the receipts behind it.</p>
      <TextField id="ocse34-quarter" label="Quarter" hint="YYYY-Qn, for example 2026-Q3 (July to September 2026)" {...field(quarter, setQuarter)} />
      <ErrorAlert error={report.error} />
      {report.isLoading ? <Loading what="the report" /> : null}
      {report.data && t ? (
        <>
          <p>
            {report.data.from} to {report.data.to}
            {report.data.isPreliminary ? ' (the quarter has not ended: preliminary)' : ''}, {report.data.lcsas.length}{' '}
            {report.data.lcsas.length === 1 ? 'LCSA' : 'LCSAs'}.{' '}
            <a className="usa-link" href={`/api/finance/ocse34.xlsx?quarter=${quarter}`} download>
              Download the report by LCSA (XLSX)
            </a>{' '}
            ·{' '}
            <a className="usa-link" href={`/api/finance/ocse34.pdf?quarter=${quarter}`} download>
              the report as a document (PDF)
            </a>
          </p>
          <TableRegion label="Collections">
            <table className="usa-table usa-table--compact width-full" data-testid="ocse34-collections">
              <caption>Collections: what was available to distribute</caption>
              <TableHead columns={['Line', 'Description', 'Amount']} />
              <tbody>
                <tr>
                  <th scope="row">1</th>
                  <td>Undistributed at the start of the quarter</td>
                  <td>
                    <Figure figure="line1" cents={t.line1} label="line 1" onShow={show} />
                  </td>
                </tr>
                {(Object.keys(sourceLabels) as (keyof Lines['line2'])[]).map((line) => (
                  <tr key={line}>
                    <th scope="row">{line}</th>
                    <td>{sourceLabels[line]}</td>
                    <td>
                      <Figure figure={line} cents={t.line2[line]} label={`line ${line}`} onShow={show} />
                    </td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">2</th>
                  <td>Collections received in the quarter</td>
                  <td>{formatCents(t.line2Total)}</td>
                </tr>
                <tr>
                  <th scope="row">3</th>
                  <td>Net adjustments (refunds)</td>
                  <td>
                    <Figure figure="line3" cents={t.line3} label="line 3" onShow={show} />
                  </td>
                </tr>
                <tr>
                  <th scope="row">5</th>
                  <td>Available for distribution</td>
                  <td>{formatCents(t.line5)}</td>
                </tr>
              </tbody>
            </table>
          </TableRegion>
          <TableRegion label="Distribution">
            <table className="usa-table usa-table--compact width-full" data-testid="ocse34-distribution">
              <caption>Distributed in the quarter: {formatCents(t.distributedTotal)}</caption>
              <TableHead columns={['Distributed as', ...Object.values(columnLabels)]} />
              <tbody>
                {(Object.keys(rowLabels) as (keyof Lines['distributed']['A'])[]).map((row) => (
                  <tr key={row}>
                    <th scope="row">{rowLabels[row]}</th>
                    {(['A', 'C', 'F'] as const).map((column) => (
                      <td key={column}>
                        <Figure figure={`${column}:${row}`} cents={t.distributed[column][row]} label={`${rowLabels[row]}, column ${column}`} onShow={show} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <TableRegion label="Undistributed">
            <table className="usa-table usa-table--compact width-full" data-testid="ocse34-undistributed">
              <caption>Undistributed at the end of the quarter, by age: {formatCents(t.undistributedTotal)}</caption>
              <TableHead columns={['Held for', 'Amount']} />
              <tbody>
                {(Object.keys(bandLabels) as (keyof Lines['undistributed'])[]).map((band) => (
                  <tr key={band}>
                    <th scope="row">{bandLabels[band]}</th>
                    <td>
                      <Figure
                        figure={`undistributed:${band}`}
                        cents={t.undistributed[band]}
                        label={`undistributed ${bandLabels[band].toLowerCase()}`}
                        onShow={show}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : null}
      {shown ? <ErrorAlert error={items.error} /> : null}
      {shown && items.data ? (
        <TableRegion label="Receipts behind the figure">
          <table className="usa-table usa-table--compact width-full" data-testid="ocse34-items">
            <caption>
              Behind {shown.label}: {items.data.count} {items.data.count === 1 ? 'amount' : 'amounts'}, {formatCents(items.data.totalCents)} in all
              {items.data.count > items.data.items.length ? ` (the ${items.data.items.length} largest shown)` : ''}
            </caption>
            <TableHead columns={['Case', 'Receipt or reference', 'Date', 'Amount']} />
            <tbody>
              {items.data.items.map((i, k) => (
                <tr key={k}>
                  <th scope="row">
                    <Link to="/cases/$caseId" params={{ caseId: i.caseId }} className="usa-link">
                      {i.caseNumber}
                    </Link>
                  </th>
                  <td>{i.ref}</td>
                  <td>{i.date}</td>
                  <td>{formatCents(i.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </section>
  );
}
