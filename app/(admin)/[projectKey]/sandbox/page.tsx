import { sectionMetadata } from "@/lib/pages/section-metadata";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { TableShell } from "@/components/ui/table-shell";
import { requireProjectPage } from "@/lib/auth/session";
import { crmName } from "@/lib/connectors/registry";
import { sandboxEnabled } from "@/lib/env";
import { translateKnown } from "@/lib/i18n/config";
import { getTranslator } from "@/lib/i18n/server";
import { isAccountName, isSandboxCrm, SANDBOX_CRMS } from "@/lib/sandbox/accounts";
import { sandboxSnapshot } from "@/lib/sandbox/viewer";

export const generateMetadata = sectionMetadata("nav.sandbox");

// Everything a sandbox CRM holds, so a person can see what Callbridge wrote without a real CRM.
export default async function SandboxViewerPage({ params, searchParams }: { params: Promise<{ projectKey: string }>; searchParams: Promise<{ crm?: string; account?: string }> }) {
  const { projectKey } = await params;
  const { project } = await requireProjectPage(projectKey);
  const t = await getTranslator();
  const query = await searchParams;
  const crm = isSandboxCrm(query.crm) ? query.crm : SANDBOX_CRMS[0];
  const accountName = query.account && isAccountName(query.account) ? query.account : null;
  if (!sandboxEnabled()) {
    return (
      <>
        <PageHeader title={t("nav.sandbox")} about={t("sandbox.about")} />
        <EmptyState title={t("nav.sandbox")} body={t("sandbox.off")} />
      </>
    );
  }
  const snapshot = await sandboxSnapshot(crm, project, accountName);
  // The CRMs' own module and column names, in the admin's language where they have one.
  const label = (kind: "col" | "mod", name: string) => translateKnown(t, `sandbox.${kind}.${name}`, name);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.sandbox")} about={t("sandbox.about")} />
      <nav className="flex gap-2" aria-label="CRM">
        {SANDBOX_CRMS.map((name) => (
          <Link
            key={name}
            href={`/${projectKey}/sandbox?crm=${name}`}
            aria-current={crm === name ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ${crm === name ? "bg-brand-600 text-white" : "border border-slate-300 bg-white text-slate-700"}`}
          >
            {crmName(name)}
          </Link>
        ))}
      </nav>
      {snapshot ? (
        <>
          <FilterForm
            applyLabel={t("audit.apply")}
            hidden={{ crm }}
            filters={[{ name: "account", label: t("sandbox.account"), value: snapshot.account, options: snapshot.accounts.map((name) => ({ value: name, label: name })) }]}
          />
          {snapshot.modules.map((module) => (
            <section key={module.module} aria-labelledby={`module-${module.module}`} className="space-y-2">
              <h2 id={`module-${module.module}`} className="text-base font-semibold">
                {t("sandbox.module", { module: label("mod", module.label), count: module.rows.length })}
              </h2>
              {module.rows.length === 0 ? (
                <p className="text-sm text-slate-500">{t("sandbox.empty")}</p>
              ) : (
                <TableShell scroll testId={`sandbox-${module.module}`} headers={module.columns.map((column) => label("col", column))}>
                      {module.rows.map((row, index) => (
                        // The first column is the record's id: a caller card's link lands on its row (#Contacts-42).
                        <tr key={index} id={`${module.module}-${row[0]}`} className="scroll-mt-20 target:bg-amber-100">
                          {row.map((cell, cellIndex) => (
                            // Long values (the custom fields' list) wrap; ids, names and dates stay on one line.
                            <td key={cellIndex} className={cell.length > 40 ? "min-w-64 px-3 py-1.5" : "whitespace-nowrap px-3 py-1.5"}>
                              {cell}
                            </td>
                          ))}
                        </tr>
                      ))}
                </TableShell>
              )}
            </section>
          ))}
          <section aria-labelledby="recordings" className="space-y-2">
            <h2 id="recordings" className="text-base font-semibold">
              {t("sandbox.module", { module: t("sandbox.recordings"), count: snapshot.files.length })}
            </h2>
            {snapshot.files.length === 0 ? (
              <p className="text-sm text-slate-500">{t("sandbox.empty")}</p>
            ) : (
              <ul className="space-y-1 text-sm" data-testid="sandbox-recordings">
                {snapshot.files.map((file, index) => (
                  <li key={index}>
                    {file.module} {file.recordId}: {file.link ? `${t("sandbox.link")} ${file.link}` : `${t("sandbox.file")} ${file.fileName} (${file.size} B)`}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : (
        <EmptyState title={t("nav.sandbox")} body={t("sandbox.empty")} />
      )}
    </div>
  );
}
