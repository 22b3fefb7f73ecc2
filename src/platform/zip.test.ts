import assert from 'node:assert/strict'
import { test } from 'node:test'
import zlib from 'node:zlib'
import { zipSync, strToU8 } from 'fflate'
import { openSpendFile } from '../modules/spend/reader/file.ts'
import { unzipWithLimits, ZipLimitError } from './zip.ts'

/**
 * A zip of one CSV that inflates to `megabytes` MB, built on the fly (zlib, a megabyte at a time) so the test
 * never holds the big file and no large file is committed.
 */
function bomb(megabytes: number): Buffer {
  const row = Buffer.from('2025-04-01,Acme Ltd,12.50\n'.repeat(40_000).slice(0, 1024 * 1024))
  // Deflate blocks compressed on their own and ended with a sync flush can follow one another in one stream:
  // the megabyte is compressed once and repeated, then an empty final block ends the stream.
  const block = zlib.deflateRawSync(row, { finishFlush: zlib.constants.Z_SYNC_FLUSH })
  const chunks: Buffer[] = []
  let crc = 0
  for (let i = 0; i < megabytes; i++) {
    crc = zlib.crc32(row, crc)
    chunks.push(block)
  }
  chunks.push(zlib.deflateRawSync(Buffer.alloc(0)))
  const data = Buffer.concat(chunks)
  const name = Buffer.from('payments.csv')
  const size = megabytes * row.length
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8)
  local.writeUInt32LE(crc >>> 0, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(size >>> 0, 22); local.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10)
  central.writeUInt32LE(crc >>> 0, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(size >>> 0, 24); central.writeUInt16LE(name.length, 28)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10)
  end.writeUInt32LE(46 + name.length, 12); end.writeUInt32LE(30 + name.length + data.length, 16)
  return Buffer.concat([local, name, data, central, name, end])
}

test('a zip bomb (a few MB inflating to 1 GB) is refused with a clear reason, without inflating it', () => {
  const started = Date.now()
  const zipped = bomb(1024)
  console.log(`# bomb: ${(zipped.length / 1024 / 1024).toFixed(1)} MB zipped, 1024 MB inside, built in ${Date.now() - started} ms`)
  global.gc?.()
  const before = process.memoryUsage().rss
  const opened = openSpendFile('bomb.zip', zipped)
  const grew = process.memoryUsage().rss - before
  assert.equal(opened.ok, false)
  assert.match(opened.ok ? '' : opened.reason, /compressed more than 200 times.*zip bomb|unpacks to more than 256 MB/)
  assert.ok(grew < 128 * 1024 * 1024, `memory grew ${grew} bytes`)
})

test('the total cap holds for many members that each look ordinary', () => {
  const text = strToU8('Date,Supplier,Amount\n' + Array.from({ length: 60_000 }, (_, i) => `2025-04-01,Supplier ${i * 7919},${i}.50`).join('\n'))
  const zipped = zipSync({ 'a.csv': text, 'b.csv': text, 'c.csv': text })
  assert.throws(() => unzipWithLimits(zipped, () => true, { maxTotalBytes: 2 * text.length }), (error: Error) => error instanceof ZipLimitError && /unpacks to more than/.test(error.message))
  const all = unzipWithLimits(zipped, () => true)
  assert.deepEqual(Object.keys(all).sort(), ['a.csv', 'b.csv', 'c.csv'])
  assert.equal(all['b.csv']!.length, text.length)
})
