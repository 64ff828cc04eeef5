"use client";

import * as RadixTabs from "@radix-ui/react-tabs";
import type { ReactNode } from "react";

export interface TabItem<V extends string> {
  value: V;
  label: ReactNode;
  /** Fields with errors behind this tab: the tab is marked invalid and says how many. */
  errors?: number;
  errorsLabel?: ReactNode;
}

const LOOKS = {
  /** Channels: the outer row of tabs. */
  pill: { list: "flex flex-wrap gap-2", active: "bg-brand-600 text-white", idle: "border border-slate-300 bg-white", invalid: "ring-2 ring-red-500", errorOnActive: "text-white" },
  /** Entities: the inner row, underlined. */
  line: { list: "flex flex-wrap gap-2 border-b border-slate-200 pb-2", active: "bg-brand-50 font-semibold text-brand-700", idle: "text-slate-700 hover:bg-slate-100", invalid: "ring-1 ring-red-500", errorOnActive: "text-red-700" },
} as const;

/**
 * Tabs on Radix: arrow keys move between them (roving focus), Home/End jump, the panel is labelled by its
 * tab, and a tab hiding errors carries aria-invalid with their count in its name.
 */
export function Tabs<V extends string>(props: { label: string; value: V; onChange: (value: V) => void; items: Array<TabItem<V>>; look?: keyof typeof LOOKS; children: ReactNode; panelClassName?: string }) {
  const look = LOOKS[props.look ?? "line"];
  return (
    <RadixTabs.Root value={props.value} onValueChange={(value) => props.onChange(value as V)} className="space-y-3">
      <RadixTabs.List aria-label={props.label} className={look.list}>
        {props.items.map((item) => {
          const active = item.value === props.value;
          return (
            <RadixTabs.Trigger
              key={item.value}
              value={item.value}
              aria-invalid={item.errors ? true : undefined}
              className={`rounded-md px-3 py-1.5 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${active ? look.active : look.idle} ${item.errors ? look.invalid : ""}`}
            >
              {item.label}
              {item.errors ? <span className={`ml-1 ${active ? look.errorOnActive : "text-red-700"}`}>· {item.errorsLabel}</span> : null}
            </RadixTabs.Trigger>
          );
        })}
      </RadixTabs.List>
      <RadixTabs.Content value={props.value} className={props.panelClassName}>
        {props.children}
      </RadixTabs.Content>
    </RadixTabs.Root>
  );
}
