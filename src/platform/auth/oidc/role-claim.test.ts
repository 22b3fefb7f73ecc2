import assert from 'node:assert/strict'
import { test } from 'node:test'
import { claimValues, governedRoles, mappedRoles } from './role-claim.ts'

test('claim values are read as Entra sends them (an array), as one string or a spaced list, and by a dotted path', () => {
  assert.deepEqual(claimValues({ roles: ['Catalyst.Admin', 'Other.App'] }, 'roles'), ['Catalyst.Admin', 'Other.App'])
  assert.deepEqual(claimValues({ roles: 'Catalyst.Admin' }, 'roles'), ['Catalyst.Admin'])
  assert.deepEqual(claimValues({ roles: 'a b  c' }, 'roles'), ['a', 'b', 'c'])
  assert.deepEqual(claimValues({ realm_access: { roles: ['finance'] } }, 'realm_access.roles'), ['finance'])
  assert.deepEqual(claimValues({ roles: [1, null, 'x', ''] }, 'roles'), ['x'])
  assert.deepEqual(claimValues({}, 'roles'), [])
  // Groups are not roles: a mapping on "roles" ignores a groups claim.
  assert.deepEqual(claimValues({ groups: ['a0b1c2d3-0000-0000-0000-000000000000'] }, 'roles'), [])
})

test('values map to roles exactly (case matters, as in Entra) and unmapped values give nothing', () => {
  const mapping = { admin: ['Catalyst.Admin'], commissioner: ['Catalyst.Commissioner', 'Commissioning'] }
  assert.deepEqual(mappedRoles(['Catalyst.Commissioner'], mapping), ['commissioner'])
  assert.deepEqual(mappedRoles(['Commissioning', 'Catalyst.Admin'], mapping), ['admin', 'commissioner'])
  assert.deepEqual(mappedRoles(['catalyst.admin'], mapping), [])
  assert.deepEqual(mappedRoles(['Unmapped.Role'], mapping), [])
  assert.deepEqual(governedRoles({ ...mapping, finance: [] }), ['admin', 'commissioner'])
})
