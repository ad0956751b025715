import { createResource, createSignal, For } from 'solid-js'
import { fetchNames } from '../editing/editing-api.ts'
import { im } from './interim-messages.ts'

/**
 * The plots of a new agreement, chosen by name from a searchable list (several with Ctrl or
 * Shift), never typed as numbers. The search only hides names, so chosen plots stay chosen.
 */
export function PlotsChooser() {
  const [plots] = createResource(() => 'plots', fetchNames)
  const [search, setSearch] = createSignal('')
  const matches = (name: string) =>
    name.toLocaleLowerCase('de').includes(search().trim().toLocaleLowerCase('de'))
  return (
    <div class="plots-chooser">
      <label>
        {im('plotsSearch')}
        <input type="search" value={search()} onInput={(event) => setSearch(event.currentTarget.value)} />
      </label>
      <label>
        {im('plotIds')}
        <select name="plot_ids" multiple size={6} required>
          <For each={plots()}>
            {(plot) => (
              <option value={String(plot.id)} hidden={!matches(plot.name)}>
                {plot.name}
              </option>
            )}
          </For>
        </select>
      </label>
    </div>
  )
}
