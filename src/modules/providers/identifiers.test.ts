/** Org-id identifiers by scheme (domain-rules 3.3: UK org-id list codes and example ids). */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkIdentifier, orgId, parseOrgId, SCHEME_CODES, type IdentifierScheme } from './identifiers.ts'

const accepted = (scheme: IdentifierScheme, raw: string) => {
  const result = checkIdentifier(scheme, raw)
  assert.ok(result.ok, `${scheme} ${raw} should be accepted: ${result.ok ? '' : result.message}`)
  return result.identifier
}
const refused = (scheme: IdentifierScheme, raw: string) => {
  const result = checkIdentifier(scheme, raw)
  assert.equal(result.ok, false, `${scheme} ${raw} should be refused`)
  return result.ok ? '' : result.message
}

describe('GB-COH (Companies House)', () => {
  test('the example from domain-rules 3.3 is kept as it is', () => {
    assert.equal(accepted('GB-COH', '04336774'), '04336774')
    assert.equal(accepted('GB-COH', '09506232'), '09506232')
  })
  test('a number typed without leading zeros is padded to 8 digits', () => {
    assert.equal(accepted('GB-COH', '4336774'), '04336774')
    assert.equal(accepted('GB-COH', ' 433 6774 '), '04336774')
  })
  test('Scottish, Northern Irish and LLP prefixes are allowed, in any case', () => {
    assert.equal(accepted('GB-COH', 'sc123456'), 'SC123456')
    assert.equal(accepted('GB-COH', 'NI012345'), 'NI012345')
    assert.equal(accepted('GB-COH', 'OC412345'), 'OC412345')
    assert.equal(accepted('GB-COH', 'SC12345'), 'SC012345')
  })
  test('a full org-id pasted in has its scheme removed', () => {
    assert.equal(accepted('GB-COH', 'GB-COH-04336774'), '04336774')
  })
  test('too long, unknown prefixes and letters are refused with a message saying what to enter', () => {
    assert.match(refused('GB-COH', '123456789'), /8 characters, like 04336774/)
    refused('GB-COH', 'XX123456')
    refused('GB-COH', 'ABCDEFGH')
    assert.match(refused('GB-COH', ''), /Enter the Companies House identifier/)
  })
})

describe('charity registers', () => {
  test('GB-CHC: 6 or 7 digits, optionally a linked charity suffix (1090095 from domain-rules 3.3)', () => {
    assert.equal(accepted('GB-CHC', '1090095'), '1090095')
    assert.equal(accepted('GB-CHC', '512345'), '512345')
    assert.equal(accepted('GB-CHC', '1090095-1'), '1090095-1')
    refused('GB-CHC', '12345')
    refused('GB-CHC', '12345678')
    refused('GB-CHC', '1090095-A')
  })
  test('GB-SC: SC and 6 digits (SC042386)', () => {
    assert.equal(accepted('GB-SC', 'SC042386'), 'SC042386')
    assert.equal(accepted('GB-SC', 'sc 042386'), 'SC042386')
    refused('GB-SC', '042386')
    refused('GB-SC', 'SC42386')
  })
  test('GB-NIC: 6 digits (100019)', () => {
    assert.equal(accepted('GB-NIC', '100019'), '100019')
    assert.equal(accepted('GB-NIC', 'NIC100019'), '100019')
    refused('GB-NIC', '10001')
  })
})

describe('other registers', () => {
  test('GB-MPR: society numbers like 235C and IP031455', () => {
    assert.equal(accepted('GB-MPR', '235C'), '235C')
    assert.equal(accepted('GB-MPR', 'ip031455'), 'IP031455')
    assert.equal(accepted('GB-MPR', '30062R'), '30062R')
    refused('GB-MPR', 'ABC')
  })
  test('GB-EDU URN 125554, GB-UKPRN 10000346', () => {
    assert.equal(accepted('GB-EDU', '125554'), '125554')
    refused('GB-EDU', '12555')
    assert.equal(accepted('GB-UKPRN', '10000346'), '10000346')
    refused('GB-UKPRN', '20000346')
  })
  test('GB-NHS ODS codes RAX and 01F; GB-SHPE LH4401; GB-LAE WOT and the combined authority GMCA', () => {
    assert.equal(accepted('GB-NHS', 'rax'), 'RAX')
    assert.equal(accepted('GB-NHS', '01F'), '01F')
    refused('GB-NHS', 'R!')
    assert.equal(accepted('GB-SHPE', 'LH4401'), 'LH4401')
    refused('GB-SHPE', 'LHX')
    assert.equal(accepted('GB-LAE', 'wot'), 'WOT')
    assert.equal(accepted('GB-LAE', 'gmca'), 'GMCA')
    refused('GB-LAE', 'WOTSX')
    refused('GB-LAE', 'WO')
  })
  test('GB-PPON (Find a Tender, not yet in org-id.guide): PBCP-5168-ZDGP', () => {
    assert.equal(accepted('GB-PPON', 'pbcp-5168-zdgp'), 'PBCP-5168-ZDGP')
    assert.equal(accepted('GB-PPON', 'GB-PPON-PBCP-5168-ZDGP'), 'PBCP-5168-ZDGP')
    refused('GB-PPON', 'PBCP5168ZDGP')
  })
  test('every scheme has a rule and refuses an empty identifier', () => {
    for (const scheme of SCHEME_CODES) refused(scheme, '   ')
  })
})

describe('org-id strings', () => {
  test('are written scheme-hyphen-identifier, as parties are in OCDS (GB-COH-09121572)', () => {
    assert.equal(orgId({ scheme: 'GB-COH', identifier: '09121572' }), 'GB-COH-09121572')
  })
  test('are read back from a search box, normalised', () => {
    assert.deepEqual(parseOrgId('gb-coh-4336774'), { scheme: 'GB-COH', identifier: '04336774' })
    assert.deepEqual(parseOrgId('GB-SC-SC042386'), { scheme: 'GB-SC', identifier: 'SC042386' })
    assert.equal(parseOrgId('Riverside'), undefined)
    assert.equal(parseOrgId('GB-COH-NOTANUMBER'), undefined)
  })
})
