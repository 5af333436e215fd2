import { getMetadataStorage, validate, type ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

/**
 * Validates input objects with class-validator, imported once. type-graphql's built-in path imports
 * class-validator dynamically on every argument, which costs a module-loader round trip per request.
 */
export async function validateInput(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const items = Array.isArray(value) ? value : [value];
  const errors: ValidationError[] = [];
  for (const item of items) {
    if (item && typeof item === 'object')
      errors.push(...(await validate(item, { forbidUnknownValues: false })));
  }
  if (errors.length) throw new ArgumentValidationError(errors);
}

type Storage = ReturnType<typeof getMetadataStorage>;
type Rules = ReturnType<Storage['getTargetValidationMetadatas']>;

/**
 * class-validator looks a class's rules up again on every object it validates, walking every validated class of
 * the schema for inherited ones, then groups them by property: a third of its time on a ballot. The rules are
 * fixed once the classes are loaded, so for calls like ours (no groups) they are remembered per class and schema
 * name (a nested object is looked up under its parent's name), and forgotten whenever a rule or constraint is added
 * (a class loaded late).
 */
function rememberRules(storage: Storage): void {
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const groupByProperty = storage.groupByPropertyName.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  let remembered = new WeakMap<object, Map<string | undefined, Rules>>();
  const grouped = new WeakMap<Rules, ReturnType<Storage['groupByPropertyName']>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (always || strictGroups || groups?.length) return lookUp(target, schema, always, strictGroups, groups);
    let bySchema = remembered.get(target);
    if (!bySchema) remembered.set(target, (bySchema = new Map()));
    let rules = bySchema.get(schema);
    if (!rules) bySchema.set(schema, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.groupByPropertyName = (rules) => {
    let byProperty = grouped.get(rules);
    if (!byProperty) grouped.set(rules, (byProperty = groupByProperty(rules)));
    return byProperty;
  };
  storage.addValidationMetadata = (rule) => {
    remembered = new WeakMap();
    addRule(rule);
  };
  storage.addConstraintMetadata = (constraint) => {
    remembered = new WeakMap();
    addConstraint(constraint);
  };
}
rememberRules(getMetadataStorage());
