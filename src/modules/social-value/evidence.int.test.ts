/**
 * Evidence files on a provider's social value return (ADR 0060), through real HTTP on the real database: what is
 * accepted, what is refused and why (with nothing written), and who may download a file.
 */
import assert from 'node:assert/strict'
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { deflateSync } from 'node:zlib'
import { after, before, describe, test } from 'node:test'
import { and, asc, eq, ne, sql } from 'drizzle-orm'
import { createTestApp, pageText, type TestApp, type TestClient } from '../../../test/support/app.ts'
import { auditEntries } from '../../platform/audit/schema.ts'
import { systemActor } from '../../platform/audit/audit.ts'
import { keepFile } from '../../platform/files/kept-files.ts'
import { findCouncil } from '../councils/service.ts'
import { providers } from '../providers/schema.ts'
import { reportDelivery } from './commitments.ts'
import { svCommitments, svEvidenceFiles, svReturns } from './schema.ts'

let t: TestApp
let provider: TestClient
let commissioner: TestClient
let councillor: TestClient
let otherAdmin: TestClient
let reportUrl = ''
let riverside = ''
/** A commitment of another provider of the same council. */
let othersCommitment = { providerId: '', id: '' }

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

/** A real one-pixel PNG. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])))
    return Buffer.concat([length, Buffer.from(type), data, crc])
  }
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))), chunk('IEND', Buffer.alloc(0))])
}
function crc32(bytes: Buffer): number {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

const RETURN_FIELDS = { quantity: '3', 'periodStart-day': '1', 'periodStart-month': '4', 'periodStart-year': '2025', 'periodEnd-day': '30', 'periodEnd-month': '9', 'periodEnd-year': '2025' }

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }) {
  const boundary = '----catalyst-evidence-boundary'
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="evidenceFile"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`), file.bytes, Buffer.from('\r\n'))
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

async function sendReturn(client: TestClient, url: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }, options: { stream?: boolean; csrf?: string } = {}) {
  const body = multipart(fields, file)
  const csrf = options.csrf ?? client.csrfToken
  return client.request({
    method: 'POST',
    url: `${url}?_csrf=${encodeURIComponent(csrf)}`,
    // A stream is sent without a Content-Length, so only the streamed size can stop it.
    payload: options.stream ? Readable.from([body.payload]) : body.payload,
    headers: { 'content-type': body.contentType },
  })
}

const returnCount = async () => Number((await t.db.db.select({ n: sql<number>`count(*)` }).from(svReturns))[0]!.n)
const storedFiles = () => {
  try {
    return readdirSync(path.join(t.filesDir, 'social-value-evidence'))
  } catch {
    return []
  }
}

before(async () => {
  t = await createTestApp({ clock: () => new Date('2026-12-07T12:00:00Z') })
  provider = await t.signedIn('provider@demo.catalyst.test')
  commissioner = await t.signedIn('commissioner@demo.catalyst.test')
  councillor = await t.signedIn('councillor@demo.catalyst.test')
  otherAdmin = await t.signedIn('admin@other.catalyst.test')
  const demo = (await findCouncil(t.db.db, 'DEMO'))!
  riverside = (await t.db.db.select({ id: providers.id }).from(providers).where(and(eq(providers.councilId, demo.id), eq(providers.name, 'Riverside Community Care'))))[0]!.id
  const [own] = await t.db.db.select({ id: svCommitments.id }).from(svCommitments).where(and(eq(svCommitments.councilId, demo.id), eq(svCommitments.providerId, riverside))).orderBy(asc(svCommitments.createdAt)).limit(1)
  reportUrl = `/providers/${riverside}/social-value/commitments/${own!.id}`
  const [others] = await t.db.db.select({ id: svCommitments.id, providerId: svCommitments.providerId }).from(svCommitments).where(and(eq(svCommitments.councilId, demo.id), ne(svCommitments.providerId, riverside))).limit(1)
  othersCommitment = others!
})
after(async () => t.close())

describe('attaching an evidence file to a return', () => {
  let fileId = ''

  test('the form asks for a file, sent as multipart with its form token in the action', async () => {
    const form = await provider.get(reportUrl)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /enctype="multipart\/form-data"/)
    assert.match(form.body, /action="[^"]+\?_csrf=[^"]+"/)
    assert.match(pageText(form.body), /Evidence file \(optional\) For example a payroll summary or attendance sheets: a PDF, a JPEG or PNG image, a Word, Excel, PowerPoint or OpenDocument file, or a CSV file, smaller than 10 MB/)
  })

  test('a PDF is accepted with the return, stored under a random name, and the upload is audited', async () => {
    await provider.get(reportUrl)
    const before = await returnCount()
    const sent = await sendReturn(provider, reportUrl, RETURN_FIELDS, { name: 'C:\\fakepath\\Payroll summary Q2.pdf', bytes: PDF })
    assert.equal(sent.statusCode, 303, pageText(sent.body).slice(0, 400))
    assert.equal(await returnCount(), before + 1)
    const [file] = await t.db.db.select().from(svEvidenceFiles).orderBy(sql`${svEvidenceFiles.uploadedAt} desc`).limit(1)
    assert.equal(file!.originalName, 'Payroll summary Q2.pdf', 'the folder a browser sent is dropped')
    assert.equal(file!.mediaType, 'application/pdf')
    assert.equal(file!.sizeBytes, PDF.length)
    assert.deepEqual(storedFiles(), [file!.storedName])
    assert.doesNotMatch(file!.storedName, /Payroll|pdf/, 'nothing of the provider’s name reaches the file system')
    fileId = file!.id
    const audit = await t.db.db.select().from(auditEntries).where(and(eq(auditEntries.entityType, 'sv-evidence-file'), eq(auditEntries.entityId, fileId)))
    assert.equal(audit.length, 1)
    assert.equal(audit[0]!.action, 'upload')
    const after = audit[0]!.after as Record<string, unknown>
    assert.equal(after.originalName, 'Payroll summary Q2.pdf')
    assert.equal(after.mediaType, 'application/pdf')
    assert.equal(after.storedName, undefined, 'where it is stored is not in the audit')
    const own = pageText((await provider.get(`/providers/${riverside}/social-value`)).body)
    assert.match(own, /Evidence file: Payroll summary Q2\.pdf \(1 KB\)/)
  })

  test('the provider and the council’s officers download it as an attachment; a councillor sees its name only', async () => {
    for (const client of [provider, commissioner]) {
      const download = await client.get(`/social-value/evidence/${fileId}`)
      assert.equal(download.statusCode, 200)
      assert.deepEqual(download.rawPayload, PDF)
      assert.equal(download.headers['content-type'], 'application/pdf')
      assert.equal(download.headers['x-content-type-options'], 'nosniff')
      assert.match(String(download.headers['content-disposition']), /^attachment; filename="Payroll summary Q2\.pdf"; filename\*=UTF-8''Payroll%20summary%20Q2\.pdf$/)
      assert.match(String(download.headers['cache-control']), /no-store/)
    }
    const [file] = await t.db.db.select({ returnId: svEvidenceFiles.returnId }).from(svEvidenceFiles).where(eq(svEvidenceFiles.id, fileId))
    const officerView = pageText((await commissioner.get(`/social-value/returns/${file!.returnId}`)).body)
    assert.match(officerView, /Evidence file Download Payroll summary Q2\.pdf \(1 KB\)/)
    const councillorView = await councillor.get(`/social-value/returns/${file!.returnId}`)
    assert.match(pageText(councillorView.body), /Evidence file Payroll summary Q2\.pdf \(1 KB\): the council’s officers can download it/)
    assert.doesNotMatch(councillorView.body, new RegExp(`/social-value/evidence/${fileId}`))
    assert.equal((await councillor.get(`/social-value/evidence/${fileId}`)).statusCode, 403)
  })

  test('another council’s user, a visitor and another provider of the council cannot have it', async () => {
    assert.equal((await otherAdmin.get(`/social-value/evidence/${fileId}`)).statusCode, 404)
    const visitor = await t.client().get(`/social-value/evidence/${fileId}`)
    assert.equal(visitor.statusCode, 303)
    assert.match(String(visitor.headers.location), /^\/sign-in/)
    // A file on another provider's return, stored as an upload would store it.
    const temporary = path.join(tmpdir(), `catalyst-evidence-test-${process.pid}`)
    writeFileSync(temporary, PDF)
    const stored = await keepFile(t.filesDir, 'social-value-evidence', temporary)
    const demo = (await findCouncil(t.db.db, 'DEMO'))!
    await t.db.db.transaction((tx) =>
      reportDelivery(tx, { councilId: demo.id, commitmentId: othersCommitment.id, values: { quantity: 1, periodStart: '2025-04-01', periodEnd: '2025-06-30', evidenceUrl: null, note: null }, evidenceFile: { ...stored, originalName: 'theirs.pdf', mediaType: 'application/pdf' }, actor: systemActor('test'), now: new Date() }),
    )
    const [theirs] = await t.db.db.select({ id: svEvidenceFiles.id }).from(svEvidenceFiles).where(eq(svEvidenceFiles.originalName, 'theirs.pdf'))
    assert.equal((await provider.get(`/social-value/evidence/${theirs!.id}`)).statusCode, 404, 'another provider’s file is not found for a provider')
    assert.equal((await commissioner.get(`/social-value/evidence/${theirs!.id}`)).statusCode, 200)
    // A record whose file is gone from the files folder (not restored with the database) is not found, not a 500.
    rmSync(path.join(t.filesDir, 'social-value-evidence', stored.storedName))
    const missing = await commissioner.get(`/social-value/evidence/${theirs!.id}`)
    assert.equal(missing.statusCode, 404)
    assert.match(pageText(missing.body), /Page not found/)
    // Nor can the provider report (and upload) on the other provider's commitment.
    await provider.get(reportUrl)
    const before = await returnCount()
    const onTheirs = await sendReturn(provider, `/providers/${othersCommitment.providerId}/social-value/commitments/${othersCommitment.id}`, RETURN_FIELDS, { name: 'mine.pdf', bytes: PDF })
    assert.equal(onTheirs.statusCode, 404)
    assert.equal(await returnCount(), before)
  })
})

describe('refusals: nothing is written', () => {
  test('a file over 10 MB is refused with the reason on the form, whether its size is declared or only streamed', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024, 0x20)])
    for (const stream of [false, true]) {
      await provider.get(reportUrl)
      const before = await returnCount()
      const files = storedFiles().length
      const refused = await sendReturn(provider, reportUrl, RETURN_FIELDS, { name: 'big.pdf', bytes: big }, { stream })
      assert.equal(refused.statusCode, 413, `stream: ${stream}`)
      const page = pageText(refused.body)
      assert.match(page, /There is a problem The selected file must be smaller than 10 MB/)
      assert.match(refused.body, /href="#evidenceFile"/)
      assert.equal(await returnCount(), before)
      assert.equal(storedFiles().length, files)
    }
  })

  test('a file whose content is not an accepted type is refused whatever it is called, and so is a name that disagrees with the content', async () => {
    const cases: { name: string; bytes: Buffer; message: RegExp }[] = [
      { name: 'evidence.pdf', bytes: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200, 0), Buffer.from('PE\x00\x00')]), message: /The selected file must be a PDF, a JPEG or PNG image, a Word, Excel, PowerPoint or OpenDocument file, or a CSV file/ },
      { name: 'notes.txt', bytes: Buffer.from('Some notes about the placements\n'), message: /The selected file must be a PDF/ },
      { name: 'data.csv', bytes: Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x00]), message: /The selected file must be a PDF/ },
      { name: 'photo.pdf', bytes: png(), message: /The selected file is a PNG image but its name ends “\.pdf”: rename it to end \.png/ },
    ]
    for (const c of cases) {
      await provider.get(reportUrl)
      const before = await returnCount()
      const files = storedFiles().length
      const refused = await sendReturn(provider, reportUrl, RETURN_FIELDS, { name: c.name, bytes: c.bytes, type: 'application/pdf' })
      assert.equal(refused.statusCode, 400, c.name)
      assert.match(pageText(refused.body), c.message, c.name)
      assert.equal(await returnCount(), before)
      assert.equal(storedFiles().length, files)
    }
  })

  test('a PNG and a CSV are accepted; a good file sent with a bad field must be chosen again', async () => {
    await provider.get(reportUrl)
    const bad = await sendReturn(provider, reportUrl, { ...RETURN_FIELDS, quantity: 'some' }, { name: 'photo.png', bytes: png() })
    assert.equal(bad.statusCode, 400)
    assert.match(pageText(bad.body), /The quantity delivered must be a number.*Choose photo\.png again/)
    for (const file of [{ name: 'photo.png', bytes: png(), type: 'image/png' }, { name: 'register.csv', bytes: Buffer.from('Name,Weeks\r\nA. Learner,4\r\n'), type: 'text/csv' }]) {
      await provider.get(reportUrl)
      const sent = await sendReturn(provider, reportUrl, RETURN_FIELDS, { name: file.name, bytes: file.bytes })
      assert.equal(sent.statusCode, 303, file.name)
      const [row] = await t.db.db.select({ mediaType: svEvidenceFiles.mediaType }).from(svEvidenceFiles).where(eq(svEvidenceFiles.originalName, file.name))
      assert.equal(row!.mediaType, file.type)
    }
  })

  test('without a session, or without the form token, an upload is refused before its body is read', async () => {
    const before = await returnCount()
    const files = storedFiles().length
    const visitor = t.client()
    await visitor.get('/')
    const anonymous = await sendReturn(visitor, reportUrl, RETURN_FIELDS, { name: 'x.pdf', bytes: PDF })
    assert.equal(anonymous.statusCode, 403)
    const forged = await sendReturn(provider, reportUrl, RETURN_FIELDS, { name: 'x.pdf', bytes: PDF }, { csrf: 'not-the-token' })
    assert.equal(forged.statusCode, 403)
    const otherCouncil = await sendReturn(otherAdmin, reportUrl, RETURN_FIELDS, { name: 'x.pdf', bytes: PDF })
    assert.equal(otherCouncil.statusCode, 403, 'an administrator does not report a provider’s delivery')
    assert.equal(await returnCount(), before)
    assert.equal(storedFiles().length, files)
  })

  test('a return without any file still needs a link or a note', async () => {
    await provider.get(reportUrl)
    const none = await sendReturn(provider, reportUrl, RETURN_FIELDS)
    assert.equal(none.statusCode, 400)
    assert.match(pageText(none.body), /Attach an evidence file, give a link to the evidence, or say in the note what the evidence is/)
  })
})
