import { controlCharacterIn } from '../contract/text.ts'
import { Problem } from './problem.ts'

// Control characters in parsed JSON bodies (see contract/text.ts for the rule itself).

/**
 * The path (a.b.0) and character of the first key or string in parsed JSON that holds a control
 * character other than tab and line breaks, or undefined when there is none.
 */
export function controlCharacterInJson(
  value: unknown,
  path: readonly (string | number)[] = [],
): { path: string; character: string } | undefined {
  if (typeof value === 'string') {
    const character = controlCharacterIn(value, true)
    return character ? { path: path.join('.') || '(body)', character } : undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value)
  for (const [key, item] of entries) {
    const keyCharacter = typeof key === 'string' ? controlCharacterIn(key, true) : undefined
    if (keyCharacter) return { path: [...path, '(name)'].join('.'), character: keyCharacter }
    const found = controlCharacterInJson(item, [...path, key])
    if (found) return found
  }
  return undefined
}

/** 422 naming the first field of a parsed JSON body that holds a control character. */
export function refuseControlCharactersInJson(body: unknown): void {
  const found = controlCharacterInJson(body)
  if (!found) return
  throw new Problem(
    422,
    'control-character',
    'Control character in the body',
    `${found.path}: ${found.character} is not allowed; only long texts may hold tabs and line breaks`,
    { errors: [{ field: found.path, message: `control character ${found.character}` }] },
  )
}
