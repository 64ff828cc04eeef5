"use client";

import { Button } from "./button";

/** The confirmation step of a destructive action: says what will happen, focuses the confirm button. */
export function ConfirmPanel(props: { message: string; confirmLabel: string; cancelLabel: string; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div role="group" className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3">
      <p className="text-sm text-amber-900">{props.message}</p>
      <div className="flex gap-2">
        <Button variant="danger" onClick={props.onConfirm} disabled={props.pending} autoFocus>
          {props.confirmLabel}
        </Button>
        <Button variant="secondary" onClick={props.onCancel} disabled={props.pending}>
          {props.cancelLabel}
        </Button>
      </div>
    </div>
  );
}
