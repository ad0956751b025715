import { createSignal, For, onMount, Show } from 'solid-js'
import { label } from '../i18n/locale.ts'
import type { Field } from './attribute-fields.ts'
import { et } from './editing-messages.ts'
import type { Conflict } from './editing-session.ts'
import type { Side } from './three-way-merge.ts'

type Props = {
  fields: Field[]
  conflict: Conflict
  onKeepTheirs(): void
  /** Edits from their outline or from mine (geometry changed by both). */
  onChooseShape(side: Side): void
  /** Saves the merge with, per conflicting field, the chosen side. */
  onSave(choices: Record<string, Side>): void
}

/**
 * After a 412, what both sides changed: only those fields side by side, each with a choice (mine
 * preselected); what one side alone changed is already merged and listed. When both changed the
 * outline, theirs is drawn dashed on the map and the planner picks which one to keep editing.
 */
export function ConflictView(props: Props) {
  const [choice, setChoice] = createSignal<Record<string, Side>>({})
  const [shape, setShape] = createSignal<Side>('mine')
  const fieldOf = (name: string) => props.fields.find((f) => f.name === name)
  const theirs = () => (props.conflict.theirs.feature.properties ?? {}) as Record<string, unknown>
  const merged = () =>
    [...props.conflict.result.fromTheirs, ...props.conflict.result.fromMine]
      .map((name) => label(fieldOf(name)?.label ?? { de: name, en: name }))
      .join(', ')
  const authors = () =>
    [
      ...new Set(props.conflict.between.map((v) => v.author?.name ?? v.author?.email ?? et('anonymous'))),
    ].join(', ')
  let section: HTMLElement | undefined
  onMount(() => section?.scrollIntoView({ block: 'nearest' }))
  const pickShape = (side: Side) => {
    setShape(side)
    props.onChooseShape(side)
  }
  return (
    <section ref={section} class="conflict" role="alertdialog" aria-labelledby="conflict-title">
      <h3 id="conflict-title">{et('conflictTitle')}</h3>
      <Show when={authors()}>
        <p>
          {et('changedBy')}: {authors()}
        </p>
      </Show>
      <p>{et('conflictBoth')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{et('property')}</th>
            <th scope="col">{et('theirs')}</th>
            <th scope="col">{et('mine')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.conflict.result.conflicts}>
            {(name) => (
              <tr data-field={name}>
                <th scope="row">{label(fieldOf(name)?.label ?? { de: name, en: name })}</th>
                <td>
                  <label>
                    <input
                      type="radio"
                      name={`merge-${name}`}
                      checked={choice()[name] === 'theirs'}
                      onChange={() => setChoice({ ...choice(), [name]: 'theirs' })}
                    />
                    {show(theirs()[name])}
                  </label>
                </td>
                <td>
                  <label>
                    <input
                      type="radio"
                      name={`merge-${name}`}
                      checked={(choice()[name] ?? 'mine') === 'mine'}
                      onChange={() => setChoice({ ...choice(), [name]: 'mine' })}
                    />
                    {show(props.conflict.mine.properties[name])}
                  </label>
                </td>
              </tr>
            )}
          </For>
          <Show when={props.conflict.result.geometry === 'conflict'}>
            <tr data-field="geometry">
              <th scope="row">{et('shape')}</th>
              <td>
                <label>
                  <input
                    type="radio"
                    name="merge-geometry"
                    checked={shape() === 'theirs'}
                    onChange={() => pickShape('theirs')}
                  />
                  {et('theirs')}
                </label>
              </td>
              <td>
                <label>
                  <input
                    type="radio"
                    name="merge-geometry"
                    checked={shape() === 'mine'}
                    onChange={() => pickShape('mine')}
                  />
                  {et('mine')}
                </label>
              </td>
            </tr>
          </Show>
        </tbody>
      </table>
      <Show when={merged()}>
        <p class="merged-fields">
          {et('mergedAlready')}: {merged()}
        </p>
      </Show>
      <div class="actions">
        <button type="button" onClick={() => props.onKeepTheirs()}>
          {et('keepTheirs')}
        </button>
        <button type="button" onClick={() => props.onSave({})}>
          {et('keepMine')}
        </button>
        <button type="button" class="primary" onClick={() => props.onSave(choice())}>
          {et('mergeAttributes')}
        </button>
      </div>
    </section>
  )
}

function show(value: unknown): string {
  return value === null || value === undefined || value === '' ? '–' : String(value)
}
