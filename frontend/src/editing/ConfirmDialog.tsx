import { createEffect, createUniqueId, type JSX } from 'solid-js'
import { et } from './editing-messages.ts'
import './confirm-dialog.css'

type Props = {
  open: boolean
  title: string
  children: JSX.Element
  confirmLabel: string
  onConfirm(): void
  onCancel(): void
}

/** A modal question before a step that is hard to take back; Escape and "Cancel" decline. */
export function ConfirmDialog(props: Props) {
  let dialog: HTMLDialogElement | undefined
  const title = createUniqueId()
  createEffect(() => {
    if (props.open && !dialog?.open) dialog?.showModal()
    if (!props.open && dialog?.open) dialog.close()
  })
  return (
    <dialog
      ref={dialog}
      class="confirm"
      role="alertdialog"
      aria-labelledby={title}
      onCancel={() => props.onCancel()}
    >
      <h3 id={title}>{props.title}</h3>
      <div>{props.children}</div>
      <div class="actions">
        <button type="button" onClick={() => props.onCancel()}>
          {et('cancel')}
        </button>
        <button type="button" class="danger" onClick={() => props.onConfirm()}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
