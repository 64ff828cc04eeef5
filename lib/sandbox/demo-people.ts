// The sales team of the demo: the sandbox CRMs' users, matched by e-mail to the demo project's employees.
export const DEMO_PEOPLE = [
  { firstName: "Olena", lastName: "Koval", email: "olena.koval@callbridge.local" },
  { firstName: "Marek", lastName: "Nowak", email: "marek.nowak@callbridge.local" },
  { firstName: "Iryna", lastName: "Bondar", email: "iryna.bondar@callbridge.local" },
] as const;
