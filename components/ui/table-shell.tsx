import type { ReactNode } from "react";

/** The frame, header row and body of the admin app's data tables; rows come as children. */
export function TableShell({ headers, testId, scroll = false, children }: { headers: ReactNode[]; testId?: string; scroll?: boolean; children: ReactNode }) {
  return (
    <div className={`overflow-x-auto rounded-lg border border-slate-200 bg-white ${scroll ? "max-h-96 overflow-y-auto" : ""}`}>
      <table className="min-w-full text-left text-sm" data-testid={testId}>
        <thead className={`bg-slate-50 text-xs uppercase text-slate-500 ${scroll ? "sticky top-0" : ""}`}>
          <tr>
            {headers.map((header, index) => (
              <th key={index} className="px-3 py-2">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
