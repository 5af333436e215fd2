/** Who a nomination proposes, as lists and titles name it: the person and their unit, or the unit. */
export function nominee(n: { unit: { name: string }; person?: { fullName: string } | null }): string {
  return n.person ? `${n.person.fullName} (${n.unit.name})` : n.unit.name;
}
