/**
 * The family-violence rule in one place: a flagged person's address never leaves the system.
 * Every outbound document, export and partner API takes a person's address through this helper.
 *
 * @example
 *   outboundAddress({ hasFamilyViolenceFlag: true, addressLine1: '1 Main St', ... })
 *   // { isSuppressed: true, lines: ['Address withheld (confidential)'] }
 */
export interface AddressHolder {
  hasFamilyViolenceFlag: boolean;
  addressLine1: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

export interface OutboundAddress {
  isSuppressed: boolean;
  lines: string[];
}

export const suppressedAddressText = 'Address withheld (confidential)';

/** The address as display lines, for use inside Concord only; anything outbound uses outboundAddress. */
export function addressLines(person: Omit<AddressHolder, 'hasFamilyViolenceFlag'>): string[] {
  const cityLine = [person.city, [person.state, person.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [person.addressLine1, cityLine].filter((l): l is string => Boolean(l));
}

export function outboundAddress(person: AddressHolder): OutboundAddress {
  if (person.hasFamilyViolenceFlag) return { isSuppressed: true, lines: [suppressedAddressText] };
  return { isSuppressed: false, lines: addressLines(person) };
}
