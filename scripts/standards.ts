/**
 * The official schemas of the open standards, read from a folder outside the project (never copied into it), as
 * validators: OCDS 1.1.5 packages (JSON Schema draft-04) and 360Giving 1.4.3 (draft 2020-12).
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import Ajv4 from 'ajv-draft-04'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

/**
 * `--standards DIR` when given, else `<repo>/../shared/standards` or the nearest `shared/standards` above the
 * repository.
 */
export function findStandards(): string {
  const flag = process.argv.indexOf('--standards')
  if (flag > 0 && process.argv[flag + 1]) return path.resolve(process.argv[flag + 1]!)
  const repo = path.resolve(import.meta.dirname, '..')
  for (let dir = path.dirname(repo); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared/standards')
    if (fs.existsSync(candidate)) return candidate
    if (path.dirname(dir) === dir) return path.join(path.dirname(repo), 'shared/standards')
  }
}

export const STANDARDS_DIR = findStandards()

function readSchema(relative: string): Record<string, unknown> {
  const file = path.join(STANDARDS_DIR, relative)
  assert.ok(fs.existsSync(file), `The official schema ${relative} is not at ${file}: give the folder that holds ocds-1.1.5 and 360giving-1.4.3 with --standards DIR`)
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
}

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null }
type AjvLike = { addSchema(schema: object): unknown; compile(schema: object): Validate }

export function ocdsValidators(): { releasePackage: Validate; recordPackage: Validate } {
  const ajv = new (Ajv4 as unknown as new (options: object) => AjvLike)({ strict: false, allErrors: true })
  ;(addFormats as unknown as (ajv: AjvLike) => void)(ajv)
  ajv.addSchema(readSchema('ocds-1.1.5/release-schema.json'))
  ajv.addSchema(readSchema('ocds-1.1.5/versioned-release-validation-schema.json'))
  return { releasePackage: ajv.compile(readSchema('ocds-1.1.5/release-package-schema.json')), recordPackage: ajv.compile(readSchema('ocds-1.1.5/record-package-schema.json')) }
}

export function threeSixtyGivingValidator(): Validate {
  // The 1.4.3 files name their metaschema with http://, which Ajv knows as https://: their own shape is not checked.
  const ajv = new (Ajv2020 as unknown as new (options: object) => AjvLike)({ strict: false, allErrors: true, validateSchema: false })
  ;(addFormats as unknown as (ajv: AjvLike) => void)(ajv)
  ajv.addSchema(readSchema('360giving-1.4.3/360-giving-schema.json'))
  return ajv.compile(readSchema('360giving-1.4.3/360-giving-package-schema.json'))
}
