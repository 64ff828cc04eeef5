export function PageHeader({ title, about }: { title: string; about: string }) {
  return (
    <header className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">{about}</p>
    </header>
  );
}
