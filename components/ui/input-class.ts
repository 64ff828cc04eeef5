// Shared look of text inputs and selects.
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-brand-500 disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-500";
