import { createSignal, For } from 'solid-js'
import { label } from '../i18n/locale.ts'
import type { Field } from './attribute-fields.ts'
import { et } from './editing-messages.ts'

type Props = {
  fields: Field[]
  theirs: Record<string, unknown>
  mine: Record<string, unknown>
  onKeepTheirs(): void
  onKeepMine(): void
  /** Saves my geometry with, per field, the chosen side's value. */
  onMerge(properties: Record<string, unknown>): void
}

/**
 * Theirs and mine side by side after a 412: their geometry is drawn on the map (dashed), the
 * attributes here; the planner keeps theirs, keeps mine, or picks per attribute.
 */
export function ConflictView(props: Props) {
  const differing = () => props.fields.filter((f) => show(props.theirs[f.name]) !== show(props.mine[f.name]))
  const [choice, setChoice] = createSignal<Record<string, 'theirs' | 'mine'>>({})
  const merged = () => {
    const result: Record<string, unknown> = { ...props.mine }
    for (const field of props.fields) {
      if ((choice()[field.name] ?? 'mine') === 'theirs') result[field.name] = props.theirs[field.name]
    }
    return result
  }
  return (
    <section class="conflict" role="alertdialog" aria-labelledby="conflict-title">
      <h3 id="conflict-title">{et('conflictTitle')}</h3>
      <p>{et('conflictHelp')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{et('property')}</th>
            <th scope="col">{et('theirs')}</th>
            <th scope="col">{et('mine')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={differing()}>
            {(field) => (
              <tr>
                <th scope="row">{label(field.label)}</th>
                <td>
                  <label>
                    <input
                      type="radio"
                      name={`merge-${field.name}`}
                      checked={choice()[field.name] === 'theirs'}
                      onChange={() => setChoice({ ...choice(), [field.name]: 'theirs' })}
                    />
                    {show(props.theirs[field.name])}
                  </label>
                </td>
                <td>
                  <label>
                    <input
                      type="radio"
                      name={`merge-${field.name}`}
                      checked={(choice()[field.name] ?? 'mine') === 'mine'}
                      onChange={() => setChoice({ ...choice(), [field.name]: 'mine' })}
                    />
                    {show(props.mine[field.name])}
                  </label>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="actions">
        <button type="button" onClick={() => props.onKeepTheirs()}>
          {et('keepTheirs')}
        </button>
        <button type="button" onClick={() => props.onKeepMine()}>
          {et('keepMine')}
        </button>
        <button type="button" onClick={() => props.onMerge(merged())}>
          {et('mergeAttributes')}
        </button>
      </div>
    </section>
  )
}

function show(value: unknown): string {
  return value === null || value === undefined || value === '' ? '–' : String(value)
}
