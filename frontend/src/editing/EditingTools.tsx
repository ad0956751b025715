import { createSignal, For, Show } from 'solid-js'
import type { Account } from '../api/auth-api.ts'
import { label } from '../i18n/locale.ts'
import type { MapHandle } from '../map/map-view.ts'
import { findLayer, type LayerId } from '../registry.ts'
import { AsOfControl } from './AsOfControl.tsx'
import { AttributeForm } from './AttributeForm.tsx'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import { ConflictView } from './ConflictView.tsx'
import { DeletedPanel } from './DeletedPanel.tsx'
import { EditingStatus } from './EditingStatus.tsx'
import { EditingToolbar, type ToolAction } from './EditingToolbar.tsx'
import { versionOf } from './editing-api.ts'
import { et } from './editing-messages.ts'
import { createEditingSession, writable } from './editing-session.ts'
import { HistoryPanel } from './HistoryPanel.tsx'
import './editing.css'

/** The attribute form's id: save sits in the panel's footer, outside the scrolling form. */
const formId = 'editing-form'

/** The planners' editing panel: toolbar, measurements, validation, form, conflicts, history. */
export default function EditingTools(props: { map: MapHandle; account: Account }) {
  const editing = createEditingSession(props.map)
  const [confirmingDelete, setConfirmingDelete] = createSignal(false)

  const run = (action: ToolAction) => {
    const actions: Record<ToolAction, () => void> = {
      drawPolygon: () => editing.startDrawing('polygon'),
      drawLine: () => editing.startDrawing('linestring'),
      drawPoint: () => editing.startDrawing('point'),
      editSelected: () => void editing.editSelected(),
      split: editing.split,
      hole: editing.hole,
      merge: editing.merge,
      buffer: editing.buffer,
      undo: editing.undo,
      redo: editing.redo,
      snapping: editing.toggleSnapping,
    }
    actions[action]()
  }

  return (
    <aside class="editing-panel sheet" aria-label={et('editing')}>
      <div class="editing-head">
        <h2>
          {editing.target().id === undefined
            ? et('newFeature')
            : `${et('editingFeature')} ${editing.target().id}`}
        </h2>
        <EditingToolbar run={run} snapping={editing.snapping()} />
      </div>
      <div class="editing-body">
        <label class="inline">
          {et('layer')}{' '}
          <select
            aria-label={et('layer')}
            value={editing.target().collection}
            onChange={(event) => editing.chooseCollection(event.currentTarget.value as LayerId)}
            disabled={editing.target().id !== undefined}
          >
            <For each={writable}>{(l) => <option value={l.id}>{label(l.title)}</option>}</For>
          </select>
        </label>
        <label class="inline">
          {et('bufferMetres')}{' '}
          <input
            type="number"
            min="0.5"
            step="0.5"
            value={editing.bufferMetres()}
            onInput={(e) => editing.setBufferMetres(Number(e.currentTarget.value))}
          />
        </label>
        <EditingStatus
          measurement={editing.measurement()}
          validation={editing.validation()}
          problem={editing.problem()}
          notice={editing.notice()}
        />
        <Show when={editing.conflict()}>
          {(c) => (
            <ConflictView
              fields={editing.fields()}
              conflict={c()}
              onKeepTheirs={editing.keepTheirs}
              onChooseShape={editing.chooseShape}
              onSave={editing.saveMerged}
            />
          )}
        </Show>
        <form
          id={formId}
          onSubmit={(event) => {
            event.preventDefault()
            editing.save()
          }}
        >
          <AttributeForm
            fields={editing.fields()}
            values={editing.values}
            errors={editing.fieldErrors()}
            onInput={editing.setValue}
            onPick={editing.pickReference}
          />
        </form>
        <Show when={editing.target().id !== undefined}>
          <button type="button" class="delete-feature" onClick={() => setConfirmingDelete(true)}>
            {et('deleteFeature')}
          </button>
        </Show>
        <Show when={editing.justDeleted()}>
          {(last) => (
            <p class="undo-delete" role="status">
              {et('deleted')}: {last().name}{' '}
              <button type="button" onClick={editing.undoDelete}>
                {et('undoDelete')}
              </button>
            </p>
          )}
        </Show>
        <Show when={editing.versions().length > 0}>
          <HistoryPanel
            versions={editing.versions()}
            current={versionOf(editing.target().etag)}
            onShow={editing.showVersion}
            onRestore={(version) => void editing.restore(version)}
          />
        </Show>
        <DeletedPanel
          layer={findLayer(editing.target().collection)}
          deleted={editing.deletedList()}
          onOpen={editing.refreshDeleted}
          onRestore={editing.bringBack}
        />
        <AsOfControl map={props.map} show={editing.showAsOf} />
      </div>
      <div class="editing-actions">
        <button type="submit" form={formId} class="primary" disabled={!editing.canSave()}>
          {et('save')}
        </button>
        <button type="button" onClick={editing.discard}>
          {et('discard')}
        </button>
      </div>
      <ConfirmDialog
        open={confirmingDelete()}
        title={et('confirmDelete')}
        confirmLabel={et('deleteFeature')}
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={() => {
          setConfirmingDelete(false)
          void editing.remove()
        }}
      >
        <strong>„{editing.featureName()}“</strong> {et('confirmDeleteText')}
      </ConfirmDialog>
    </aside>
  )
}
