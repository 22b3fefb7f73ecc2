import { createTestApp } from './test/support/app.ts'
const t = await createTestApp()
const r = await t.client().get('/')
console.log(r.statusCode, r.body.match(/<header[\s\S]*?<main/)![0].replace(/\n\s*\n/g, '\n').slice(-700))
const a = await t.signedIn('admin@demo.catalyst.test')
const u = await a.get('/admin/users/new')
console.log(u.statusCode, u.body.match(/<\/header>[\s\S]*?<main/)![0].replace(/\n\s*\n/g, '\n'))
await t.close()
