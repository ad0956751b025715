import { For, onCleanup } from 'solid-js'
import { lang } from '../i18n/locale.ts'
import { type EditingMessage, et } from './editing-messages.ts'

// The editing toolbar: every tool is a button with an accessible name and a keyboard shortcut
// (single keys while the focus is not in a form field; Ctrl/⌘+Z and +Shift+Z or +Y for undo/redo).

export type ToolAction =
  | 'drawPolygon'
  | 'drawLine'
  | 'drawPoint'
  | 'editSelected'
  | 'split'
  | 'hole'
  | 'merge'
  | 'buffer'
  | 'undo'
  | 'redo'
  | 'snapping'

const tools: { action: Exclude<ToolAction, 'snapping'>; key: string; symbol: string }[] = [
  { action: 'drawPolygon', key: 'P', symbol: '▱' },
  { action: 'drawLine', key: 'L', symbol: '╱' },
  { action: 'drawPoint', key: 'O', symbol: '•' },
  { action: 'editSelected', key: 'E', symbol: '✎' },
  { action: 'split', key: 'S', symbol: '✂' },
  { action: 'hole', key: 'H', symbol: '◌' },
  { action: 'merge', key: 'M', symbol: '⊕' },
  { action: 'buffer', key: 'B', symbol: '⇔' },
  { action: 'undo', key: 'Control+Z', symbol: '↶' },
  { action: 'redo', key: 'Control+Shift+Z', symbol: '↷' },
]

type Props = { run(action: ToolAction): void; snapping: boolean }

/** The toolbar; registers its shortcuts on the document and removes them with the component. */
export function EditingToolbar(props: Props) {
  const onKey = (event: KeyboardEvent) => {
    const element = event.target as HTMLElement | null
    if (element?.closest('input, textarea, select')) return
    const key = event.key.toLowerCase()
    if (event.ctrlKey || event.metaKey) {
      if (key === 'z' || key === 'y') {
        event.preventDefault()
        props.run(key === 'y' || event.shiftKey ? 'redo' : 'undo')
      }
      return
    }
    if (event.altKey) return
    if (key === 'n') return props.run('snapping')
    const tool = tools.find((t) => t.key.length === 1 && t.key.toLowerCase() === key)
    if (tool) props.run(tool.action)
  }
  document.addEventListener('keydown', onKey)
  onCleanup(() => document.removeEventListener('keydown', onKey))
  const name = (action: EditingMessage) => et(action)
  return (
    <div role="toolbar" aria-label={et('editing')} class="editing-toolbar">
      <For each={tools}>
        {(tool) => (
          <button
            type="button"
            aria-label={name(tool.action)}
            title={`${name(tool.action)} (${tool.key})`}
            aria-keyshortcuts={tool.key}
            onClick={() => props.run(tool.action)}
          >
            {tool.symbol}
          </button>
        )}
      </For>
      <button
        type="button"
        aria-label={et('snapping')}
        title={`${et('snapping')} (N)`}
        aria-keyshortcuts="N"
        aria-pressed={props.snapping}
        onClick={() => props.run('snapping')}
      >
        {lang() === 'en' ? 'Snap' : 'Fang'}
      </button>
    </div>
  )
}
