/**
 * Which parts of the record a Yjs transaction changed, as paths `<root>/<key>` ("entries/<id>",
 * "profile/bloodGroup"). Stored sealed beside each update, so that if the update itself is damaged
 * the app can still say which entries it concerned (DESIGN §7) — without lib/vault knowing the
 * record's model.
 */
import type * as Y from 'yjs';

// Yjs declares its shared types as AbstractType<YEvent<any>>; we only walk their parents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<Y.YEvent<any>>;

export function touchedPaths(transaction: Y.Transaction): string[] {
  const doc = transaction.doc;
  const rootNames = new Map<SharedType, string>();
  for (const [name, type] of doc.share) rootNames.set(type, name);

  const paths = new Set<string>();
  transaction.changed.forEach((keys, type) => {
    let node: SharedType = type;
    let topItem: Y.Item | null = null;
    while (node._item) {
      topItem = node._item;
      node = topItem.parent as SharedType;
    }
    const root = rootNames.get(node) ?? '?';
    if (topItem) {
      paths.add(topItem.parentSub ? `${root}/${topItem.parentSub}` : root);
    } else {
      // A change to a root type itself: its keys (maps) or the whole root (arrays, text).
      const named = [...keys].filter((key): key is string => typeof key === 'string');
      if (named.length === 0) paths.add(root);
      for (const key of named) paths.add(`${root}/${key}`);
    }
  });
  return [...paths].sort();
}
