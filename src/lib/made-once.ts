/**
 * `make` wrapped so that it runs once per list of arguments and its result is kept. For `Intl`
 * objects: making a formatter costs far more than using it, and a build formats dates, numbers
 * and names on each of thousands of pages in the same three languages.
 */
export function madeOnce<A extends string[], R>(make: (...args: A) => R): (...args: A) => R {
  const made = new Map<string, R>();
  return (...args) => {
    const key = args.join('\u0000');
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(...args)));
    return value;
  };
}
