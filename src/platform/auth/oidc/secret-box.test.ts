import assert from 'node:assert/strict'
import { test } from 'node:test'
import { open, seal } from './secret-box.ts'

const INSTANCE = 'an instance secret of more than thirty-two characters'
const COUNCIL = '7d6f3f9e-2a4b-4c1d-9e8f-0a1b2c3d4e5f'

test('a sealed client secret opens with the same instance secret and council, and does not show in the stored text', () => {
  const sealed = seal(INSTANCE, COUNCIL, 'entra-client-secret~123')
  assert.ok(!sealed.includes('entra-client-secret'))
  assert.equal(open(INSTANCE, COUNCIL, sealed), 'entra-client-secret~123')
  assert.notEqual(seal(INSTANCE, COUNCIL, 'entra-client-secret~123'), sealed, 'each sealing uses a fresh IV')
})

test('it does not open with another instance secret, for another council, or once altered', () => {
  const sealed = seal(INSTANCE, COUNCIL, 'secret')
  assert.equal(open('another instance secret entirely, also long enough', COUNCIL, sealed), undefined)
  assert.equal(open(INSTANCE, '00000000-0000-4000-8000-000000000000', sealed), undefined)
  const parts = sealed.split('.')
  const body = Buffer.from(parts[2]!, 'base64url')
  body[0] = body[0]! ^ 1
  assert.equal(open(INSTANCE, COUNCIL, [parts[0], parts[1], body.toString('base64url'), parts[3]].join('.')), undefined)
  assert.equal(open(INSTANCE, COUNCIL, 'not sealed at all'), undefined)
})
