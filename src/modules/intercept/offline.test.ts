import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { shippedNicknames } from './nicknames';
import { claimsPerBlock, matchFiles, writeSyntheticFiles } from './offline';
import { splitLines } from './offline-files';
import { syntheticPopulation } from './synthetic';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-intercept-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const header = 'claim_id,ssn,first_name,last_name,date_of_birth,address_line1,zip';
const files = { obligors: path.join(dir, 'obligors.csv'), claims: path.join(dir, 'claims.csv'), out: path.join(dir, 'matches.csv') };

describe('file-to-file matching', () => {
  it('writes one line per claim and finds the labelled obligors', async () => {
    writeSyntheticFiles(dir, syntheticPopulation({ obligors: 3_000, claimants: 3_000, seed: 11 }));
    const progress: number[] = [];
    const summary = await matchFiles({ ...files, nicknames: shippedNicknames(), onProgress: (done) => progress.push(done) });
    expect(summary).toMatchObject({ obligors: 3_000, claims: 3_000 });
    expect(summary.match + summary.review + summary.noMatch).toBe(3_000);
    expect(progress.at(-1)).toBe(fs.statSync(files.claims).size);
    const matches = parse(fs.readFileSync(files.out), { columns: true }) as { claim_id: string; outcome: string; obligor_id: string; evidence: string }[];
    const truth = new Map(
      (parse(fs.readFileSync(path.join(dir, 'truth.csv')), { columns: true }) as { claim_id: string; obligor_id: string }[]).map((t) => [
        t.claim_id,
        t.obligor_id,
      ]),
    );
    expect(matches).toHaveLength(3_000);
    const auto = matches.filter((m) => m.outcome === 'match');
    const correct = auto.filter((m) => truth.get(m.claim_id) === m.obligor_id).length;
    const real = [...truth.values()].filter(Boolean).length;
    expect(correct / auto.length).toBeGreaterThanOrEqual(0.995);
    expect(correct / real).toBeGreaterThanOrEqual(0.97);
    expect(auto[0]!.evidence).toMatch(/^ssn=\w+:-?[\d.]+;lastName=/);
    // The weights were estimated from these files, and the evidence carries them.
    expect(summary.estimate).toMatchObject({ isEstimated: true, converged: true });
    const exact = summary.estimate!.policy.ssn.exact;
    expect(auto[0]!.evidence).toContain(`ssn=exact:${Math.round(Math.log2(exact.m / exact.u) * 100) / 100}`);
  });

  it('estimates the weights from FEBRL-style files and matches them, or uses the weights given as they are', async () => {
    writeSyntheticFiles(dir, syntheticPopulation({ obligors: 3_000, claimants: 3_000, seed: 13, errors: 'febrl' }));
    const truth = parse(fs.readFileSync(path.join(dir, 'truth.csv')), { columns: true }) as { claim_id: string; obligor_id: string; errors: string }[];
    expect(truth.find((t) => t.obligor_id)!.errors).toMatch(/^[a-z_]+( [a-z_]+)*$/);
    const estimated = await matchFiles({ ...files, nicknames: shippedNicknames() });
    const correct = (parse(fs.readFileSync(files.out), { columns: true }) as { claim_id: string; outcome: string; obligor_id: string }[]).filter(
      (m, i) => m.outcome === 'match' && m.obligor_id === truth[i]!.obligor_id,
    ).length;
    expect(correct).toBe(estimated.match);
    expect(correct / truth.filter((t) => t.obligor_id).length).toBeGreaterThanOrEqual(0.9);
    const given = await matchFiles({ ...files, nicknames: shippedNicknames(), policy: estimated.estimate!.policy, estimate: false });
    expect(given.estimate).toBeNull();
    expect({ ...given, seconds: 0, estimate: null }).toEqual({ ...estimated, seconds: 0, estimate: null });
  });

  it('writes the same file with one thread and with two, blocks in the claims file’s order', async () => {
    writeSyntheticFiles(dir, syntheticPopulation({ obligors: 3_000, claimants: 3 * claimsPerBlock + 17, seed: 12 }));
    const one = await matchFiles({ ...files, nicknames: shippedNicknames(), threads: 1 });
    const single = fs.readFileSync(files.out, 'utf8');
    const two = await matchFiles({ ...files, nicknames: shippedNicknames(), threads: 2 });
    expect(fs.readFileSync(files.out, 'utf8')).toBe(single);
    expect({ ...two, seconds: 0 }).toEqual({ ...one, seconds: 0 });
    const ids = (parse(single, { columns: true }) as { claim_id: string }[]).map((m) => m.claim_id);
    expect(ids).toEqual(Array.from({ length: 3 * claimsPerBlock + 17 }, (_, i) => `C${i + 1}`));
  });

  it('with --strict, reports the first problem in file order whichever thread meets it, and leaves no partial output', async () => {
    fs.rmSync(files.out, { force: true });
    const good = 'A,123456789,ANA,RUIZ,1980-01-01,,';
    const lines = Array.from({ length: 2 * claimsPerBlock }, () => good);
    // The first thread meets its problem at the end of its share; the second meets one at the start of its own, sooner.
    lines[claimsPerBlock - 20] = 'B,12-34,ANA,RUIZ,1980-01-01,,';
    lines[claimsPerBlock + 20] = 'C,123456789,ANA,RUIZ,1980-13-45x,,';
    fs.writeFileSync(files.claims, `${header}\n${lines.join('\n')}\n`);
    for (const threads of [1, 2]) {
      await expect(matchFiles({ ...files, nicknames: shippedNicknames(), threads, isStrict: true })).rejects.toThrow(
        `${files.claims} line ${claimsPerBlock - 18}, field ssn`,
      );
    }
    expect(fs.existsSync(files.out)).toBe(false);
    // A problem in the obligors file stops both threads while they build the index together.
    const obligors = fs.readFileSync(files.obligors, 'utf8').split('\n');
    const fields = obligors[3]!.split(',');
    obligors[3] = [fields[0], '12345', ...fields.slice(2)].join(',');
    fs.writeFileSync(files.obligors, obligors.join('\n'));
    await expect(matchFiles({ ...files, nicknames: shippedNicknames(), threads: 2, isStrict: true })).rejects.toThrow(
      `${files.obligors} line 4, field ssn: not nine digits.`,
    );
    // One in the second thread's share alone stops the first thread too.
    obligors[3] = [fields[0], ...fields.slice(1)].join(',');
    obligors[obligors.length - 10] = `${obligors[obligors.length - 10]},extra`;
    fs.writeFileSync(files.obligors, obligors.join('\n'));
    await expect(matchFiles({ ...files, nicknames: shippedNicknames(), threads: 2, isStrict: true })).rejects.toThrow(
      `${files.obligors} line ${obligors.length - 9}: 8 fields where the header has 7.`,
    );
    // A file that cannot be read while the threads start stops them too (the run ends, with the reason).
    const unreadable = path.join(dir, 'a-directory');
    fs.mkdirSync(unreadable, { recursive: true });
    await expect(matchFiles({ ...files, claims: unreadable, nicknames: shippedNicknames(), threads: 2, isStrict: true })).rejects.toThrow(/EISDIR/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('reads quoted fields, columns in any order, extra columns and a byte-order mark, on one thread or two', async () => {
    fs.writeFileSync(
      files.obligors,
      '\uFEFFzip,obligor_id,extra,ssn,first_name,last_name,date_of_birth,address_line1\n90012,O1,x,123456789,"Ana, María",Ruiz,1980-01-01,"12 ""Oak"" Ave"\n',
    );
    // Line ends \r\n, blank lines before the header, and a second thread that reads the columns from the header line it is given.
    const claim = (i: number) => `"12 ""Oak"" Ave",x,C${i}, 123456789 ,ANA MARIA,RUIZ,1980-01-01,90012`;
    const claimLines = Array.from({ length: 500 }, (_, i) => claim(i + 1));
    fs.writeFileSync(files.claims, `\r\n\r\naddress_line1,extra,claim_id,ssn,first_name,last_name,date_of_birth,zip\r\n${claimLines.join('\r\n')}\r\n`);
    for (const threads of [1, 2]) {
      const summary = await matchFiles({ ...files, nicknames: shippedNicknames(), threads });
      expect(summary).toMatchObject({ obligors: 1, claims: 500, match: 500 });
      const lines = parse(fs.readFileSync(files.out), { columns: true }) as { claim_id: string; obligor_id: string; evidence: string }[];
      expect(lines.map((l) => l.claim_id)).toEqual(claimLines.map((_, i) => `C${i + 1}`));
      expect(lines.at(-1)).toMatchObject({ claim_id: 'C500', obligor_id: 'O1' });
      expect(lines.at(-1)!.evidence).toContain('address=same');
    }
  });

  it('splits a file into shares of whole lines and numbers their first lines', async () => {
    const text = `\n\nh1,h2\n${Array.from({ length: 99 }, (_, i) => `a${i},b`).join('\n')}\n\nlast,x`;
    fs.writeFileSync(files.claims, text);
    for (const parts of [1, 2, 3, 7]) {
      const { ranges, lines } = await splitLines(files.claims, parts);
      expect(lines).toBe(text.split('\n').length);
      expect(ranges).toHaveLength(parts);
      expect(ranges[0]!.start).toBe(0);
      expect(ranges.at(-1)!.end).toBe(text.length);
      for (const [k, range] of ranges.entries()) {
        expect(range).toMatchObject({ header: 'h1,h2', headerLine: 3 });
        if (k > 0) expect(range.start).toBe(ranges[k - 1]!.end);
        if (range.start === range.end) continue;
        // Each share starts at the start of a line, after the header, and knows that line's number.
        if (k > 0) expect(text[range.start - 1]).toBe('\n');
        if (k > 0) expect(range.start).toBeGreaterThan(text.indexOf('h1,h2'));
        expect(range.firstLine).toBe(text.slice(0, range.start).split('\n').length);
      }
    }
  });

  it('with --strict, names the file, line and field of a bad value, and a missing column', async () => {
    fs.writeFileSync(
      files.claims,
      'claim_id,ssn,first_name,last_name,date_of_birth,address_line1,zip\nA,123456789,ANA,RUIZ,1980-01-01,,\nB,12-34,ANA,RUIZ,1980-01-01,,\n',
    );
    await expect(matchFiles({ ...files, nicknames: shippedNicknames(), isStrict: true })).rejects.toThrow(
      `${files.claims} line 3, field ssn: not nine digits.`,
    );
    // Blank lines are counted, so the line number is still the file's.
    fs.writeFileSync(files.claims, `${header}\n\nA,123456789,ANA,RUIZ,1980-01-01,,\n\nB,123456789,ANA,RUIZ,1980-01-01\n`);
    await expect(matchFiles({ ...files, nicknames: shippedNicknames(), isStrict: true })).rejects.toThrow(
      `${files.claims} line 5: 5 fields where the header has 7.`,
    );
    fs.writeFileSync(files.claims, `${header}\nA,123456789,"ANA,RUIZ,1980-01-01,,\nB,123456789,ANA,RUIZ,1980-01-01,,\n`);
    await expect(matchFiles({ ...files, nicknames: shippedNicknames(), isStrict: true })).rejects.toThrow(`${files.claims} line 2`);
    fs.writeFileSync(files.claims, `${header}\nA,123456789,"ANA\nMARIA",RUIZ,1980-01-01,,\n`);
    await expect(matchFiles({ ...files, nicknames: shippedNicknames(), isStrict: true })).rejects.toThrow(
      `${files.claims} line 2, field first_name: has a line break (or a quote left open).`,
    );
    fs.writeFileSync(files.claims, 'claim_id,ssn,first_name\nA,123456789,ANA\n');
    await expect(matchFiles({ ...files, nicknames: shippedNicknames(), isStrict: true })).rejects.toThrow(
      'line 1: missing column(s) last_name, date_of_birth, address_line1, zip',
    );
  });

  it('by default skips and reports: a bad value is read as missing, a line that cannot be read is left out, the rest is matched', async () => {
    writeSyntheticFiles(dir, syntheticPopulation({ obligors: 400, claimants: 400, seed: 5 }));
    const obligors = fs.readFileSync(files.obligors, 'utf8').split('\n');
    obligors[5] = obligors[5]!.replace(/^([^,]*),(\d{9})/, '$1,12345678'); // an 8-digit SSN
    obligors[9] = `${obligors[9]},extra`; // a line with a field too many
    fs.writeFileSync(files.obligors, obligors.join('\n'));
    const claims = fs.readFileSync(files.claims, 'utf8').split('\n');
    const good = claims.slice(1, 9).map((line) => line.split(','));
    claims[1] = [good[0]![0], 'N/A', ...good[0]!.slice(2)].join(',');
    claims[2] = [...good[1]!.slice(0, 4), '04/07/1980', ...good[1]!.slice(5)].join(',');
    claims[3] = [...good[2]!.slice(0, 4), '1980-02-30', ...good[2]!.slice(5)].join(',');
    claims[4] = good[3]!.slice(0, 3).join(','); // a short row
    claims[5] = ['', ...good[4]!.slice(1)].join(','); // no claim id
    fs.writeFileSync(files.claims, claims.join('\n'));
    const outputs: string[] = [];
    for (const threads of [1, 2]) {
      const summary = await matchFiles({ ...files, nicknames: shippedNicknames(), threads });
      expect(summary).toMatchObject({
        obligors: 399,
        claims: 398,
        linesLeftOut: 3,
        valuesMissing: 3,
        valuesDoubtful: 1,
        errorsFile: path.join(dir, 'matches.errors.csv'),
      });
      outputs.push(fs.readFileSync(files.out, 'utf8'));
      const errors = parse(fs.readFileSync(summary.errorsFile!), { columns: true }) as Record<string, string>[];
      expect(errors.map((e) => [path.basename(e.file!), e.line, e.field, e.reason, e.what_was_done])).toEqual([
        ['obligors.csv', '6', 'ssn', 'not nine digits', 'read as missing'],
        ['obligors.csv', '10', '', '8 fields where the header has 7', 'line left out'],
        ['claims.csv', '2', 'ssn', 'not nine digits', 'read as missing'],
        ['claims.csv', '3', 'date_of_birth', 'not YYYY-MM-DD', 'read as missing'],
        ['claims.csv', '4', 'date_of_birth', 'not a real calendar date', 'compared as written'],
        ['claims.csv', '5', '', '3 fields where the header has 7', 'line left out'],
        ['claims.csv', '6', '', 'the id is empty', 'line left out'],
      ]);
      // The claims with a bad value are still in the output, matched on the rest; the short row and the one without an id are not.
      const matched = new Map((parse(outputs.at(-1)!, { columns: true }) as { claim_id: string; outcome: string }[]).map((m) => [m.claim_id, m.outcome]));
      expect(matched.size).toBe(398);
      expect(matched.has(good[3]![0]!)).toBe(false);
      for (const g of [good[1]!, good[2]!]) expect(matched.get(g[0]!)).toBeDefined();
    }
    expect(outputs[1]).toBe(outputs[0]);
    // A clean run removes the errors file a previous run left.
    writeSyntheticFiles(dir, syntheticPopulation({ obligors: 50, claimants: 50, seed: 6 }));
    expect((await matchFiles({ ...files, nicknames: shippedNicknames() })).errorsFile).toBeNull();
    expect(fs.existsSync(path.join(dir, 'matches.errors.csv'))).toBe(false);
  });
});
