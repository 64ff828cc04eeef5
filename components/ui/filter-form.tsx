import { Button } from "./button";

export interface FilterSelect {
  name: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
}

/** A GET form of filters (selects, an optional search box and checkboxes) that works without JavaScript and is kept in the URL. */
export function FilterForm(props: {
  filters: FilterSelect[];
  applyLabel: string;
  hidden?: Record<string, string>;
  search?: { name: string; label: string; value: string; placeholder: string };
  checks?: Array<{ name: string; label: string; checked: boolean }>;
}) {
  return (
    <form className="mb-4 flex flex-wrap items-end gap-2" method="get">
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.search ? (
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-800">{props.search.label}</span>
          <input type="search" name={props.search.name} defaultValue={props.search.value} placeholder={props.search.placeholder} className="h-9 w-64 max-w-full rounded-md border border-slate-300 bg-white px-2 text-sm" />
        </label>
      ) : null}
      {props.filters.map((filter) => (
        <label key={filter.name} className="text-sm">
          <span className="mb-1 block font-medium text-slate-800">{filter.label}</span>
          <select name={filter.name} defaultValue={filter.value} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
            {filter.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      {(props.checks ?? []).map((check) => (
        <label key={check.name} className="flex h-9 items-center gap-2 text-sm">
          <input type="checkbox" name={check.name} value="1" defaultChecked={check.checked} />
          {check.label}
        </label>
      ))}
      <Button type="submit" variant="secondary" className="h-9">
        {props.applyLabel}
      </Button>
    </form>
  );
}
