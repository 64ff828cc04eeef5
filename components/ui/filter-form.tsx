import { Button } from "./button";

export interface FilterSelect {
  name: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
}

/** A GET form of selects: filters that work without JavaScript and are kept in the URL. */
export function FilterForm(props: { filters: FilterSelect[]; applyLabel: string; hidden?: Record<string, string> }) {
  return (
    <form className="mb-4 flex flex-wrap items-end gap-2" method="get">
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
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
      <Button type="submit" variant="secondary" className="h-9">
        {props.applyLabel}
      </Button>
    </form>
  );
}
