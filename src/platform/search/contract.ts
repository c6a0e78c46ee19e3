/** The one search box: what it is asked and what it answers (the web app imports this file). */
import { Type, type Static } from 'typebox';

export const searchHitKinds = ['case', 'person', 'order', 'receipt', 'insurer_claim'] as const;
export type SearchHitKind = (typeof searchHitKinds)[number];

export const SearchRequestSchema = Type.Object(
  {
    q: Type.String({
      minLength: 2,
      maxLength: 100,
      description:
        'A case number, court order number, receipt id or insurer claim number (or their first characters), a name (typos tolerated), or the last four of an SSN with a date of birth ("1234 05/02/1980")',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);
export type SearchRequest = Static<typeof SearchRequestSchema>;

export const SearchHitSchema = Type.Object({
  kind: Type.Enum(searchHitKinds),
  id: Type.String(),
  title: Type.String(),
  detail: Type.String(),
  /** The web app's page for the hit. */
  href: Type.String(),
  lcsaId: Type.Union([Type.String(), Type.Null()]),
  /** How well it matched, 0–1 (1: exact). */
  score: Type.Number(),
});
export type SearchHit = Static<typeof SearchHitSchema>;

export const SearchResultSchema = Type.Object({
  /** What the text was read as: identifiers, a name, an SSN's last four with a birth date. */
  readAs: Type.Array(Type.Enum(['identifier', 'name', 'ssn_last4_dob'] as const)),
  /** Set when the text cannot be searched as typed, saying why in words (e.g. last four without a birth date). */
  hint: Type.Union([Type.String(), Type.Null()]),
  items: Type.Array(SearchHitSchema),
});
export type SearchResult = Static<typeof SearchResultSchema>;
