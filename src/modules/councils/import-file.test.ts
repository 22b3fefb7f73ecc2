import assert from 'node:assert/strict'
import fs from 'node:fs'
import { describe, test } from 'node:test'
import { normaliseHeader, parseCouncilFile, parseDate, typeFromGss, type ParsedCouncilFile } from './import-file.ts'

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/councils/${name}`, import.meta.url))
const csv = (text: string) => Buffer.from(text, 'utf8')

function readable(file: ParsedCouncilFile) {
  assert.equal(file.ok, true, file.ok ? '' : file.reason)
  return file as Extract<ParsedCouncilFile, { ok: true }>
}

describe('reading an ONS file of local authority districts', () => {
  test('reads codes and names, and types from the GSS entity prefix', () => {
    const file = readable(parseCouncilFile(fixture('ons-lad23.csv')))
    assert.equal(file.format, 'ons')
    assert.equal(file.rowsRead, 8)
    const types = Object.fromEntries(file.councils.map((c) => [c.gssCode, c.type]))
    assert.deepEqual(types, {
      E06000002: 'unitary',
      E06000065: 'unitary',
      E07000008: 'district',
      E08000025: 'metropolitan-district',
      E09000001: 'city-of-london',
      E09000011: 'london-borough',
      E10000016: 'county',
    })
    const middlesbrough = file.councils[0]!
    assert.equal(middlesbrough.name, 'Middlesbrough')
    assert.equal(middlesbrough.laeCode, null)
    assert.equal(middlesbrough.startDate, undefined, 'no date columns: keep what is stored')
    assert.equal(middlesbrough.replacedBy, undefined)
  })

  test('skips Welsh, Scottish and Northern Irish authorities with a reason', () => {
    const file = readable(parseCouncilFile(fixture('ons-lad23.csv')))
    assert.deepEqual(file.skipped, [{ line: 9, reason: 'Cardiff is not an English authority; Catalyst records English councils only' }])
    assert.equal(file.rejected.length, 0)
  })

  test('accepts any year and geography in ONS column names', () => {
    for (const [code, name] of [['LAD21CD', 'LAD21NM'], ['CTY23CD', 'CTY23NM'], ['UTLA22CD', 'UTLA22NM'], ['ctyua_24_cd', 'CTYUA24NM']]) {
      const file = readable(parseCouncilFile(csv(`${code},${name}\nE10000016,Kent\n`)))
      assert.equal(file.councils[0]?.gssCode, 'E10000016', code)
      assert.equal(file.councils[0]?.name, 'Kent', name)
    }
  })

  test('reads the region from mySociety’s region column or ONS’s lookup of districts to regions', () => {
    const mysociety = readable(parseCouncilFile(csv('local-authority-code,official-name,gss-code,region\nMDB,Middlesbrough Council,E06000002,North  East\nKEN,Kent County Council,E10000016,\n')))
    assert.deepEqual(mysociety.councils.map((c) => c.region), ['North East', null])
    const ons = readable(parseCouncilFile(csv('LAD23CD,LAD23NM,RGN23CD,RGN23NM\nE07000008,Cambridge,E12000006,East of England\n')))
    assert.equal(ons.councils[0]?.region, 'East of England')
    assert.equal(ons.councils[0]?.gssCode, 'E07000008', 'the region code is not taken for the council’s code')
  })

  test('uses the name column of the same geography when a lookup has several', () => {
    const file = readable(parseCouncilFile(csv('LAD23CD,CTY23NM,LAD23NM\nE07000008,Cambridgeshire,Cambridge\n')))
    assert.equal(file.councils[0]?.name, 'Cambridge')
  })
})

describe('reading mySociety’s register of local authorities', () => {
  test('reads GB-LAE codes, types, dates and successors', () => {
    const file = readable(parseCouncilFile(fixture('mysociety.csv')))
    assert.equal(file.format, 'mysociety')
    const harrogate = file.councils.find((c) => c.laeCode === 'HAG')!
    assert.deepEqual(harrogate, {
      line: 4,
      name: 'Harrogate Borough Council',
      gssCode: 'E07000165',
      laeCode: 'HAG',
      type: 'district',
      startDate: '1974-04-01',
      endDate: '2023-03-31',
      replacedBy: ['NYE'],
      altNames: ['Harrogate'],
      region: undefined,
    })
    const north = file.councils.find((c) => c.laeCode === 'NYE')!
    assert.equal(north.endDate, null)
    assert.equal(north.replacedBy, null)
    const byCode = Object.fromEntries(file.councils.map((c) => [c.laeCode, c.type]))
    assert.equal(byCode.GRE, 'london-borough')
    assert.equal(byCode.LND, 'city-of-london')
    assert.equal(byCode.KEN, 'county')
    assert.equal(byCode.BIR, 'metropolitan-district')
    assert.equal(byCode.CAB, 'district')
    assert.deepEqual(file.skipped.map((s) => s.line), [10, 11])
  })

  test('column names match whatever their case, spaces, underscores and hyphens', () => {
    assert.equal(normaliseHeader('\uFEFFLocal Authority Code '), 'localauthoritycode')
    assert.equal(normaliseHeader('official_name'), 'officialname')
    assert.equal(normaliseHeader('GSS-Code'), 'gsscode')
    const file = readable(parseCouncilFile(csv('OFFICIAL NAME,Gss_Code,local authority type\nKent County Council,E10000016,cty\n')))
    assert.equal(file.councils[0]?.type, 'county')
  })

  test('a council split between several successors keeps them all for the importer to decide', () => {
    const file = readable(parseCouncilFile(csv('local-authority-code,official-name,replaced-by\nNTH,Northamptonshire County Council,"NNT, WNT"\n')))
    assert.deepEqual(file.councils[0]?.replacedBy, ['NNT', 'WNT'])
    assert.equal(file.councils[0]?.type, 'other', 'no type and no GSS code')
  })
})

describe('a messy file', () => {
  const file = readable(parseCouncilFile(fixture('messy.csv')))

  test('a UTF-8 BOM is removed before the header is read', () => {
    assert.equal(file.encoding, 'utf-8 with BOM')
    assert.equal(file.councils[0]?.laeCode, 'MDB')
  })

  test('every row it cannot read is reported with its line number and why', () => {
    assert.deepEqual(file.rejected, [
      { line: 4, reason: 'no council name' },
      { line: 5, reason: '"E7000123" is not a GSS code for an English area: it should be E and 8 digits, like E06000002' },
      { line: 7, reason: '"XYZ" is not a local authority type Catalyst knows (CTY, NMD, UA, MD, LBO, CC, COMB, SRA)' },
      { line: 9, reason: '"1 April 1974" is not a date (start date): use 2023-04-01 or 01/04/2023' },
      { line: 10, reason: 'GB-LAE code MDB is also on line 2' },
      { line: 11, reason: 'Nowhere Council has no GSS code or GB-LAE code' },
    ])
    assert.equal(file.rowsRead, 9, 'the blank line is not a row')
  })

  test('UK day-first dates are read', () => {
    assert.equal(file.councils[0]?.startDate, '1996-04-01')
    const northants = file.councils.find((c) => c.laeCode === 'NOR')!
    assert.equal(northants.endDate, '2021-03-31')
  })

  test('a double-encoded BOM is removed too', () => {
    const bom = readable(parseCouncilFile(csv('ï»¿gss-code,name\nE06000002,Middlesbrough\n')))
    assert.equal(bom.councils[0]?.gssCode, 'E06000002')
  })

  test('Windows-1252 text is read as such', () => {
    const cp1252 = readable(parseCouncilFile(fixture('ons-cp1252.csv')))
    assert.equal(cp1252.encoding, 'windows-1252')
    assert.equal(cp1252.councils[1]?.name, 'King’s Lynn and West Norfolk')
    assert.equal(cp1252.councils[2]?.name, 'Westmorland and Furness')
  })

  test('an end date before the start date and a GSS code that is not a council are rejected', () => {
    const bad = readable(parseCouncilFile(csv('gss-code,name,start-date,end-date\nE06000002,Middlesbrough,2020-01-01,2019-12-31\nE05000001,A Ward,,\n')))
    assert.deepEqual(bad.rejected.map((r) => r.line), [2, 3])
    assert.match(bad.rejected[0]!.reason, /end date 2019-12-31 is before the start date 2020-01-01/)
    assert.match(bad.rejected[1]!.reason, /E05000001 is not the code of a council/)
  })
})

describe('a file that cannot be read at all', () => {
  test('no name or code column', () => {
    const result = parseCouncilFile(csv('Supplier,Amount\nAcme Ltd,100\n'))
    assert.equal(result.ok, false)
    assert.match(!result.ok ? result.reason : '', /no column of council names .* among "Supplier", "Amount"/)
    const noCode = parseCouncilFile(csv('name,population\nKent,1500000\n'))
    assert.match(!noCode.ok ? noCode.reason : '', /no column of council codes/)
  })

  test('empty, binary or broken CSV', () => {
    assert.deepEqual(parseCouncilFile(new Uint8Array()), { ok: false, reason: 'the file is empty' })
    const zip = parseCouncilFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]))
    assert.match(!zip.ok ? zip.reason : '', /not a CSV file/)
    const broken = parseCouncilFile(csv('gss-code,name\n"E06000002,Middlesbrough\n'))
    assert.match(!broken.ok ? broken.reason : '', /not valid CSV/)
  })
})

describe('dates and types', () => {
  test('parseDate reads ISO and UK dates and refuses impossible ones', () => {
    assert.equal(parseDate('2023-04-01'), '2023-04-01')
    assert.equal(parseDate('2023-04-01T00:00:00Z'), '2023-04-01')
    assert.equal(parseDate('1/4/2023'), '2023-04-01')
    assert.equal(parseDate('31/03/2023'), '2023-03-31')
    assert.equal(parseDate('31/02/2023'), undefined)
    assert.equal(parseDate('April 2023'), undefined)
  })

  test('typeFromGss follows the ONS entity codes', () => {
    assert.equal(typeFromGss('E47000001'), 'combined-authority')
    assert.equal(typeFromGss('E05000001'), undefined)
  })
})
