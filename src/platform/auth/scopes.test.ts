import assert from 'node:assert/strict'
import { test } from 'node:test'
import { accessOf, allows, moduleOfApiRoute, parseScope } from './scopes.ts'

test('write includes read; a module scope covers only its module; * covers all', () => {
  assert.equal(allows(['contracts:read'], 'contracts', 'read'), true)
  assert.equal(allows(['contracts:read'], 'contracts', 'write'), false)
  assert.equal(allows(['contracts:write'], 'contracts', 'read'), true)
  assert.equal(allows(['contracts:write'], 'grants', 'read'), false)
  assert.equal(allows(['*:read'], 'grants', 'read'), true)
  assert.equal(allows(['*:read'], 'grants', 'write'), false)
  assert.equal(allows(['*:write'], 'spend', 'write'), true)
  assert.equal(allows([], 'spend', 'read'), false)
  assert.equal(allows(['nonsense'], 'spend', 'read'), false)
})

test('scopes are parsed strictly', () => {
  assert.deepEqual(parseScope('route-advice:write'), { module: 'route-advice', access: 'write' })
  assert.equal(parseScope('contracts:admin'), undefined)
  assert.equal(parseScope('Contracts:read'), undefined)
  assert.equal(parseScope('contracts'), undefined)
})

test('a route’s module is its first segment under /api/v1; the index and description belong to none', () => {
  assert.equal(moduleOfApiRoute('/api/v1/contracts/:id'), 'contracts')
  assert.equal(moduleOfApiRoute('/api/v1/route-advice'), 'route-advice')
  assert.equal(moduleOfApiRoute('/api/v1'), undefined)
  assert.equal(moduleOfApiRoute('/api/v1/openapi.json'), undefined)
  assert.equal(accessOf('GET'), 'read')
  assert.equal(accessOf('PATCH'), 'write')
  assert.equal(accessOf('POST', 'read'), 'read')
})
